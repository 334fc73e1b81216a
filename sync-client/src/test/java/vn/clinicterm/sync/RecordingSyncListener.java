package vn.clinicterm.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every callback; {@link #takeResolved} waits (bounded) for the next eligibility answer. */
public final class RecordingSyncListener implements SyncListener {

    public record Resolved(String visitId, EligibilityResult result) {}

    public record Dead(UUID key, OutboxEntry.Kind kind, String reason) {}

    private final LinkedBlockingQueue<Resolved> resolved = new LinkedBlockingQueue<>();
    private final List<Dead> dead = new ArrayList<>();
    private int rounds;

    @Override
    public void eligibilityResolved(String visitId, EligibilityResult result) {
        resolved.add(new Resolved(visitId, result));
    }

    @Override
    public synchronized void deadLettered(UUID key, OutboxEntry.Kind kind, String reason) {
        dead.add(new Dead(key, kind, reason));
    }

    @Override
    public synchronized void roundFinished(OutboxState state) {
        rounds++;
    }

    public Resolved takeResolved(long timeoutMillis) throws InterruptedException {
        Resolved r = resolved.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no eligibility answer within " + timeoutMillis + " ms");
        }
        return r;
    }

    public List<Resolved> resolvedSoFar() {
        return List.copyOf(resolved);
    }

    public synchronized List<Dead> deadLetters() {
        return List.copyOf(dead);
    }

    public synchronized int rounds() {
        return rounds;
    }
}
