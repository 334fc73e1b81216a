package vn.clinicterm.terminal.storage;

import java.time.Instant;

/**
 * One audit-log entry as stored. {@code details} is JSON that never holds personal data (visit ids, outcomes,
 * counts, file hashes). The hash construction is in {@code docs/decisions/0004-audit-chain.md}.
 */
public record AuditEntry(long seq, Instant time, AuditType type, String actor, String details, String prevHash,
        String hash) {}
