package vn.clinicterm.terminal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import vn.clinicterm.sync.Outbox;
import vn.clinicterm.sync.OutboxEntry;
import vn.clinicterm.sync.OutboxState;

/**
 * sync-client's {@link Outbox} over the visit log's {@code outbox} table, so that what the worker sends is committed
 * with the visit and survives any crash of the terminal.
 *
 * <p>Mapping of states: QUEUED → QUEUED, IN_FLIGHT → IN_FLIGHT, FAILED (with {@code next_attempt_at}) → RETRY_WAIT,
 * SENT → DONE, DEAD_LETTER → DEAD_LETTER. Patients are ordered by the hex HMAC of their ID number, never the number.
 *
 * <p>Beyond the {@link Outbox} contract, finishing a visit's ELIGIBILITY_CHECK (answered or dead-lettered) does two
 * things in the same transaction: the visit's eligibility leaves PENDING (so an answer cannot be lost between the
 * worker's mark and its listener), and the visit's upload is queued behind it. The listener then adds the answer's
 * details with {@link VisitLog#updateEligibility}.
 *
 * <p>A dead letter stays until an administrator {@link #requeueDeadLetter requeues} it (after the cause was fixed: a
 * credential, a facility code, the central service). Requeuing an ELIGIBILITY_CHECK also undoes what its dead letter
 * did to the visit: an eligibility of ERROR goes back to PENDING, so the answer the retry gets is stored like any
 * first answer. The visit's upload, queued when the check died, waits behind the check again (same patient, later
 * entry) unless it was already sent; its payload carries no eligibility, so it is never re-sent.
 */
public final class VisitLogOutbox implements Outbox {

    private static final String UNFINISHED = "('QUEUED', 'IN_FLIGHT', 'FAILED')";

    private final VisitLog log;

    public VisitLogOutbox(VisitLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public List<OutboxEntry> nextBatch(int limit, Instant now) {
        if (limit <= 0) {
            return List.of();
        }
        return log.read(c -> {
            List<OutboxEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.idempotency_key, o.kind, o.patient_key,"
                    + " o.visit_id, o.payload, o.attempts FROM outbox o"
                    + " WHERE (o.state = 'QUEUED' OR (o.state = 'FAILED' AND coalesce(o.next_attempt_at, 0) <= ?))"
                    + " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.patient_key = o.patient_key AND p.id < o.id"
                    + " AND p.state IN " + UNFINISHED + ")"
                    + " ORDER BY o.id LIMIT ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        out.add(new OutboxEntry(id, UUID.fromString(rs.getString(2)),
                                OutboxEntry.Kind.valueOf(rs.getString(3)), rs.getString(4),
                                Long.toString(rs.getLong(5)), log.decryptOutboxPayload(id, rs.getBytes(6)),
                                rs.getInt(7)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void markInFlight(Collection<UUID> keys) {
        if (keys.isEmpty()) {
            return;
        }
        long now = log.clockInstant().toEpochMilli();
        log.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET state = 'IN_FLIGHT', updated_at = ?"
                    + " WHERE idempotency_key = ? AND state IN ('QUEUED', 'FAILED')")) {
                for (UUID k : keys) {
                    ps.setLong(1, now);
                    ps.setString(2, k.toString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void markDone(UUID key, OutboxEntry.Receipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        log.write(c -> {
            Optional<Row> row = unfinished(c, key);
            if (row.isEmpty()) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET state = 'SENT', receipt = ?,"
                    + " next_attempt_at = NULL, last_error = NULL, updated_at = ? WHERE id = ?")) {
                ps.setString(1, receipt.status());
                ps.setLong(2, receipt.at().toEpochMilli());
                ps.setLong(3, row.get().id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_status(name, at) VALUES ('lastSuccess', ?)"
                    + " ON CONFLICT(name) DO UPDATE SET at = max(at, excluded.at)")) {
                ps.setLong(1, receipt.at().toEpochMilli());
                ps.executeUpdate();
            }
            if (row.get().kind == OutboxEntry.Kind.ELIGIBILITY_CHECK) {
                Eligibility status = switch (receipt.status()) {
                    case "ELIGIBLE" -> Eligibility.ELIGIBLE;
                    case "NOT_ELIGIBLE" -> Eligibility.NOT_ELIGIBLE;
                    case "UNKNOWN_PERSON" -> Eligibility.UNKNOWN_PERSON;
                    default -> Eligibility.ERROR;
                };
                finishEligibilityCheck(c, row.get(), status);
            }
            return null;
        });
    }

    @Override
    public void markRetry(UUID key, Instant notBefore, String reason) {
        long now = log.clockInstant().toEpochMilli();
        log.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET state = 'FAILED', next_attempt_at = ?,"
                    + " last_error = ?, attempts = attempts + 1, updated_at = ? WHERE idempotency_key = ?"
                    + " AND state IN " + UNFINISHED)) {
                ps.setLong(1, notBefore.toEpochMilli());
                ps.setString(2, reason);
                ps.setLong(3, now);
                ps.setString(4, key.toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void markDeadLetter(UUID key, Instant at, String reason) {
        log.write(c -> {
            Optional<Row> row = unfinished(c, key);
            if (row.isEmpty()) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET state = 'DEAD_LETTER', last_error = ?,"
                    + " next_attempt_at = NULL, updated_at = ? WHERE id = ?")) {
                ps.setString(1, reason);
                ps.setLong(2, at.toEpochMilli());
                ps.setLong(3, row.get().id);
                ps.executeUpdate();
            }
            if (row.get().kind == OutboxEntry.Kind.ELIGIBILITY_CHECK) {
                finishEligibilityCheck(c, row.get(), Eligibility.ERROR);
            }
            return null;
        });
    }

    /**
     * Puts the dead letter {@code key} back in the queue (no retry time, no error; its attempt count is kept), in one
     * transaction with an OUTBOX_REQUEUED audit entry by {@code actor}. For an ELIGIBILITY_CHECK the visit's
     * eligibility goes from ERROR back to PENDING (audited as ELIGIBILITY_UPDATE) and the dead letter's answer is
     * forgotten; a visit whose eligibility was set otherwise meanwhile (staff asked again) keeps it.
     *
     * @return false when {@code key} is no dead letter (unknown, requeued already, or purged with its visit)
     */
    public boolean requeueDeadLetter(UUID key, String actor) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(actor, "actor");
        Instant now = log.clockInstant();
        return log.write(c -> {
            long id;
            long visitId;
            OutboxEntry.Kind kind;
            int attempts;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, visit_id, kind, attempts FROM outbox"
                    + " WHERE idempotency_key = ? AND state = 'DEAD_LETTER'")) {
                ps.setString(1, key.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    id = rs.getLong(1);
                    visitId = rs.getLong(2);
                    kind = OutboxEntry.Kind.valueOf(rs.getString(3));
                    attempts = rs.getInt(4);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET state = 'QUEUED', next_attempt_at = NULL,"
                    + " last_error = NULL, updated_at = ? WHERE id = ? AND state = 'DEAD_LETTER'")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, id);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            boolean backToPending = false;
            if (kind == OutboxEntry.Kind.ELIGIBILITY_CHECK) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE visits SET eligibility = ?,"
                        + " eligibility_details = NULL, eligibility_at = ? WHERE id = ? AND eligibility = ?")) {
                    ps.setString(1, Eligibility.PENDING.name());
                    ps.setLong(2, now.toEpochMilli());
                    ps.setLong(3, visitId);
                    ps.setString(4, Eligibility.ERROR.name());
                    backToPending = ps.executeUpdate() == 1;
                }
            }
            Map<String, Object> d = new java.util.LinkedHashMap<>();
            d.put("key", key.toString());
            d.put("kind", kind.name());
            d.put("visitId", visitId);
            d.put("attempts", attempts);
            log.appendAudit(c, now, AuditType.OUTBOX_REQUEUED, actor, d);
            if (backToPending) {
                log.appendAudit(c, now, AuditType.ELIGIBILITY_UPDATE, actor,
                        Map.of("visitId", visitId, "status", Eligibility.PENDING.name()));
            }
            return true;
        });
    }

    @Override
    public int recoverInFlight() {
        long now = log.clockInstant().toEpochMilli();
        return log.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET state = 'QUEUED',"
                    + " next_attempt_at = NULL, updated_at = ? WHERE state = 'IN_FLIGHT'")) {
                ps.setLong(1, now);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public OutboxState state() {
        return log.read(c -> {
            int queued = 0;
            int inFlight = 0;
            int done = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT state, count(*) FROM outbox GROUP BY state");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    switch (rs.getString(1)) {
                        case "QUEUED", "FAILED" -> queued += rs.getInt(2);
                        case "IN_FLIGHT" -> inFlight += rs.getInt(2);
                        case "SENT" -> done += rs.getInt(2);
                        default -> { } // dead letters are listed below
                    }
                }
            }
            Optional<Instant> lastSuccess = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement("SELECT at FROM sync_status WHERE name = 'lastSuccess'");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    lastSuccess = Optional.of(Instant.ofEpochMilli(rs.getLong(1)));
                }
            }
            List<OutboxState.DeadLetter> dead = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT idempotency_key, kind, updated_at, last_error"
                    + " FROM outbox WHERE state = 'DEAD_LETTER' ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dead.add(new OutboxState.DeadLetter(UUID.fromString(rs.getString(1)),
                            OutboxEntry.Kind.valueOf(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)),
                            Objects.requireNonNullElse(rs.getString(4), "")));
                }
            }
            return new OutboxState(queued, inFlight, done, lastSuccess, dead);
        });
    }

    private record Row(long id, long visitId, OutboxEntry.Kind kind, String patientKey) {}

    /** The entry if it exists and is not finished; marks on unknown or finished entries are ignored. */
    private static Optional<Row> unfinished(Connection c, UUID key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, visit_id, kind, patient_key FROM outbox"
                + " WHERE idempotency_key = ? AND state IN " + UNFINISHED)) {
            ps.setString(1, key.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getLong(2),
                        OutboxEntry.Kind.valueOf(rs.getString(3)), rs.getString(4))) : Optional.empty();
            }
        }
    }

    /** In the mark's transaction: the visit leaves PENDING and its upload is queued (once). */
    private void finishEligibilityCheck(Connection c, Row check, Eligibility status) throws SQLException {
        Instant now = log.clockInstant();
        long recordedAt;
        boolean pending;
        try (PreparedStatement ps = c.prepareStatement("SELECT recorded_at, eligibility FROM visits WHERE id = ?")) {
            ps.setLong(1, check.visitId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                recordedAt = rs.getLong(1);
                pending = Eligibility.PENDING.name().equals(rs.getString(2));
            }
        }
        if (pending) {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE visits SET eligibility = ?, eligibility_at = ? WHERE id = ?")) {
                up.setString(1, status.name());
                up.setLong(2, now.toEpochMilli());
                up.setLong(3, check.visitId);
                up.executeUpdate();
            }
            log.appendAudit(c, now, AuditType.ELIGIBILITY_UPDATE, "sync",
                    Map.of("visitId", check.visitId, "status", status.name()));
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM outbox WHERE visit_id = ? AND kind = 'VISIT'")) {
            ps.setLong(1, check.visitId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) > 0) {
                    return;
                }
            }
        }
        log.insertOutbox(c, check.visitId, log.visitUpload(check.visitId, Instant.ofEpochMilli(recordedAt)),
                check.patientKey, now);
    }
}
