package vn.clinicterm.terminal.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Per-client API tokens of the local hand-off API (issue 9), created and revoked by an admin. Only the SHA-256 of a
 * token is stored (a token is 256 random bits, so a plain hash cannot be guessed back); the token itself is shown once,
 * at creation. {@link #authenticate} compares the presented token's hash with every live hash in constant time and
 * without stopping at the first match, so timing tells nothing about which tokens exist. Creation and revocation are
 * audited; a failed authentication is the caller's to audit (it knows the request).
 */
public final class HandoffTokens {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String PREFIX = "ctk_";

    /** A token as listed: never the token itself. */
    public record Token(String name, Instant createdAt, String createdBy, Optional<Instant> revokedAt) {
        public boolean live() {
            return revokedAt.isEmpty();
        }
    }

    private final VisitLog log;
    private final SecureRandom random;

    HandoffTokens(VisitLog log, SecureRandom random) {
        this.log = Objects.requireNonNull(log);
        this.random = Objects.requireNonNull(random);
    }

    /**
     * Creates a token for client {@code name} and returns it; it cannot be shown again.
     *
     * @throws IllegalArgumentException for a name that is not 1–64 letters, digits, dots, dashes or underscores, or
     *     that is already taken (even by a revoked token: names are not reused, so audit entries stay unambiguous)
     */
    public String create(String name, String actor) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a client name is 1-64 letters, digits, '.', '-' or '_'");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = log.clockInstant();
        boolean created = log.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO handoff_tokens(name, token_hash, created_at,"
                    + " created_by) VALUES (?,?,?,?) ON CONFLICT(name) DO NOTHING")) {
                ps.setString(1, name);
                ps.setBytes(2, hash(token));
                ps.setLong(3, now.toEpochMilli());
                ps.setString(4, actor);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            log.appendAudit(c, now, AuditType.HANDOFF_TOKEN, actor, Map.of("action", "create", "client", name));
            return true;
        });
        if (!created) {
            throw new IllegalArgumentException("a client named " + name + " already exists");
        }
        return token;
    }

    /** Revokes the client's token at once. False when there is no live token of that name. */
    public boolean revoke(String name, String actor) {
        Instant now = log.clockInstant();
        return log.write(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE handoff_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, name);
                n = ps.executeUpdate();
            }
            if (n == 1) {
                log.appendAudit(c, now, AuditType.HANDOFF_TOKEN, actor, Map.of("action", "revoke", "client", name));
            }
            return n == 1;
        });
    }

    public List<Token> list() {
        return log.read(c -> {
            List<Token> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, created_at, created_by, revoked_at FROM handoff_tokens ORDER BY name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long revoked = rs.getLong(4);
                    boolean live = rs.wasNull();
                    out.add(new Token(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            live ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked))));
                }
            }
            return out;
        });
    }

    /** The client whose live token this is; empty for an unknown, revoked or missing token. */
    public Optional<String> authenticate(String presented) {
        byte[] candidate = hash(presented == null ? "" : presented);
        Map<String, byte[]> live = log.read(c -> {
            Map<String, byte[]> m = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, token_hash FROM handoff_tokens WHERE revoked_at IS NULL");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getBytes(2));
                }
            }
            return m;
        });
        String match = null;
        for (Map.Entry<String, byte[]> e : live.entrySet()) {
            if (MessageDigest.isEqual(e.getValue(), candidate) && match == null) {
                match = e.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
