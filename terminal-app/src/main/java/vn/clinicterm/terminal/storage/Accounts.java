package vn.clinicterm.terminal.storage;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.clinicterm.terminal.storage.internal.PasswordHasher;

/**
 * Local staff accounts (reception, auditor, admin) with Argon2id password hashes. After N consecutive failures an
 * account is locked for a period; every login — success, failure, lockout — is an audit entry. The password check
 * runs outside the database lock, so a login never delays a check-in.
 */
public final class Accounts {

    private static final String NAME_PATTERN = "[A-Za-z0-9._-]{1,64}";
    private static final int MIN_PASSWORD = 8;

    private final VisitLog log;
    private final Clock clock;
    private final SecureRandom random;
    private final PasswordHashing hashing;
    private final int threshold;
    private final Duration lockout;
    private final String dummyHash;

    Accounts(VisitLog log, Clock clock, SecureRandom random, PasswordHashing hashing, int threshold,
            Duration lockout) {
        this.log = log;
        this.clock = clock;
        this.random = random;
        this.hashing = hashing;
        this.threshold = threshold;
        this.lockout = lockout;
        this.dummyHash = PasswordHasher.hash("not-a-password".toCharArray(), hashing, random);
    }

    /**
     * Adds an account. {@code actor} is the admin doing it ({@code "setup"} for the first account).
     *
     * @throws IllegalArgumentException for a bad or taken name, or a password shorter than 8 characters
     */
    public User addUser(String name, Role role, char[] password, String actor) {
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException("a user name is 1-64 letters, digits, '.', '_' or '-'");
        }
        if (password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
        String hash = PasswordHasher.hash(password, hashing, random);
        Instant now = clock.instant();
        return log.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new IllegalArgumentException("the user " + name + " already exists");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO users(name, role, password_hash, created_at) VALUES (?,?,?,?)")) {
                ps.setString(1, name);
                ps.setString(2, role.name());
                ps.setString(3, hash);
                ps.setLong(4, now.toEpochMilli());
                ps.executeUpdate();
            }
            log.appendAudit(c, now, AuditType.USER_ADDED, actor, Map.of("user", name, "role", role.name()));
            return new User(name, role);
        });
    }

    public Optional<User> find(String name) {
        return log.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT role FROM users WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new User(name, Role.valueOf(rs.getString(1)))) : Optional.empty();
                }
            }
        });
    }

    public List<User> users() {
        return log.read(c -> {
            List<User> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT name, role FROM users ORDER BY name")) {
                while (rs.next()) {
                    out.add(new User(rs.getString(1), Role.valueOf(rs.getString(2))));
                }
            }
            return out;
        });
    }

    /** Whether no account exists yet (the first one may then be created without logging in). */
    public boolean none() {
        return users().isEmpty();
    }

    private record Row(Role role, String hash, int failures, Instant lockedUntil) {}

    private Optional<Row> row(String name) {
        return log.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT role, password_hash, failed_attempts, locked_until FROM users WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long locked = rs.getLong(4);
                    return Optional.of(new Row(Role.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3),
                            rs.wasNull() ? null : Instant.ofEpochMilli(locked)));
                }
            }
        });
    }

    /** Checks a password; audited whatever the outcome. */
    public LoginOutcome authenticate(String name, char[] password) {
        Optional<Row> found = row(name);
        Instant now = clock.instant();
        if (found.isEmpty()) {
            PasswordHasher.verify(password, dummyHash); // same time as a real check: do not reveal which names exist
            log.write(c -> log.appendAudit(c, now, AuditType.LOGIN_FAILURE, "(unknown user)",
                    Map.of("reason", "unknown user")));
            return new LoginOutcome.Rejected();
        }
        Row user = found.get();
        if (user.lockedUntil() != null && now.isBefore(user.lockedUntil())) {
            log.write(c -> log.appendAudit(c, now, AuditType.LOGIN_LOCKOUT, name,
                    Map.of("user", name, "lockedUntil", user.lockedUntil().toString(), "attempt", "refused")));
            return new LoginOutcome.LockedOut(user.lockedUntil());
        }
        boolean ok = PasswordHasher.verify(password, user.hash());
        return log.write(c -> {
            int failures = currentFailures(c, name);
            if (ok) {
                setCounters(c, name, 0, null);
                log.appendAudit(c, now, AuditType.LOGIN_SUCCESS, name, Map.of("user", name, "role", user.role().name()));
                return new LoginOutcome.Authenticated(new User(name, user.role()));
            }
            int n = failures + 1;
            if (n >= threshold) {
                Instant until = now.plus(lockout);
                setCounters(c, name, 0, until);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("user", name);
                d.put("failures", n);
                d.put("lockedUntil", until.toString());
                log.appendAudit(c, now, AuditType.LOGIN_LOCKOUT, name, d);
                return new LoginOutcome.LockedOut(until);
            }
            setCounters(c, name, n, null);
            log.appendAudit(c, now, AuditType.LOGIN_FAILURE, name, Map.of("user", name, "failures", n));
            return new LoginOutcome.Rejected();
        });
    }

    /** Changes a password after checking the old one (the check counts as a login attempt). */
    public LoginOutcome changePassword(String name, char[] oldPassword, char[] newPassword) {
        if (newPassword.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
        LoginOutcome outcome = authenticate(name, oldPassword);
        if (outcome instanceof LoginOutcome.Authenticated) {
            String hash = PasswordHasher.hash(newPassword, hashing, random);
            Instant now = clock.instant();
            log.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ? WHERE name = ?")) {
                    ps.setString(1, hash);
                    ps.setString(2, name);
                    ps.executeUpdate();
                }
                return log.appendAudit(c, now, AuditType.PASSWORD_CHANGED, name, Map.of("user", name));
            });
        }
        return outcome;
    }

    /** Whether {@code user} may do {@code p}. */
    public static boolean permits(User user, Role.Permission p) {
        return user.role().permits(p);
    }

    private static int currentFailures(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT failed_attempts FROM users WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void setCounters(java.sql.Connection c, String name, int failures, Instant lockedUntil)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE name = ?")) {
            ps.setInt(1, failures);
            if (lockedUntil == null) {
                ps.setNull(2, java.sql.Types.INTEGER);
            } else {
                ps.setLong(2, lockedUntil.toEpochMilli());
            }
            ps.setString(3, name);
            ps.executeUpdate();
        }
    }
}
