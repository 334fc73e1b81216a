package vn.clinicterm.terminal.storage.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import vn.clinicterm.terminal.storage.StorageException;

/**
 * Opening SQLite the one way the visit log allows: every writable connection runs in WAL with
 * {@code synchronous=FULL} (a commit survives a power cut), foreign keys on, a busy timeout, and
 * {@code secure_delete} (deleted rows are overwritten), and reads these back — a connection that does not have them
 * is refused. Schema changes are numbered migrations recorded in {@code schema_version}.
 */
public final class Database {

    public static final int BUSY_TIMEOUT_MS = 5000;

    /** The migrations, in order; migration {@code i} brings the schema to version {@code i + 1}. Only ever append. */
    static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE visits (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              recorded_at INTEGER NOT NULL,
              terminal_id TEXT NOT NULL,
              staff_user TEXT NOT NULL,
              id_hmac BLOB NOT NULL,
              id_number BLOB NOT NULL,
              full_name BLOB NOT NULL,
              date_of_birth BLOB,
              gender BLOB NOT NULL,
              residence BLOB NOT NULL,
              indication TEXT NOT NULL CHECK (indication IN ('PASSED', 'FAILED', 'INDETERMINATE')),
              sub_indication TEXT NOT NULL,
              reasons TEXT NOT NULL,
              access_method TEXT NOT NULL,
              clone_check TEXT NOT NULL CHECK (clone_check IN ('CA', 'AA', 'NONE')),
              clone_confirmed INTEGER NOT NULL,
              eligibility TEXT NOT NULL,
              eligibility_details BLOB,
              eligibility_at INTEGER,
              override_by_staff INTEGER NOT NULL,
              consent_purpose TEXT,
              consent_notice_version TEXT,
              consent_staff TEXT,
              consent_at INTEGER,
              CHECK (indication <> 'FAILED' OR override_by_staff = 1)
            )""",
            "CREATE INDEX visits_by_card ON visits(id_hmac, recorded_at)",
            "CREATE INDEX visits_by_time ON visits(recorded_at)",
            """
            CREATE TABLE outbox (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              visit_id INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
              idempotency_key TEXT NOT NULL UNIQUE,
              payload BLOB NOT NULL,
              state TEXT NOT NULL CHECK (state IN ('QUEUED', 'SENT', 'FAILED', 'DEAD_LETTER')),
              attempts INTEGER NOT NULL DEFAULT 0,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL,
              next_attempt_at INTEGER,
              last_error TEXT
            )""",
            "CREATE INDEX outbox_by_state ON outbox(state, id)",
            "CREATE INDEX outbox_by_visit ON outbox(visit_id)",
            """
            CREATE TABLE audit_log (
              seq INTEGER PRIMARY KEY,
              at INTEGER NOT NULL,
              type TEXT NOT NULL,
              actor TEXT NOT NULL,
              details TEXT NOT NULL,
              prev_hash BLOB NOT NULL,
              hash BLOB NOT NULL
            )""",
            """
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
            """
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
            """
            CREATE TABLE users (
              name TEXT PRIMARY KEY,
              role TEXT NOT NULL CHECK (role IN ('RECEPTION', 'AUDITOR', 'ADMIN')),
              password_hash TEXT NOT NULL,
              failed_attempts INTEGER NOT NULL DEFAULT 0,
              locked_until INTEGER,
              created_at INTEGER NOT NULL
            )"""),
            // 2: the outbox feeds sync-client's Outbox: a kind per entry, an opaque per-patient ordering key (the
            // hex HMAC of the ID number), an IN_FLIGHT state, and the last success. SQLite cannot change a CHECK
            // constraint in place, so the table is rebuilt; rows written before this version were visit uploads.
            List.of("""
            CREATE TABLE outbox_v2 (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              visit_id INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
              idempotency_key TEXT NOT NULL UNIQUE,
              kind TEXT NOT NULL CHECK (kind IN ('VISIT', 'ELIGIBILITY_CHECK', 'AUDIT_ANCHOR')),
              patient_key TEXT NOT NULL,
              payload BLOB NOT NULL,
              state TEXT NOT NULL CHECK (state IN ('QUEUED', 'IN_FLIGHT', 'SENT', 'FAILED', 'DEAD_LETTER')),
              attempts INTEGER NOT NULL DEFAULT 0,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL,
              next_attempt_at INTEGER,
              last_error TEXT,
              receipt TEXT
            )""",
            """
            INSERT INTO outbox_v2(id, visit_id, idempotency_key, kind, patient_key, payload, state, attempts,
                created_at, updated_at, next_attempt_at, last_error)
            SELECT o.id, o.visit_id, o.idempotency_key, 'VISIT', lower(hex(v.id_hmac)), o.payload, o.state,
                o.attempts, o.created_at, o.updated_at, o.next_attempt_at, o.last_error
            FROM outbox o JOIN visits v ON v.id = o.visit_id""",
            "DROP TABLE outbox",
            "ALTER TABLE outbox_v2 RENAME TO outbox",
            "CREATE INDEX outbox_by_state ON outbox(state, id)",
            "CREATE INDEX outbox_by_visit ON outbox(visit_id)",
            "CREATE INDEX outbox_by_patient ON outbox(patient_key, id)",
            "CREATE TABLE sync_status (name TEXT PRIMARY KEY, at INTEGER NOT NULL)"),
            // 3 (issue 9): what the hospital system supplied for a visit (encrypted JSON), the BHXH check-in record's
            // state and receipt, and the hand-off API's per-client tokens (only their SHA-256 is kept).
            List.of("ALTER TABLE visits ADD COLUMN his_data BLOB",
            "ALTER TABLE visits ADD COLUMN checkin_state TEXT"
                    + " CHECK (checkin_state IS NULL OR checkin_state IN ('QUEUED', 'SENT', 'REFUSED'))",
            "ALTER TABLE visits ADD COLUMN checkin_code TEXT",
            "ALTER TABLE visits ADD COLUMN checkin_received TEXT",
            "ALTER TABLE visits ADD COLUMN checkin_error TEXT",
            """
            CREATE TABLE handoff_tokens (
              name TEXT PRIMARY KEY,
              token_hash BLOB NOT NULL UNIQUE,
              created_at INTEGER NOT NULL,
              created_by TEXT NOT NULL,
              revoked_at INTEGER
            )"""),
            // 4 (issue 9): the BHXH check-in outbox's schedule. The state stays in visits.checkin_state (QUEUED =
            // pending, SENT, REFUSED = dead letter); this table holds the attempts and when the next one is due, so
            // a record the gateway could not answer waits its backoff instead of being re-sent at every round.
            List.of("""
            CREATE TABLE checkin_attempts (
              visit_id INTEGER PRIMARY KEY REFERENCES visits(id) ON DELETE CASCADE,
              attempts INTEGER NOT NULL DEFAULT 0,
              queued_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL,
              next_attempt_at INTEGER,
              last_error TEXT
            )""",
            "CREATE INDEX checkin_attempts_due ON checkin_attempts(next_attempt_at)",
            "CREATE INDEX visits_by_checkin_state ON visits(checkin_state) WHERE checkin_state IS NOT NULL",
            """
            INSERT INTO checkin_attempts(visit_id, queued_at, updated_at)
            SELECT id, recorded_at, recorded_at FROM visits WHERE checkin_state = 'QUEUED'"""));

    private Database() {}

    public static int latestVersion() {
        return MIGRATIONS.size();
    }

    /** A read-write connection; call {@link #configure} after {@link #quickCheck} passed. */
    public static Connection openWritable(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** A connection that cannot write (used for a database that failed its check, and for streaming reads). */
    public static Connection openReadOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            st.execute("PRAGMA foreign_keys = ON");
            st.execute("PRAGMA query_only = ON");
        }
        return c;
    }

    /** {@code "ok"}, or what {@code PRAGMA quick_check} found (page numbers, never row contents). */
    public static String quickCheck(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
            while (rs.next() && lines.size() < 5) {
                lines.add(rs.getString(1));
            }
        }
        return String.join("; ", lines);
    }

    /** Sets the connection's pragmas, then reads every one back; a mismatch is a {@link StorageException}. */
    public static void configure(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = FULL");
            st.execute("PRAGMA foreign_keys = ON");
            st.execute("PRAGMA secure_delete = ON");
        }
        expect(c, "journal_mode", "wal");
        expect(c, "synchronous", "2");
        expect(c, "foreign_keys", "1");
        expect(c, "busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
        expect(c, "secure_delete", "1");
    }

    /** The value of {@code PRAGMA name}, as text. */
    public static String pragma(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void expect(Connection c, String name, String expected) throws SQLException {
        String actual = pragma(c, name);
        if (!expected.equalsIgnoreCase(actual)) {
            throw new StorageException("the visit database connection has " + name + "=" + actual + ", not "
                    + expected + " (durability cannot be guaranteed)");
        }
    }

    /** The schema version (0 for a new file). */
    public static int schemaVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
                if (!rs.next() || rs.getInt(1) == 0) {
                    return 0;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Brings the schema to {@link #latestVersion()}, each migration in its own transaction. */
    public static void migrate(Connection c, Clock clock) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        }
        int current = schemaVersion(c);
        if (current > latestVersion()) {
            throw new StorageException("the visit database has schema version " + current
                    + ", newer than this ClinicTerm understands (" + latestVersion() + ")");
        }
        for (int v = current + 1; v <= latestVersion(); v++) {
            try (Statement st = c.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                try {
                    for (String sql : MIGRATIONS.get(v - 1)) {
                        st.execute(sql);
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO schema_version(version, applied_at) VALUES (?, ?)")) {
                        ps.setInt(1, v);
                        ps.setLong(2, clock.millis());
                        ps.executeUpdate();
                    }
                    st.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    st.execute("ROLLBACK");
                    throw e;
                }
            }
        }
    }
}
