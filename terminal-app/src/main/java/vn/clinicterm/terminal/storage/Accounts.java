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
import java.util.Objects;
import java.util.Optional;
import vn.clinicterm.terminal.storage.internal.PasswordHasher;

/**
 * Local staff accounts (reception, auditor, admin) with Argon2id password hashes. After N consecutive failures an
 * account is locked for a period; every login — success, failure, lockout — is an audit entry. The password check
 * runs outside the database lock, so a login never delays a check-in.
 *
 * <p>Administrators can also {@link #lock} an account until they {@link #unlock} it (a login is then refused with
 * {@link LoginOutcome.LockedOut} at {@link #ADMINISTRATOR_LOCK}) and {@link #resetPassword set a new password} for
 * one. Every such change is audited with the administrator as the actor, never with a password. The last
 * administrator who is not locked cannot be locked, and nobody can lock themself, so the terminal always keeps an
 * administrator who can log in.
 */
public final class Accounts {

    /**
     * The {@code lockedUntil} of an account an administrator locked: far enough away to mean "until unlocked", and
     * how {@link LoginOutcome.LockedOut#until()} tells an administrator's lock from a lockout after failed logins.
     */
    public static final Instant ADMINISTRATOR_LOCK = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * A staff account as administrators see it.
     *
     * @param failedAttempts consecutive failed logins since the last success, lockout, unlock or password reset
     * @param lockedUntil when present and later than now, no password is checked before then;
     *     {@link #ADMINISTRATOR_LOCK} for an administrator's lock
     */
    public record Account(String name, Role role, int failedAttempts, Optional<Instant> lockedUntil) {

        public Account {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }

        /** Whether an administrator locked it (it stays locked until unlocked). */
        public boolean lockedByAdministrator() {
            return lockedUntil.filter(Accounts::isAdministratorLock).isPresent();
        }

        /** Whether a login at {@code now} is refused without checking the password. */
        public boolean lockedAt(Instant now) {
            return lockedUntil.filter(now::isBefore).isPresent();
        }

        public User user() {
            return new User(name, role);
        }
    }

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

    /** Every account with its failed-login count and lock, by name. */
    public List<Account> accounts() {
        return log.read(c -> {
            List<Account> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT name, role, failed_attempts, locked_until FROM users ORDER BY name")) {
                while (rs.next()) {
                    out.add(account(rs));
                }
            }
            return out;
        });
    }

    /** Whether {@code lockedUntil} (e.g. of a {@link LoginOutcome.LockedOut}) is an administrator's lock. */
    public static boolean isAdministratorLock(Instant lockedUntil) {
        return !lockedUntil.isBefore(ADMINISTRATOR_LOCK);
    }

    /**
     * Locks {@code name} until an administrator unlocks it; audited as USER_LOCKED with {@code actor}. Locking an
     * account that is locked already changes nothing but is audited too (somebody asked).
     *
     * @throws IllegalArgumentException when there is no such account, or {@code actor} would lock themself
     * @throws IllegalStateException when {@code name} is the last administrator who is not locked by an administrator
     */
    public Account lock(String name, String actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor.equals(name)) {
            throw new IllegalArgumentException("an administrator cannot lock their own account");
        }
        Instant now = clock.instant();
        return log.write(c -> {
            Account a = account(c, name);
            if (a.role() == Role.ADMIN && !a.lockedByAdministrator() && otherAdministratorsNotLocked(c, name) == 0) {
                throw new IllegalStateException("the account " + name
                        + " is the last administrator who is not locked; it cannot be locked");
            }
            setCounters(c, name, a.failedAttempts(), ADMINISTRATOR_LOCK);
            log.appendAudit(c, now, AuditType.USER_LOCKED, actor, Map.of("user", name, "role", a.role().name()));
            return new Account(name, a.role(), a.failedAttempts(), Optional.of(ADMINISTRATOR_LOCK));
        });
    }

    /**
     * Lifts an administrator's lock or a lockout after failed logins, and forgets the failed attempts; audited as
     * USER_UNLOCKED with {@code actor} and what kind of lock it was ({@code administrator}, {@code failedLogins} or
     * {@code none}).
     *
     * @throws IllegalArgumentException when there is no such account
     */
    public Account unlock(String name, String actor) {
        Objects.requireNonNull(actor, "actor");
        Instant now = clock.instant();
        return log.write(c -> {
            Account a = account(c, name);
            String was = a.lockedByAdministrator() ? "administrator" : a.lockedAt(now) ? "failedLogins" : "none";
            setCounters(c, name, 0, null);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("user", name);
            d.put("role", a.role().name());
            d.put("lock", was);
            log.appendAudit(c, now, AuditType.USER_UNLOCKED, actor, d);
            return new Account(name, a.role(), 0, Optional.empty());
        });
    }

    /**
     * Sets a new password for {@code name} without the old one (an administrator helping someone who forgot it), with
     * the same rules as {@link #addUser}; forgets failed attempts and lifts any lock. Audited as PASSWORD_RESET with
     * {@code actor}; the password is never recorded. The caller wipes {@code password}.
     *
     * @throws IllegalArgumentException when there is no such account or the password is shorter than 8 characters
     */
    public Account resetPassword(String name, char[] password, String actor) {
        Objects.requireNonNull(actor, "actor");
        if (password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
        if (find(name).isEmpty()) { // before the expensive hash; checked again in the transaction
            throw new IllegalArgumentException("there is no user " + name);
        }
        String hash = PasswordHasher.hash(password, hashing, random);
        Instant now = clock.instant();
        return log.write(c -> {
            Account a = account(c, name);
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ? WHERE name = ?")) {
                ps.setString(1, hash);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            setCounters(c, name, 0, null);
            log.appendAudit(c, now, AuditType.PASSWORD_RESET, actor, Map.of("user", name, "role", a.role().name()));
            return new Account(name, a.role(), 0, Optional.empty());
        });
    }

    private static Account account(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, role, failed_attempts, locked_until FROM users WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("there is no user " + name);
                }
                return account(rs);
            }
        }
    }

    private static Account account(ResultSet rs) throws java.sql.SQLException {
        long locked = rs.getLong(4);
        Optional<Instant> until = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(locked));
        return new Account(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getInt(3), until);
    }

    /** Administrators other than {@code name} whom no administrator locked (a lockout after failures ends by itself). */
    private static int otherAdministratorsNotLocked(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM users WHERE role = 'ADMIN' AND name <> ?"
                + " AND (locked_until IS NULL OR locked_until < ?)")) {
            ps.setString(1, name);
            ps.setLong(2, ADMINISTRATOR_LOCK.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
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
            Instant lockedMeanwhile = currentLock(c, name);
            if (lockedMeanwhile != null && now.isBefore(lockedMeanwhile)) {
                // an administrator locked the account (or another attempt locked it out) while this password was
                // being checked: the lock wins, and is not overwritten
                log.appendAudit(c, now, AuditType.LOGIN_LOCKOUT, name, Map.of("user", name, "lockedUntil",
                        lockedMeanwhile.toString(), "attempt", "refused"));
                return new LoginOutcome.LockedOut(lockedMeanwhile);
            }
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

    private static Instant currentLock(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT locked_until FROM users WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long v = rs.getLong(1);
                return rs.wasNull() ? null : Instant.ofEpochMilli(v);
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
