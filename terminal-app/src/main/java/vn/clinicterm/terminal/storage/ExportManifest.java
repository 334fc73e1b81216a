package vn.clinicterm.terminal.storage;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What an export contains and who vouches for it: written as {@code FILE.manifest.json}, signed with the terminal's
 * Ed25519 key over its canonical bytes (the compact JSON of every member but {@code signature}, in this order).
 *
 * @param file the export's file name (no directory)
 * @param sha256 lower-case hex of the export file's bytes
 * @param chainHead the audit-chain head covering the export (its seq is the EXPORT entry itself)
 * @param publicKey Base64 X.509 encoding of the signer's Ed25519 key
 * @param signature Base64 Ed25519 signature
 */
public record ExportManifest(String format, String file, long rows, String sha256, LocalDate from, LocalDate to,
        boolean fullIds, ChainHead chainHead, Instant createdAt, String terminalId, String publicKey,
        String signature) {}
