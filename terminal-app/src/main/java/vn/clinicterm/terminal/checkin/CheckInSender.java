package vn.clinicterm.terminal.checkin;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import vn.clinicterm.sync.BackoffPolicy;
import vn.clinicterm.terminal.storage.CheckIns;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitRecord;

/**
 * Builds, checks, signs and sends visits' check-in records through the visit database's check-in outbox
 * ({@link CheckIns}). {@link #prepare} builds the record and names every broken field; {@link #send} refuses such a
 * record locally — nothing leaves the terminal — and otherwise sends it (signed when the settings have a signer):
 * <ul>
 *   <li>accepted: the gateway's {@code maGiaoDich} and {@code thoiGianTiepNhan} are stored on the visit (SENT);
 *   <li>refused (locally or by the gateway: field rules): a dead letter (REFUSED), listed for staff;
 *   <li>not answered (network, 5xx, 429, timeouts) or not signable now: stays pending, due again after a full-jitter
 *       backoff that is never shorter than the gateway's {@code Retry-After}.
 * </ul>
 * {@link #drain} sends what is due once; {@link CheckInWorker} does it on a schedule.
 */
public final class CheckInSender {

    /** The result of sending one visit's record. */
    public sealed interface Result {
        record Accepted(long visitId, String maGiaoDich, String thoiGianTiepNhan) implements Result {}

        /** Refused locally, before sending: the fields and rules, never the values. */
        record RefusedLocally(long visitId, String violations) implements Result {}

        record RefusedByGateway(long visitId, String reason) implements Result {}

        /** Still pending: the gateway did not answer, or the record could not be signed now. */
        record Deferred(long visitId, String reason, Optional<Duration> retryAfter) implements Result {
            public Deferred {
                Objects.requireNonNull(retryAfter, "retryAfter");
            }

            public Deferred(long visitId, String reason) {
                this(visitId, reason, Optional.empty());
            }
        }

        record NotFound(long visitId, String what) implements Result {}
    }

    private final VisitLog log;
    private final CheckIns outbox;
    private final CheckInSettings settings;
    private final GatewayCheckIn gateway;
    private final ZoneId zone;
    private final Clock clock;
    private final BackoffPolicy backoff;
    private final RandomGenerator random;

    public CheckInSender(VisitLog log, CheckInSettings settings, GatewayCheckIn gateway) {
        this(log, settings, gateway, Clock.systemUTC(), BackoffPolicy.DEFAULT, new Random());
    }

    /** With the clock and backoff that schedule retries (the worker passes its own). */
    public CheckInSender(VisitLog log, CheckInSettings settings, GatewayCheckIn gateway, Clock clock,
            BackoffPolicy backoff, RandomGenerator random) {
        this.log = Objects.requireNonNull(log, "log");
        this.outbox = CheckIns.of(log);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.zone = log.zone();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The check-in outbox this sender writes to. */
    public CheckIns outbox() {
        return outbox;
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

    /** Sends the visit's record now, whatever its state (a dead letter whose cause was fixed is sent again). */
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
            outbox.refused(visitId, "refused locally: " + why, actor);
            return new Result.RefusedLocally(visitId, why);
        }
        byte[] document;
        try {
            document = settings.document(r);
        } catch (Xml0Signer.SigningException e) {
            return deferred(visitId, "not signed: " + e.getMessage(), Optional.empty());
        }
        return switch (gateway.send(document)) {
            case GatewayCheckIn.Answer.Accepted(String code, String at) -> {
                outbox.accepted(visitId, code, at, actor);
                yield new Result.Accepted(visitId, code, at);
            }
            case GatewayCheckIn.Answer.Refused(String reason) -> {
                outbox.refused(visitId, reason, actor);
                yield new Result.RefusedByGateway(visitId, reason);
            }
            case GatewayCheckIn.Answer.Unavailable(String reason, Optional<Duration> retryAfter) ->
                    deferred(visitId, reason, retryAfter);
        };
    }

    private Result deferred(long visitId, String reason, Optional<Duration> retryAfter) {
        outbox.queue(visitId);
        int attempts = outbox.entry(visitId).map(CheckIns.Entry::attempts).orElse(0);
        outbox.retryLater(visitId, clock.instant().plus(backoff.delay(attempts, retryAfter, random)), reason);
        return new Result.Deferred(visitId, reason, retryAfter);
    }

    /**
     * Sends every record that is due once, oldest first; stops at the first one the gateway did not answer (the
     * gateway is struggling: the rest wait for the next round).
     */
    public List<Result> drain(String actor) {
        List<Result> out = new ArrayList<>();
        for (long id : outbox.due(clock.instant(), 100)) {
            Result r = sendPending(id, actor);
            out.add(r);
            if (r instanceof Result.Deferred) {
                break;
            }
        }
        return out;
    }

    /**
     * Sends a pending record; one that can no longer be built (its hospital-system data is gone) becomes a dead
     * letter instead of being tried at every round.
     */
    Result sendPending(long visitId, String actor) {
        Result r = send(visitId, actor);
        if (r instanceof Result.NotFound(long id, String what) && !what.equals("visit")) {
            outbox.refused(id, "cannot be built: no " + what, actor);
        }
        return r;
    }
}
