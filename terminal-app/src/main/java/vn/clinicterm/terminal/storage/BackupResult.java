package vn.clinicterm.terminal.storage;

import java.nio.file.Path;

/** A backup written by {@code VACUUM INTO}, checked by opening it: its visit count and audit head. */
public record BackupResult(Path file, long visits, ChainHead head) {}
