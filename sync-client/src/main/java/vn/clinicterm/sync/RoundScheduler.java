package vn.clinicterm.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The scheduling loop of an outbox worker: runs "rounds" one after another on a {@link ScheduledExecutorService},
 * each round deciding how long to wait before the next (at once after real progress, the idle poll otherwise, or
 * until the end of a pause after failures). {@link SyncWorker} and the terminal's check-in worker both run on it;
 * what a round does, and what its result means for the next delay, stays with them.
 *
 * <p>Contract:
 * <ul>
 *   <li>Rounds never overlap: scheduled rounds, and rounds the owner runs on its own threads through
 *       {@link #exclusive}, hold the same (reentrant) lock. A scheduled round holds it while it decides its delay.
 *   <li>A scheduled round that throws a {@link RuntimeException} (a database that failed, say) does not end the
 *       schedule: the failure handler records it and says when to try again.
 *   <li>{@link #wakeUp()} brings a waiting round forward to now; {@link #stop} ends the schedule and waits for the
 *       round in progress.
 *   <li>The scheduler does not own the executor and never shuts it down.
 * </ul>
 */
public final class RoundScheduler {

    private final ScheduledExecutorService executor;
    private final Supplier<Duration> round;
    private final Function<RuntimeException, Duration> onFailure;

    private final ReentrantLock roundLock = new ReentrantLock();
    private final Object scheduleLock = new Object();
    private volatile boolean running;
    private ScheduledFuture<?> next;
    /** Guarded by scheduleLock: a scheduled round is running, and whether a wake-up arrived meanwhile. */
    private boolean inRound;
    private boolean wakeRequested;

    /**
     * @param executor where scheduled rounds run; may be null for an owner that only runs rounds on its own threads,
     *     in which case {@link #start()} fails
     * @param round runs one round and returns how long to wait before the next (zero or negative: at once)
     * @param onFailure told when {@code round} threw; returns how long to wait before trying again
     */
    public RoundScheduler(ScheduledExecutorService executor, Supplier<Duration> round,
            Function<RuntimeException, Duration> onFailure) {
        this.executor = executor;
        this.round = Objects.requireNonNull(round, "round");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /** Schedules the first round now; does nothing when already running. */
    public void start() {
        if (executor == null) {
            throw new IllegalStateException("no executor to schedule rounds on");
        }
        synchronized (scheduleLock) {
            if (running) {
                return;
            }
            running = true;
            next = executor.schedule(this::loop, 0, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs the next round now instead of after its delay. Does nothing when not running. The round itself decides
     * whether there is anything to do (a worker that is paused after failures stays paused).
     */
    public void wakeUp() {
        synchronized (scheduleLock) {
            if (!running) {
                return;
            }
            if (inRound) {
                // the running round's future would still cancel "successfully" and a second loop would start:
                // let the running round schedule its successor at once instead
                wakeRequested = true;
            } else if (next != null && next.cancel(false)) {
                next = executor.schedule(this::loop, 0, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Stops scheduling rounds and waits up to {@code timeout} for a round in progress, scheduled or run through
     * {@link #exclusive}, to finish. Returns true when no round is running any more (always true when called from
     * within a round: the lock is reentrant). May be called again, and the scheduler started again, later.
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        synchronized (scheduleLock) {
            running = false;
            if (next != null) {
                next.cancel(false);
            }
        }
        if (roundLock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            roundLock.unlock();
            return true;
        }
        return false;
    }

    /** Whether rounds are being scheduled: after {@link #start()}, before {@link #stop}. */
    public boolean running() {
        return running;
    }

    /**
     * Runs {@code body} as a round on the calling thread: it waits for a round in progress and {@link #stop} waits
     * for it. The owner's public "run one round" method goes through here, so that callers on other threads and the
     * scheduled {@code round} (which may call that method: the lock is reentrant) never overlap.
     */
    public <T> T exclusive(Supplier<T> body) {
        roundLock.lock();
        try {
            return body.get();
        } finally {
            roundLock.unlock();
        }
    }

    private void loop() {
        synchronized (scheduleLock) {
            if (!running) {
                return;
            }
            inRound = true;
            wakeRequested = false;
        }
        Duration delay = Duration.ZERO;
        try {
            delay = exclusive(round);
        } catch (RuntimeException e) {
            delay = onFailure.apply(e);
        } finally {
            synchronized (scheduleLock) {
                inRound = false;
                if (running) {
                    long ms = wakeRequested ? 0 : Math.max(0, delay.toMillis());
                    wakeRequested = false;
                    next = executor.schedule(this::loop, ms, TimeUnit.MILLISECONDS);
                }
            }
        }
    }
}
