package vn.clinicterm.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * Drains an {@link Outbox}: visits in batches to the central service, queued eligibility checks to the
 * {@link EligibilityProvider}, audit anchors one by one.
 *
 * <p>Contract:
 * <ul>
 *   <li>Per patient, entries are sent in order: the outbox hands out only each patient's oldest unfinished entry.
 *   <li>Every attempt reuses the entry's idempotency key; the server may have accepted a request whose response was
 *       lost, and the key makes the resend harmless.
 *   <li>All state lives in the outbox. A worker killed at any point loses nothing: the next one calls
 *       {@link Outbox#recoverInFlight()} and resends.
 *   <li>On failure the entry waits a full-jitter exponential backoff (never less than the server's
 *       {@code Retry-After}), and when a whole round fails for transport reasons the worker itself pauses the same way
 *       rather than hammering a server that is down.
 *   <li>Refusals (4xx other than 408/409/429, an insurer ERROR) go to the dead-letter list; nothing else does.
 *   <li>Offline eligibility stays PENDING in the outbox until answered; the answer goes to
 *       {@link SyncListener#eligibilityResolved}.
 * </ul>
 * Rounds never overlap; they run on a {@link RoundScheduler}. The worker does not own the executor and does not shut
 * it down.
 */
public final class SyncWorker {

    private static final System.Logger LOG = System.getLogger(SyncWorker.class.getName());

    /** What one round did. */
    public record Round(int attempted, int delivered, int duplicates, int retried, int deadLettered, boolean paused) {
        public static final Round IDLE = new Round(0, 0, 0, 0, 0, false);
    }

    /** The worker's own state, beside the outbox's. */
    public record Status(boolean running, int consecutiveFailures, Optional<Instant> pausedUntil,
            Optional<String> lastError) {}

    /** How {@link #drain} waits between rounds; tests may pass a fake. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Outbox outbox;
    private final Optional<CentralClient> central;
    private final Optional<EligibilityProvider> eligibility;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final RandomGenerator random;
    private final BackoffPolicy backoff;
    private final int batchSize;
    private final Duration idlePoll;
    private final SyncListener listener;
    private final Sleeper sleeper;

    private final RoundScheduler rounds;
    private volatile boolean recovered;
    private int consecutiveFailures;
    private Instant pausedUntil = Instant.MIN;
    private String lastError;

    private SyncWorker(Builder b) {
        this.outbox = Objects.requireNonNull(b.outbox, "outbox");
        this.central = Optional.ofNullable(b.central);
        this.eligibility = Optional.ofNullable(b.eligibility);
        this.clock = b.clock;
        this.scheduler = b.scheduler;
        this.random = b.random;
        this.backoff = b.backoff;
        this.batchSize = b.batchSize;
        this.idlePoll = b.idlePoll;
        this.listener = b.listener;
        this.sleeper = b.sleeper;
        this.rounds = new RoundScheduler(b.scheduler, this::scheduledRound, this::roundFailed);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs rounds on the scheduler until {@link #stop}. Recovers entries a previous run left in flight. */
    public void start() {
        if (scheduler == null) {
            throw new IllegalStateException("no scheduler given to the builder");
        }
        rounds.start();
    }

    /** Something was written to the outbox: run a round soon instead of at the next poll. */
    public void wakeUp() {
        rounds.wakeUp();
    }

    /**
     * Stops scheduling and waits up to {@code timeout} for a round in progress to finish (its requests are bounded
     * by the call timeout). Returns true when no round is running any more. Entries of an interrupted round stay in
     * flight in the outbox and are recovered by the next start.
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        return rounds.stop(timeout);
    }

    /** A scheduled round: the next one at once while it makes progress, else after the idle poll. */
    private Duration scheduledRound() {
        Round r = runOnce();
        return r.attempted() > 0 && !r.paused() && r.delivered() + r.deadLettered() > 0 ? Duration.ZERO : idlePoll;
    }

    private Duration roundFailed(RuntimeException e) {
        // the outbox (a database) failed; try again later rather than dying silently
        synchronized (this) {
            lastError = "outbox: " + e.getClass().getSimpleName();
        }
        LOG.log(System.Logger.Level.WARNING, "sync round failed: {0}", e.getClass().getName());
        return idlePoll;
    }

    /**
     * Runs rounds on the calling thread until the outbox is drained (dead letters aside) or {@code timeout} passes.
     * For {@code clinicterm sync run}. Returns true when drained.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Round r = runOnce();
            if (outbox.state().drained()) {
                return true;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                return false;
            }
            if (r.attempted() == 0 || r.paused()) {
                Duration wait = idlePoll;
                synchronized (this) {
                    Duration toResume = Duration.between(now, pausedUntil);
                    if (toResume.compareTo(wait) > 0) {
                        wait = toResume;
                    }
                }
                Duration left = Duration.between(now, deadline);
                sleeper.sleep(wait.compareTo(left) > 0 ? left : wait);
            }
        }
    }

    public OutboxState state() {
        return outbox.state();
    }

    public synchronized Status status() {
        return new Status(rounds.running(), consecutiveFailures,
                pausedUntil.isAfter(clock.instant()) ? Optional.of(pausedUntil) : Optional.empty(),
                Optional.ofNullable(lastError));
    }

    /** One round on the calling thread; does nothing while paused after failures. */
    public Round runOnce() {
        return rounds.exclusive(this::round);
    }

    private Round round() {
        if (!recovered) {
            int n = outbox.recoverInFlight();
            recovered = true;
            if (n > 0) {
                LOG.log(System.Logger.Level.INFO, "recovered {0} outbox entries left in flight", n);
            }
        }
        Instant now = clock.instant();
        synchronized (this) {
            if (now.isBefore(pausedUntil)) {
                return Round.IDLE;
            }
        }
        List<OutboxEntry> batch = outbox.nextBatch(batchSize, now);
        if (batch.isEmpty()) {
            return Round.IDLE;
        }
        Tally t = new Tally();
        List<OutboxEntry> visits = new ArrayList<>();
        List<OutboxEntry> singles = new ArrayList<>();
        for (OutboxEntry e : batch) {
            (e.kind() == OutboxEntry.Kind.VISIT ? visits : singles).add(e);
        }
        if (!visits.isEmpty()) {
            sendVisits(visits, t);
        }
        for (OutboxEntry e : singles) {
            if (t.transportFailure != null) {
                break; // the server is struggling; leave the rest queued for after the pause
            }
            outbox.markInFlight(List.of(e.idempotencyKey()));
            switch (e.kind()) {
                case ELIGIBILITY_CHECK -> checkEligibility(e, t);
                case AUDIT_ANCHOR -> apply(e, central.isPresent() ? central.get().uploadAuditAnchor(e)
                        : noCentral(), t);
                case VISIT -> throw new IllegalStateException("visits are batched");
            }
        }
        boolean paused = afterRound(t);
        listenerSafely(() -> listener.roundFinished(outbox.state()));
        return new Round(t.attempted, t.delivered, t.duplicates, t.retried, t.dead, paused);
    }

    private static SyncOutcome noCentral() {
        return new SyncOutcome.RetryLater(SyncError.of(SyncError.Kind.LOCAL, "no central service configured"));
    }

    private final class Tally {
        int attempted;
        int delivered;
        int duplicates;
        int retried;
        int dead;
        SyncError transportFailure;
        Optional<Duration> retryAfter = Optional.empty();
    }

    private void sendVisits(List<OutboxEntry> visits, Tally t) {
        outbox.markInFlight(visits.stream().map(OutboxEntry::idempotencyKey).toList());
        Map<UUID, SyncOutcome> results;
        if (central.isPresent()) {
            results = central.get().uploadVisits(visits);
        } else {
            results = new java.util.HashMap<>();
            for (OutboxEntry e : visits) {
                results.put(e.idempotencyKey(), noCentral());
            }
        }
        for (OutboxEntry e : visits) {
            SyncOutcome o = results.get(e.idempotencyKey());
            apply(e, o != null ? o : new SyncOutcome.RetryLater(
                    SyncError.of(SyncError.Kind.MALFORMED_RESPONSE, "no outcome for entry")), t);
        }
    }

    private void checkEligibility(OutboxEntry e, Tally t) {
        t.attempted++;
        EligibilityQuery q;
        try {
            q = OutboxPayloads.parseEligibilityCheck(e.payload());
        } catch (IllegalArgumentException bad) {
            deadLetter(e, bad.getMessage(), t);
            return;
        }
        if (eligibility.isEmpty()) {
            retry(e, SyncError.of(SyncError.Kind.LOCAL, "no eligibility provider configured"), t);
            return;
        }
        EligibilityResult r = eligibility.get().check(q);
        switch (r) {
            case EligibilityResult.Eligible ok -> resolved(e, r, t);
            case EligibilityResult.NotEligible no -> resolved(e, r, t);
            case EligibilityResult.UnknownPerson u -> resolved(e, r, t);
            case EligibilityResult.Pending p -> {
                SyncError err = new SyncError(SyncError.Kind.SERVER_BUSY, 0, p.reason(), p.retryAfter());
                t.transportFailure = err;
                p.retryAfter().ifPresent(ra -> t.retryAfter = Optional.of(ra));
                retry(e, err, t);
            }
            case EligibilityResult.Error err when err.reasonCode() == ReasonCode.AUTH_FAILED -> {
                SyncError se = SyncError.of(SyncError.Kind.AUTH, err.reason());
                t.transportFailure = se;
                retry(e, se, t);
            }
            case EligibilityResult.Error err -> {
                deadLetter(e, err.reasonCode() + ": " + err.reason(), t);
                listenerSafely(() -> listener.eligibilityResolved(e.visitId(), r));
            }
        }
    }

    private void resolved(OutboxEntry e, EligibilityResult r, Tally t) {
        outbox.markDone(e.idempotencyKey(), new OutboxEntry.Receipt(clock.instant(), r.outcome()));
        t.delivered++;
        listenerSafely(() -> listener.eligibilityResolved(e.visitId(), r));
    }

    private void apply(OutboxEntry e, SyncOutcome o, Tally t) {
        if (e.kind() != OutboxEntry.Kind.ELIGIBILITY_CHECK) {
            t.attempted++;
        }
        switch (o) {
            case SyncOutcome.Delivered d -> {
                outbox.markDone(e.idempotencyKey(),
                        new OutboxEntry.Receipt(clock.instant(), d.duplicate() ? "DUPLICATE" : "ACCEPTED"));
                t.delivered++;
                if (d.duplicate()) {
                    t.duplicates++;
                }
            }
            case SyncOutcome.RetryLater r -> {
                if (r.error().kind() != SyncError.Kind.MALFORMED_RESPONSE
                        && r.error().kind() != SyncError.Kind.LOCAL) {
                    t.transportFailure = r.error();
                }
                r.retryAfter().ifPresent(ra -> t.retryAfter = Optional.of(ra));
                retry(e, r.error(), t);
            }
            case SyncOutcome.Rejected rej -> deadLetter(e, rej.error().describe(), t);
        }
    }

    private void retry(OutboxEntry e, SyncError error, Tally t) {
        Duration d = backoff.delay(e.attempts(), error.retryAfter(), random);
        outbox.markRetry(e.idempotencyKey(), clock.instant().plus(d), error.describe());
        t.retried++;
        synchronized (this) {
            lastError = error.describe();
        }
    }

    private void deadLetter(OutboxEntry e, String reason, Tally t) {
        outbox.markDeadLetter(e.idempotencyKey(), clock.instant(), reason);
        t.dead++;
        LOG.log(System.Logger.Level.WARNING, "outbox entry {0} dead-lettered: {1}", e.idempotencyKey(), reason);
        listenerSafely(() -> listener.deadLettered(e.idempotencyKey(), e.kind(), reason));
    }

    /** Returns true when the worker pauses: the round saw transport trouble and delivered nothing. */
    private synchronized boolean afterRound(Tally t) {
        if (t.delivered > 0 || t.transportFailure == null) {
            if (t.delivered > 0) {
                consecutiveFailures = 0;
            }
            return false;
        }
        Duration d = backoff.delay(consecutiveFailures, t.retryAfter, random);
        consecutiveFailures++;
        pausedUntil = clock.instant().plus(d);
        return true;
    }

    private static void listenerSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sync listener threw {0}", e.getClass().getName());
        }
    }

    /** Collaborators; only the outbox is required. */
    public static final class Builder {
        private Outbox outbox;
        private CentralClient central;
        private EligibilityProvider eligibility;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private RandomGenerator random = new Random();
        private BackoffPolicy backoff = BackoffPolicy.DEFAULT;
        private int batchSize = 100;
        private Duration idlePoll = Duration.ofSeconds(1);
        private SyncListener listener = SyncListener.NONE;
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {}

        public Builder outbox(Outbox outbox) {
            this.outbox = outbox;
            return this;
        }

        /** Where visits and anchors go; without it they wait in the outbox. */
        public Builder central(CentralClient central) {
            this.central = central;
            return this;
        }

        public Builder eligibility(EligibilityProvider provider) {
            this.eligibility = provider;
            return this;
        }

        /** Convenience: the clients from one configuration. */
        public Builder clients(SyncClients clients) {
            this.eligibility = clients.eligibility();
            this.central = clients.central().orElse(null);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Needed for {@link #start()}; not for {@link #drain} or {@link #runOnce()}. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public Builder backoff(BackoffPolicy backoff) {
            this.backoff = Objects.requireNonNull(backoff);
            return this;
        }

        public Builder batchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batch size must be positive");
            }
            this.batchSize = n;
            return this;
        }

        /** How often to look at an idle outbox. */
        public Builder idlePoll(Duration d) {
            this.idlePoll = Objects.requireNonNull(d);
            return this;
        }

        public Builder listener(SyncListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        public SyncWorker build() {
            return new SyncWorker(this);
        }
    }
}
