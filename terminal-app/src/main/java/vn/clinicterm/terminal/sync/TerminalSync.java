package vn.clinicterm.terminal.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import vn.clinicterm.sync.SyncClients;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncListener;
import vn.clinicterm.sync.SyncWorker;
import vn.clinicterm.terminal.checkin.CheckInSender;
import vn.clinicterm.terminal.checkin.CheckInSettings;
import vn.clinicterm.terminal.checkin.CheckInWorker;
import vn.clinicterm.terminal.checkin.GatewayCheckIn;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitLogOutbox;

/**
 * The background delivery of one terminal: the sync worker over the visit log's outbox (visits, eligibility checks,
 * audit anchors to the central service or the insurer), with a listener that writes eligibility answers into visits
 * before telling {@code ui}; and, when check-in settings are given, the check-in worker beside it, which drains the
 * BHXH check-in outbox ({@link CheckInWorker}) with the same backoff policy and the same TLS settings.
 * {@link #start()} and {@link #stop} run both; close it to release connections (the visit log stays open: it belongs
 * to the caller).
 */
public final class TerminalSync implements AutoCloseable {

    private final SyncClients clients;
    private final VisitLogOutbox outbox;
    private final SyncWorker worker;
    private final Optional<CheckInWorker> checkIns;
    private final Optional<GatewayCheckIn> gateway;

    private TerminalSync(SyncClients clients, VisitLogOutbox outbox, SyncWorker worker,
            Optional<CheckInWorker> checkIns, Optional<GatewayCheckIn> gateway) {
        this.clients = clients;
        this.outbox = outbox;
        this.worker = worker;
        this.checkIns = checkIns;
        this.gateway = gateway;
    }

    /** For {@code sync run} and tests: a worker to {@link SyncWorker#drain drain} on the calling thread. */
    public static TerminalSync open(VisitLog log, SyncConfig config, SyncListener ui) {
        return builder(log, config).listener(ui).build();
    }

    /** For the app: a worker that can also {@link SyncWorker#start() run} on {@code scheduler} (not owned). */
    public static TerminalSync open(VisitLog log, SyncConfig config, SyncListener ui,
            ScheduledExecutorService scheduler, Clock clock) {
        return builder(log, config).listener(ui).scheduler(scheduler).clock(clock).build();
    }

    /** The workers of {@code log} with the clients {@code config} describes; see the builder for the options. */
    public static Builder builder(VisitLog log, SyncConfig config) {
        return new Builder(log, config);
    }

    public SyncWorker worker() {
        return worker;
    }

    public VisitLogOutbox outbox() {
        return outbox;
    }

    /** The check-in worker; empty when the builder was given no check-in settings. */
    public Optional<CheckInWorker> checkIns() {
        return checkIns;
    }

    /** Starts the sync worker and, when configured, the check-in worker on the scheduler. */
    public void start() {
        worker.start();
        checkIns.ifPresent(CheckInWorker::start);
    }

    /** Stops both workers, waiting up to {@code timeout} for each; true when neither is mid-round any more. */
    public boolean stop(Duration timeout) throws InterruptedException {
        boolean stopped = worker.stop(timeout);
        if (checkIns.isPresent()) {
            stopped &= checkIns.get().stop(timeout);
        }
        return stopped;
    }

    /** The eligibility provider the configuration chose (central service or BHXH gateway). */
    public vn.clinicterm.sync.EligibilityProvider eligibility() {
        return clients.eligibility();
    }

    @Override
    public void close() {
        clients.close();
        gateway.ifPresent(GatewayCheckIn::close);
    }

    /** Options of {@link TerminalSync}; the visit log and the sync configuration are required. */
    public static final class Builder {
        private final VisitLog log;
        private final SyncConfig config;
        private SyncListener ui = SyncListener.NONE;
        private ScheduledExecutorService scheduler;
        private Clock clock = Clock.systemUTC();
        private CheckInSettings checkIn;
        private CheckInWorker.Listener checkInListener = CheckInWorker.Listener.NONE;
        private Duration checkInPoll = Duration.ofSeconds(2);

        private Builder(VisitLog log, SyncConfig config) {
            this.log = Objects.requireNonNull(log, "log");
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Told about sync events after eligibility answers were stored in their visits. */
        public Builder listener(SyncListener v) { ui = Objects.requireNonNull(v); return this; }

        /** Where {@link #start()} runs the workers (not owned; not needed to drain on the calling thread). */
        public Builder scheduler(ScheduledExecutorService v) { scheduler = v; return this; }

        public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }

        /**
         * Also deliver BHXH check-in records with these settings (signed when they have a signer), over the sync
         * configuration's TLS settings.
         */
        public Builder checkIn(CheckInSettings v) { checkIn = v; return this; }

        /** Told about every check-in record the worker tried (cheap, never throws). */
        public Builder checkInListener(CheckInWorker.Listener v) {
            checkInListener = Objects.requireNonNull(v);
            return this;
        }

        /** How often the check-in worker looks at an outbox with nothing due (default 2 s). */
        public Builder checkInPoll(Duration v) { checkInPoll = Objects.requireNonNull(v); return this; }

        public TerminalSync build() {
            SyncClients clients = SyncClients.builder(config).clock(clock).build();
            VisitLogOutbox outbox = new VisitLogOutbox(log);
            SyncWorker.Builder b = SyncWorker.builder()
                    .outbox(outbox)
                    .clients(clients)
                    .clock(clock)
                    .batchSize(config.batchSize())
                    .backoff(config.backoff())
                    .listener(new VisitEligibilityListener(log, ui));
            if (scheduler != null) {
                b.scheduler(scheduler);
            }
            Optional<GatewayCheckIn> gateway = Optional.empty();
            Optional<CheckInWorker> checkIns = Optional.empty();
            if (checkIn != null) {
                GatewayCheckIn g;
                try {
                    g = GatewayCheckIn.forConfig(checkIn, config, clock);
                } catch (RuntimeException e) {
                    clients.close();
                    throw e;
                }
                gateway = Optional.of(g);
                CheckInSender sender = new CheckInSender(log, checkIn, g, clock, config.backoff(),
                        new java.util.Random());
                checkIns = Optional.of(CheckInWorker.builder().sender(sender).clock(clock).scheduler(scheduler)
                        .backoff(config.backoff()).idlePoll(checkInPoll).listener(checkInListener).actor("sync")
                        .build());
            }
            return new TerminalSync(clients, outbox, b.build(), checkIns, gateway);
        }
    }
}
