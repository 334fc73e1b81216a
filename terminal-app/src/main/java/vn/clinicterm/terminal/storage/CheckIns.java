package vn.clinicterm.terminal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable outbox of BHXH check-in records (XML0, issue 9), kept in the visit database. A visit's record is
 * {@link CheckInStatus.State#QUEUED pending} until the gateway accepts it ({@link CheckInStatus.State#SENT SENT}, with
 * {@code maGiaoDich} and {@code thoiGianTiepNhan}) or it is refused for good ({@link CheckInStatus.State#REFUSED
 * REFUSED}: the dead letters — a record that breaks a field rule, locally or at the gateway).
 *
 * <p>Contracts:
 * <ul>
 *   <li>The state lives in the visit's row; the attempts and the time the next one is due live beside it
 *       ({@code checkin_attempts}) and are written in the same transaction, so a crash never leaves a record both
 *       delivered and due.
 *   <li>A pending record is due when its next attempt time has passed (or it has none). {@link #retryLater} never
 *       changes the state: nothing but an answer of the gateway (or a local field check) moves a record out of
 *       QUEUED. A record is never sent "exactly once" by this class alone: the gateway keys check-ins by
 *       {@code MA_LK}, so re-sending a record whose answer was lost returns its first transaction code.
 *   <li>Accepting and refusing are audited ({@code CHECKIN}); errors name fields and rules, never values.
 *   <li>Purging or withdrawing a visit removes its schedule with it.
 * </ul>
 * Get one with {@link #of(VisitLog)}; it holds no state of its own.
 */
public final class CheckIns {

    /** What {@link #list} shows of one record: no personal data, the visit id only. */
    public record Entry(long visitId, CheckInStatus.State state, int attempts, Optional<Instant> nextAttemptAt,
            Optional<Instant> updatedAt, Optional<String> maGiaoDich, Optional<String> thoiGianTiepNhan,
            Optional<String> error) {

        public Entry {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(maGiaoDich, "maGiaoDich");
            Objects.requireNonNull(thoiGianTiepNhan, "thoiGianTiepNhan");
            Objects.requireNonNull(error, "error");
        }
    }

    private final VisitLog log;

    private CheckIns(VisitLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The check-in outbox of {@code log}'s database. */
    public static CheckIns of(VisitLog log) {
        return new CheckIns(log);
    }

    /**
     * Queues the visit's record (again): it becomes pending and due now, unless the gateway already accepted it.
     * False when there is no such visit or it was already accepted.
     */
    public boolean queue(long visitId) {
        Instant now = log.clockInstant();
        return log.write(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE visits SET checkin_state = 'QUEUED',"
                    + " checkin_error = NULL WHERE id = ? AND (checkin_state IS NULL OR checkin_state <> 'SENT')")) {
                ps.setLong(1, visitId);
                n = ps.executeUpdate();
            }
            if (n == 1) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO checkin_attempts(visit_id, queued_at,"
                        + " updated_at, next_attempt_at, last_error) VALUES (?, ?, ?, NULL, NULL)"
                        + " ON CONFLICT(visit_id) DO UPDATE SET updated_at = excluded.updated_at,"
                        + " next_attempt_at = NULL, last_error = NULL")) {
                    ps.setLong(1, visitId);
                    ps.setLong(2, now.toEpochMilli());
                    ps.setLong(3, now.toEpochMilli());
                    ps.executeUpdate();
                }
            }
            return n == 1;
        });
    }

    /** Pending records due at {@code now}, oldest visit first. */
    public List<Long> due(Instant now, int limit) {
        return log.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT v.id FROM visits v LEFT JOIN checkin_attempts a"
                    + " ON a.visit_id = v.id WHERE v.checkin_state = 'QUEUED'"
                    + " AND (a.next_attempt_at IS NULL OR a.next_attempt_at <= ?) ORDER BY v.id LIMIT ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /** When the earliest pending record that is not due yet becomes due; empty when none waits. */
    public Optional<Instant> nextDue() {
        return log.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT min(a.next_attempt_at)"
                    + " FROM checkin_attempts a JOIN visits v ON v.id = a.visit_id WHERE v.checkin_state = 'QUEUED'")) {
                return rs.next() ? instant(rs, 1) : Optional.<Instant>empty();
            }
        });
    }

    /**
     * The gateway did not answer (network, 5xx, 429, a timeout): the record stays pending and is due again at
     * {@code at}. Counts the attempt. False when the record is no longer pending.
     *
     * @param reason for IT, without personal data
     */
    public boolean retryLater(long visitId, Instant at, String reason) {
        Objects.requireNonNull(at, "at");
        Instant now = log.clockInstant();
        return log.write(c -> {
            if (!state(c, visitId).equals(Optional.of("QUEUED"))) {
                return false;
            }
            upsertAttempt(c, visitId, now, at, reason);
            return true;
        });
    }

    /** The gateway accepted the record: its transaction code and reception time. Counts the attempt; audited. */
    public boolean accepted(long visitId, String maGiaoDich, String thoiGianTiepNhan, String actor) {
        Objects.requireNonNull(maGiaoDich, "maGiaoDich");
        return finish(visitId, "SENT", maGiaoDich, thoiGianTiepNhan, null, actor);
    }

    /**
     * The record is refused for good — it breaks a field rule (found locally before sending, or by the gateway) or
     * cannot be built: it becomes a dead letter. Counts the attempt; audited. A record the gateway accepted is never
     * turned into a refusal (false).
     *
     * @param reason names fields and rules, never values
     */
    public boolean refused(long visitId, String reason, String actor) {
        Objects.requireNonNull(reason, "reason");
        return finish(visitId, "REFUSED", null, null, reason, actor);
    }

    private boolean finish(long visitId, String state, String code, String received, String error, String actor) {
        Instant now = log.clockInstant();
        return log.write(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE visits SET checkin_state = ?, checkin_code = ?,"
                    + " checkin_received = ?, checkin_error = ? WHERE id = ?"
                    + " AND (? = 'SENT' OR checkin_state IS NULL OR checkin_state <> 'SENT')")) {
                ps.setString(1, state);
                ps.setString(2, code);
                ps.setString(3, received);
                ps.setString(4, error);
                ps.setLong(5, visitId);
                ps.setString(6, state);
                n = ps.executeUpdate();
            }
            if (n != 1) {
                return false;
            }
            upsertAttempt(c, visitId, now, null, error);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("visitId", visitId);
            d.put("state", state);
            d.put("maGiaoDich", code);
            d.put("thoiGianTiepNhan", received);
            d.put("error", error);
            log.appendAudit(c, now, AuditType.CHECKIN, actor, d);
            return true;
        });
    }

    private static void upsertAttempt(Connection c, long visitId, Instant now, Instant next, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO checkin_attempts(visit_id, attempts, queued_at,"
                + " updated_at, next_attempt_at, last_error) VALUES (?, 1, ?, ?, ?, ?)"
                + " ON CONFLICT(visit_id) DO UPDATE SET attempts = attempts + 1, updated_at = excluded.updated_at,"
                + " next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error")) {
            ps.setLong(1, visitId);
            ps.setLong(2, now.toEpochMilli());
            ps.setLong(3, now.toEpochMilli());
            if (next == null) {
                ps.setNull(4, Types.INTEGER);
            } else {
                ps.setLong(4, next.toEpochMilli());
            }
            ps.setString(5, error);
            ps.executeUpdate();
        }
    }

    private static Optional<String> state(Connection c, long visitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT checkin_state FROM visits WHERE id = ?")) {
            ps.setLong(1, visitId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static final String ENTRY_COLUMNS = "SELECT v.id, v.checkin_state, coalesce(a.attempts, 0),"
            + " a.next_attempt_at, a.updated_at, v.checkin_code, v.checkin_received,"
            + " coalesce(v.checkin_error, CASE WHEN v.checkin_state = 'QUEUED' THEN a.last_error END)"
            + " FROM visits v LEFT JOIN checkin_attempts a ON a.visit_id = v.id";

    /** Records in {@code state} (all records with a check-in state when empty), newest visit first. */
    public List<Entry> list(Optional<CheckInStatus.State> state, int limit) {
        if (state.isPresent() && state.get() == CheckInStatus.State.NONE) {
            throw new IllegalArgumentException("visits without a check-in record are not listed");
        }
        return log.read(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(ENTRY_COLUMNS
                    + " WHERE v.checkin_state IS NOT NULL AND (? IS NULL OR v.checkin_state = ?)"
                    + " ORDER BY v.id DESC LIMIT ?")) {
                String s = state.map(Enum::name).orElse(null);
                ps.setString(1, s);
                ps.setString(2, s);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                }
            }
            return out;
        });
    }

    /** The visit's record; empty when there is no such visit or it never had a check-in record. */
    public Optional<Entry> entry(long visitId) {
        return log.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(ENTRY_COLUMNS
                    + " WHERE v.id = ? AND v.checkin_state IS NOT NULL")) {
                ps.setLong(1, visitId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(entry(rs)) : Optional.<Entry>empty();
                }
            }
        });
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), CheckInStatus.State.valueOf(rs.getString(2)), rs.getInt(3), instant(rs, 4),
                instant(rs, 5), Optional.ofNullable(rs.getString(6)), Optional.ofNullable(rs.getString(7)),
                Optional.ofNullable(rs.getString(8)));
    }

    /** How many records are pending, sent and refused (NONE is not counted). */
    public Map<CheckInStatus.State, Long> counts() {
        return log.read(c -> {
            Map<CheckInStatus.State, Long> counts = new EnumMap<>(CheckInStatus.State.class);
            for (CheckInStatus.State s : CheckInStatus.State.values()) {
                if (s != CheckInStatus.State.NONE) {
                    counts.put(s, 0L);
                }
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT checkin_state, count(*)"
                    + " FROM visits WHERE checkin_state IS NOT NULL GROUP BY checkin_state")) {
                while (rs.next()) {
                    counts.put(CheckInStatus.State.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    /** First and last four of a 12-digit number (a third each of shorter ones), the rest as •: {@code 0010••••7064}. */
    static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return "";
        }
        int shown = Math.min(4, number.length() / 3);
        return number.substring(0, shown) + "•".repeat(number.length() - 2 * shown)
                + number.substring(number.length() - shown);
    }
}
