package vn.clinicterm.terminal.checkin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import vn.clinicterm.sync.BackoffPolicy;
import vn.clinicterm.sync.RoundScheduler;
import vn.clinicterm.terminal.storage.CheckInStatus;

/**
 * Drains the check-in outbox on a schedule, beside the sync worker: every record that is due is built, checked,
 * signed and sent by a {@link CheckInSender}.
 *
 * <p>Contract:
 * <ul>
 *   <li>All state lives in the visit database; a worker killed at any point loses nothing. A record whose answer was
 *       lost is sent again, and the gateway answers its first transaction code (it keys check-ins by {@code MA_LK}).
 *   <li>A record the gateway did not answer waits its own full-jitter backoff, never shorter than the gateway's
 *       {@code Retry-After}; and the worker itself pauses the same way, so a gateway that is down gets one request
 *       per pause, not one per pending record.
 *   <li>Records refused for their fields (locally or by the gateway) become dead letters at once; nothing else does.
 *   <li>Rounds never overlap; they run on a {@link RoundScheduler}, like the sync worker's. The worker does not own
 *       the executor and does not shut it down.
 * </ul>
 */
public final class CheckInWorker {

    private static final System.Logger LOG = System.getLogger(CheckInWorker.class.getName());

    /** What one round did. */
    public record Round(int attempted, int accepted, int refused, int deferred, boolean paused) {
        public static final Round IDLE = new Round(0, 0, 0, 0, false);
    }

    /** Told about every record the worker tried. Cheap, never throws, never calls back into the worker. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = r -> { };

        void attempted(CheckInSender.Result result);
    }

    /** How {@link #drain} waits between rounds; tests may pass a fake. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final CheckInSender sender;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final BackoffPolicy backoff;
    private final RandomGenerator random;
    private final Duration idlePoll;
    private final String actor;
    private final Listener listener;
    private final Sleeper sleeper;

    private final RoundScheduler rounds;
    private int consecutiveFailures;
    private Instant pausedUntil = Instant.MIN;
    private String lastError;

    private CheckInWorker(Builder b) {
        this.sender = Objects.requireNonNull(b.sender, "sender");
        this.clock = b.clock;
        this.scheduler = b.scheduler;
        this.backoff = b.backoff;
        this.random = b.random;
        this.idlePoll = b.idlePoll;
        this.actor = b.actor;
        this.listener = b.listener;
        this.sleeper = b.sleeper;
        this.rounds = new RoundScheduler(b.scheduler, this::scheduledRound, this::roundFailed);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs rounds on the scheduler until {@link #stop}. */
    public void start() {
        if (scheduler == null) {
            throw new IllegalStateException("no scheduler given to the builder");
        }
        rounds.start();
    }

    /** A record was queued: run a round soon instead of at the next poll (a pause still holds). */
    public void wakeUp() {
        rounds.wakeUp();
    }

    /**
     * Stops scheduling and waits up to {@code timeout} for a round in progress (its calls are bounded by the call
     * timeout). Returns true when no round is running any more; records of an interrupted round stay pending.
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        return rounds.stop(timeout);
    }

    public boolean running() {
        return rounds.running();
    }

    /** The last reason a record was not delivered, for IT (no personal data). */
    public synchronized Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** Until when the worker waits after the gateway did not answer; empty when it is not paused. */
    public synchronized Optional<Instant> pausedUntil() {
        return pausedUntil.isAfter(clock.instant()) ? Optional.of(pausedUntil) : Optional.empty();
    }

    /** A scheduled round: the next one when the pause ends, at once after progress, else when a record falls due. */
    private Duration scheduledRound() {
        Round r = runOnce();
        return r.paused() ? untilResume() : r.attempted() > 0 ? Duration.ZERO : untilNextDue();
    }

    private Duration roundFailed(RuntimeException e) {
        // the visit database failed (or is read-only); try again later rather than dying silently
        synchronized (this) {
            lastError = "check-in outbox: " + e.getClass().getSimpleName();
        }
        LOG.log(System.Logger.Level.WARNING, "check-in round failed: {0}", e.getClass().getName());
        return idlePoll;
    }

    private synchronized Duration untilResume() {
        Duration d = Duration.between(clock.instant(), pausedUntil);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private Duration untilNextDue() {
        Optional<Instant> due = sender.outbox().nextDue();
        if (due.isEmpty()) {
            return idlePoll;
        }
        Duration d = Duration.between(clock.instant(), due.get());
        return d.isNegative() ? Duration.ZERO : d.compareTo(idlePoll) < 0 ? d : idlePoll;
    }

    /** One round on the calling thread: every due record once, stopping at the first the gateway did not answer. */
    public Round runOnce() {
        return rounds.exclusive(this::round);
    }

    private Round round() {
        synchronized (this) {
            if (clock.instant().isBefore(pausedUntil)) {
                return new Round(0, 0, 0, 0, true);
            }
        }
        int attempted = 0;
        int accepted = 0;
        int refused = 0;
        for (long id : sender.outbox().due(clock.instant(), 50)) {
            CheckInSender.Result r = sender.sendPending(id, actor);
            attempted++;
            notify(r);
            switch (r) {
                case CheckInSender.Result.Accepted a -> {
                    accepted++;
                    synchronized (this) {
                        consecutiveFailures = 0;
                    }
                }
                case CheckInSender.Result.RefusedLocally rl -> refused++;
                case CheckInSender.Result.RefusedByGateway rg -> refused++;
                case CheckInSender.Result.NotFound nf -> refused++;
                case CheckInSender.Result.Deferred(long visitId, String reason, Optional<Duration> retryAfter) -> {
                    pause(reason, retryAfter);
                    return new Round(attempted, accepted, refused, 1, true);
                }
            }
        }
        return new Round(attempted, accepted, refused, 0, false);
    }

    private synchronized void pause(String reason, Optional<Duration> retryAfter) {
        Duration d = backoff.delay(consecutiveFailures, retryAfter, random);
        consecutiveFailures++;
        pausedUntil = clock.instant().plus(d);
        lastError = reason;
        LOG.log(System.Logger.Level.DEBUG, "check-in gateway did not answer ({0}); next try in {1} ms", reason,
                d.toMillis());
    }

    private void notify(CheckInSender.Result r) {
        try {
            listener.attempted(r);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "check-in listener threw {0}", e.getClass().getName());
        }
    }

    /**
     * Runs rounds on the calling thread until nothing is due any more (records waiting for a later retry count as
     * not drained) or {@code timeout} passes. Returns true when no record is pending. For {@code clinicterm checkin
     * run}.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Round r = runOnce();
            if (sender.outbox().counts().getOrDefault(CheckInStatus.State.QUEUED, 0L) == 0) {
                return true;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                return false;
            }
            if (r.attempted() == 0 || r.paused()) {
                Duration wait = r.paused() ? untilResume() : untilNextDue();
                Duration left = Duration.between(now, deadline);
                sleeper.sleep(wait.compareTo(left) > 0 ? left : wait.isZero() ? Duration.ofMillis(10) : wait);
            }
        }
    }

    /** Collaborators; only the sender is required. */
    public static final class Builder {
        private CheckInSender sender;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private BackoffPolicy backoff = BackoffPolicy.DEFAULT;
        private RandomGenerator random = new Random();
        private Duration idlePoll = Duration.ofSeconds(2);
        private String actor = "checkin";
        private Listener listener = Listener.NONE;
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {}

        public Builder sender(CheckInSender v) { sender = v; return this; }

        public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }

        /** Needed for {@link #start()}; not for {@link #drain} or {@link #runOnce()}. */
        public Builder scheduler(ScheduledExecutorService v) { scheduler = v; return this; }

        /** The worker's own pause after a round the gateway did not answer (each record has its own, too). */
        public Builder backoff(BackoffPolicy v) { backoff = Objects.requireNonNull(v); return this; }

        public Builder random(RandomGenerator v) { random = Objects.requireNonNull(v); return this; }

        /** How often to look at an outbox with nothing due (default 2 s). */
        public Builder idlePoll(Duration v) { idlePoll = Objects.requireNonNull(v); return this; }

        /** Who the audit log names for deliveries and refusals (default {@code checkin}). */
        public Builder actor(String v) { actor = Objects.requireNonNull(v); return this; }

        public Builder listener(Listener v) { listener = Objects.requireNonNull(v); return this; }

        public Builder sleeper(Sleeper v) { sleeper = Objects.requireNonNull(v); return this; }

        public CheckInWorker build() {
            return new CheckInWorker(this);
        }
    }
}
