package vn.clinicterm.terminal.storage.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.AuditVerification;
import vn.clinicterm.terminal.storage.AuditVerification.Problem;
import vn.clinicterm.terminal.storage.ChainHead;
import vn.clinicterm.terminal.storage.StorageException;

/**
 * The audit log's hash chain (decision record 0004):
 * <pre>
 *   leaf_n  = SHA-256(0x00 ‖ lp("clinicterm-audit/1") ‖ lp(time_ms) ‖ lp(type) ‖ lp(actor) ‖ lp(details))
 *   chain_n = SHA-256(0x01 ‖ chain_{n-1} ‖ leaf_n)          chain_0 = 32 zero bytes
 * </pre>
 * where {@code lp(s)} is the 4-byte big-endian length of the UTF-8 bytes of {@code s} followed by them, and
 * {@code time_ms} is the decimal epoch milliseconds. Appending happens inside the caller's transaction.
 */
public final class AuditChain {

    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {}

    /** Appends one entry in the caller's open transaction and returns the new head. */
    public static ChainHead append(Connection c, Instant time, AuditType type, String actor, String details)
            throws SQLException {
        ChainHead last = head(c);
        byte[] hash = chain(last.hashBytes(), leaf(time.toEpochMilli(), type.name(), actor, details));
        long seq = last.seq() + 1;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log(seq, at, type, actor, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?)")) {
            ps.setLong(1, seq);
            ps.setLong(2, time.toEpochMilli());
            ps.setString(3, type.name());
            ps.setString(4, actor);
            ps.setString(5, details);
            ps.setBytes(6, last.hashBytes());
            ps.setBytes(7, hash);
            ps.executeUpdate();
        }
        return new ChainHead(seq, HEX.formatHex(hash));
    }

    public static ChainHead head(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
            return rs.next() ? new ChainHead(rs.getLong(1), HEX.formatHex(rs.getBytes(2))) : ChainHead.EMPTY;
        }
    }

    /**
     * Walks the whole chain, then compares its end with the signed head (when there is one).
     *
     * @param anchor the signed head file's content, already checked for its signature; empty when there is no file
     * @param anchorProblem why the head file could not be used (bad signature, unreadable); empty when fine
     */
    public static AuditVerification verify(Connection c, Optional<ChainHead> anchor, Optional<String> anchorProblem)
            throws SQLException {
        byte[] prev = new byte[32];
        long expected = 1;
        long count = 0;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT seq, at, type, actor, details, prev_hash, hash FROM audit_log ORDER BY seq")) {
            while (rs.next()) {
                long seq = rs.getLong(1);
                if (seq != expected) {
                    String which = seq == expected + 1 ? "entry " + expected + " is missing"
                            : "entries " + expected + " to " + (seq - 1) + " are missing";
                    return new AuditVerification.Broken(expected, Problem.DELETED,
                            which + " (deleted from the audit log; entry " + seq + " follows entry " + (expected - 1)
                                    + ")");
                }
                byte[] storedPrev = rs.getBytes(6);
                byte[] storedHash = rs.getBytes(7);
                byte[] recomputed = chain(storedPrev == null ? new byte[32] : storedPrev,
                        leaf(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                if (storedPrev == null || storedHash == null || !Arrays.equals(recomputed, storedHash)) {
                    return new AuditVerification.Broken(seq, Problem.EDITED, "entry " + seq
                            + " was edited: its contents (time, type, actor or details) do not match its hash");
                }
                if (!Arrays.equals(storedPrev, prev)) {
                    Optional<Long> real = seqOfHash(c, storedPrev);
                    if (real.isPresent()) {
                        return new AuditVerification.Broken(seq, Problem.REORDERED, "entry " + seq
                                + " is out of order: it was written after entry " + real.get() + ", not after entry "
                                + (seq - 1));
                    }
                    return new AuditVerification.Broken(seq, Problem.BROKEN_LINK, "entry " + seq
                            + " does not follow entry " + (seq - 1)
                            + ": its link points to an entry that is no longer in the log");
                }
                prev = storedHash;
                expected++;
                count++;
            }
        }
        ChainHead end = count == 0 ? ChainHead.EMPTY : new ChainHead(expected - 1, HEX.formatHex(prev));
        if (anchorProblem.isPresent()) {
            return new AuditVerification.Broken(end.seq(), Problem.ANCHOR_INVALID, anchorProblem.get());
        }
        if (anchor.isEmpty()) {
            return new AuditVerification.Intact(count, end, false);
        }
        ChainHead signed = anchor.get();
        if (signed.seq() > end.seq()) {
            String which = signed.seq() == end.seq() + 1 ? "entry " + signed.seq() + " is missing"
                    : "entries " + (end.seq() + 1) + " to " + signed.seq() + " are missing";
            return new AuditVerification.Broken(end.seq() + 1, Problem.TRUNCATED, which
                    + ": the audit log was truncated (the signed head records entry " + signed.seq()
                    + ", the log ends at entry " + end.seq() + ")");
        }
        byte[] atHead = hashAt(c, signed.seq());
        if (signed.seq() > 0 && (atHead == null || !Arrays.equals(atHead, signed.hashBytes()))) {
            return new AuditVerification.Broken(signed.seq(), Problem.REWRITTEN, "entry " + signed.seq()
                    + " differs from the signed head: the chain up to it was rewritten");
        }
        return new AuditVerification.Intact(count, end, true);
    }

    private static Optional<Long> seqOfHash(Connection c, byte[] hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_log WHERE hash = ?")) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static byte[] hashAt(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_log WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    static byte[] leaf(long timeMillis, String type, String actor, String details) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        lp(sha, "clinicterm-audit/1");
        lp(sha, Long.toString(timeMillis));
        lp(sha, type);
        lp(sha, actor);
        lp(sha, details);
        return sha.digest();
    }

    static byte[] chain(byte[] prev, byte[] leaf) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(prev);
        sha.update(leaf);
        return sha.digest();
    }

    private static void lp(MessageDigest sha, String s) {
        byte[] b = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
        sha.update(b);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new StorageException("SHA-256 is unavailable", e);
        }
    }
}
