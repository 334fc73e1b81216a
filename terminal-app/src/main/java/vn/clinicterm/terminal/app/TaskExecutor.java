package vn.clinicterm.terminal.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the reception flow runs blocking work (card reads, verification, eligibility calls, database writes). The app
 * uses {@link #background(String)}; tests use {@link #inline()} or a recording executor, so asynchronous code is
 * deterministic under test.
 */
public interface TaskExecutor extends AutoCloseable {

    void execute(Runnable task);

    @Override
    default void close() {}

    /** Runs each task on the caller's thread. */
    static TaskExecutor inline() {
        return Runnable::run;
    }

    /** A small pool of daemon threads named {@code <name>-N}; closing it waits briefly for running tasks. */
    static TaskExecutor background(String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newCachedThreadPool(threads);
        return new TaskExecutor() {
            @Override
            public void execute(Runnable task) {
                pool.execute(task);
            }

            @Override
            public void close() {
                pool.shutdownNow();
                try {
                    pool.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
