package vn.clinicterm.terminal.sync;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import vn.clinicterm.sync.SyncClients;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncListener;
import vn.clinicterm.sync.SyncWorker;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitLogOutbox;

/**
 * The sync worker of one terminal: the visit log's outbox, the clients its configuration describes, and a listener
 * that writes eligibility answers into visits before telling {@code ui}. Close it to release connections (the visit log
 * stays open: it belongs to the caller).
 */
public final class TerminalSync implements AutoCloseable {

    private final SyncClients clients;
    private final VisitLogOutbox outbox;
    private final SyncWorker worker;

    private TerminalSync(SyncClients clients, VisitLogOutbox outbox, SyncWorker worker) {
        this.clients = clients;
        this.outbox = outbox;
        this.worker = worker;
    }

    /** For {@code sync run} and tests: a worker to {@link SyncWorker#drain drain} on the calling thread. */
    public static TerminalSync open(VisitLog log, SyncConfig config, SyncListener ui) {
        return open(log, config, ui, null, Clock.systemUTC());
    }

    /** For the app: a worker that can also {@link SyncWorker#start() run} on {@code scheduler} (not owned). */
    public static TerminalSync open(VisitLog log, SyncConfig config, SyncListener ui,
            ScheduledExecutorService scheduler, Clock clock) {
        Objects.requireNonNull(log, "log");
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
        return new TerminalSync(clients, outbox, b.build());
    }

    public SyncWorker worker() {
        return worker;
    }

    public VisitLogOutbox outbox() {
        return outbox;
    }

    /** The eligibility provider the configuration chose (central service or BHXH gateway). */
    public vn.clinicterm.sync.EligibilityProvider eligibility() {
        return clients.eligibility();
    }

    @Override
    public void close() {
        clients.close();
    }
}
