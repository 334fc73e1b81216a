package vn.clinicterm.terminal.checkin;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitRecord;

/**
 * Builds, checks and sends visits' check-in records. {@link #prepare} builds the record and names every broken field;
 * {@link #send} refuses such a record locally — nothing leaves the terminal — and otherwise sends it and stores the
 * gateway's {@code maGiaoDich} and {@code thoiGianTiepNhan} on the visit. Queued records (the visit database's
 * {@code checkin_state = QUEUED}, so they survive restarts) are sent by {@link #drain}; a record the gateway could not
 * answer stays queued.
 */
public final class CheckInSender {

    /** The result of sending one visit's record. */
    public sealed interface Result {
        record Accepted(long visitId, String maGiaoDich, String thoiGianTiepNhan) implements Result {}

        /** Refused locally, before sending: the fields and rules, never the values. */
        record RefusedLocally(long visitId, String violations) implements Result {}

        record RefusedByGateway(long visitId, String reason) implements Result {}

        /** Still queued: the gateway did not answer. */
        record Deferred(long visitId, String reason) implements Result {}

        record NotFound(long visitId, String what) implements Result {}
    }

    private final VisitLog log;
    private final CheckInSettings settings;
    private final GatewayCheckIn gateway;
    private final ZoneId zone;

    public CheckInSender(VisitLog log, CheckInSettings settings, GatewayCheckIn gateway) {
        this.log = Objects.requireNonNull(log, "log");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.zone = log.zone();
    }

    /** The record for the visit, or empty when the visit or the hospital system's data for it is missing. */
    public Optional<Xml0Record> prepare(long visitId) {
        Optional<VisitRecord> visit = log.visit(visitId);
        Optional<String> his = log.hisData(visitId);
        if (visit.isEmpty() || his.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Xml0Builder.build(visit.get(), log.eligibilityDetails(visitId),
                HisVisitData.fromJson(his.get()), settings, zone));
    }

    public Result send(long visitId, String actor) {
        if (log.visit(visitId).isEmpty()) {
            return new Result.NotFound(visitId, "visit");
        }
        Optional<Xml0Record> record = prepare(visitId);
        if (record.isEmpty()) {
            return new Result.NotFound(visitId, "the hospital system's data (POST /v1/visits/{id}/his)");
        }
        Xml0Record r = record.get();
        if (!r.sendable()) {
            String why = r.violations().stream().map(Object::toString).collect(Collectors.joining("; "));
            log.recordCheckInRefused(visitId, "refused locally: " + why, actor);
            return new Result.RefusedLocally(visitId, why);
        }
        return switch (gateway.send(r.xml())) {
            case GatewayCheckIn.Answer.Accepted(String code, String at) -> {
                log.recordCheckInAccepted(visitId, code, at, actor);
                yield new Result.Accepted(visitId, code, at);
            }
            case GatewayCheckIn.Answer.Refused(String reason) -> {
                log.recordCheckInRefused(visitId, reason, actor);
                yield new Result.RefusedByGateway(visitId, reason);
            }
            case GatewayCheckIn.Answer.Unavailable(String reason) -> {
                log.queueCheckIn(visitId);
                yield new Result.Deferred(visitId, reason);
            }
        };
    }

    /** Sends every queued record once, oldest first; stops at the first one the gateway did not answer. */
    public List<Result> drain(String actor) {
        List<Result> out = new ArrayList<>();
        for (long id : log.queuedCheckIns(100)) {
            Result r = send(id, actor);
            out.add(r);
            if (r instanceof Result.Deferred) {
                break;
            }
        }
        return out;
    }
}
