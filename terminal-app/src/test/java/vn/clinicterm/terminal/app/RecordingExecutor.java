package vn.clinicterm.terminal.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A background executor whose threads are named {@code recording-executor-N} and which counts the tasks it ran. */
final class RecordingExecutor implements TaskExecutor {

    static final String PREFIX = "recording-executor-";

    private final TaskExecutor pool = TaskExecutor.background(PREFIX.substring(0, PREFIX.length() - 1));
    private final AtomicInteger tasks = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
        tasks.incrementAndGet();
        pool.execute(task);
    }

    int tasks() {
        return tasks.get();
    }

    @Override
    public void close() {
        pool.close();
    }
}
