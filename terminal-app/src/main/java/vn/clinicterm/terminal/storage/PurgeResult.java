package vn.clinicterm.terminal.storage;

import java.time.Instant;

/** What a retention purge removed: visits (with their outbox entries) recorded before {@code cutoff}. */
public record PurgeResult(Instant cutoff, int visitsDeleted) {}
