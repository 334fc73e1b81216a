package vn.clinicterm.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An in-memory {@link Outbox} with the storage contract's semantics, strict about the worker's protocol: an entry
 * must be marked in flight before it is marked done, retried or dead-lettered, and only entries
 * {@link #nextBatch} could have returned may be marked in flight. Violations throw {@link AssertionError}.
 */
public final class FakeOutbox implements Outbox {

    private static final class Row {
        OutboxEntry entry;
        OutboxEntry.State state = OutboxEntry.State.QUEUED;
        Instant notBefore = Instant.MIN;
        String lastReason;
        OutboxEntry.Receipt receipt;
        Instant deadAt;
    }

    private final Map<UUID, Row> rows = new LinkedHashMap<>();
    private long nextSequence = 1;
    private Instant lastSuccess;
    private int inFlightMarks;

    public synchronized OutboxEntry add(OutboxEntry.Kind kind, String patientKey, String visitId, String payload) {
        OutboxEntry e = new OutboxEntry(nextSequence++, UUID.randomUUID(), kind, patientKey, visitId, payload, 0);
        Row r = new Row();
        r.entry = e;
        rows.put(e.idempotencyKey(), r);
        return e;
    }

    @Override
    public synchronized List<OutboxEntry> nextBatch(int limit, Instant now) {
        List<OutboxEntry> out = new ArrayList<>();
        Set<String> blocked = new HashSet<>();
        for (Row r : rows.values()) {
            if (out.size() >= limit) {
                break;
            }
            OutboxEntry.State s = r.state;
            if (s == OutboxEntry.State.DONE || s == OutboxEntry.State.DEAD_LETTER) {
                continue;
            }
            boolean first = blocked.add(r.entry.patientKey());
            if (!first) {
                continue;
            }
            boolean due = s == OutboxEntry.State.QUEUED
                    || (s == OutboxEntry.State.RETRY_WAIT && !now.isBefore(r.notBefore));
            if (due) {
                out.add(r.entry);
            }
        }
        return out;
    }

    @Override
    public synchronized void markInFlight(Collection<UUID> keys) {
        for (UUID k : keys) {
            Row r = row(k);
            if (r.state != OutboxEntry.State.QUEUED && r.state != OutboxEntry.State.RETRY_WAIT) {
                throw new AssertionError("markInFlight on " + r.state + " entry " + k);
            }
            r.state = OutboxEntry.State.IN_FLIGHT;
            inFlightMarks++;
        }
    }

    @Override
    public synchronized void markDone(UUID key, OutboxEntry.Receipt receipt) {
        Row r = inFlight(key, "markDone");
        r.state = OutboxEntry.State.DONE;
        r.receipt = receipt;
        lastSuccess = receipt.at();
    }

    @Override
    public synchronized void markRetry(UUID key, Instant notBefore, String reason) {
        Row r = inFlight(key, "markRetry");
        r.state = OutboxEntry.State.RETRY_WAIT;
        r.notBefore = notBefore;
        r.lastReason = reason;
        OutboxEntry e = r.entry;
        r.entry = new OutboxEntry(e.sequence(), e.idempotencyKey(), e.kind(), e.patientKey(), e.visitId(),
                e.payload(), e.attempts() + 1);
    }

    @Override
    public synchronized void markDeadLetter(UUID key, Instant at, String reason) {
        Row r = inFlight(key, "markDeadLetter");
        r.state = OutboxEntry.State.DEAD_LETTER;
        r.lastReason = reason;
        r.deadAt = at;
    }

    @Override
    public synchronized int recoverInFlight() {
        int n = 0;
        for (Row r : rows.values()) {
            if (r.state == OutboxEntry.State.IN_FLIGHT) {
                r.state = OutboxEntry.State.QUEUED;
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized OutboxState state() {
        int queued = 0, inFlight = 0, done = 0;
        List<OutboxState.DeadLetter> dead = new ArrayList<>();
        for (Row r : rows.values()) {
            switch (r.state) {
                case QUEUED, RETRY_WAIT -> queued++;
                case IN_FLIGHT -> inFlight++;
                case DONE -> done++;
                case DEAD_LETTER -> dead.add(new OutboxState.DeadLetter(r.entry.idempotencyKey(), r.entry.kind(),
                        r.deadAt, r.lastReason));
            }
        }
        return new OutboxState(queued, inFlight, done, Optional.ofNullable(lastSuccess), dead);
    }

    private Row row(UUID key) {
        Row r = rows.get(key);
        if (r == null) {
            throw new AssertionError("unknown outbox key " + key);
        }
        return r;
    }

    private Row inFlight(UUID key, String op) {
        Row r = row(key);
        if (r.state != OutboxEntry.State.IN_FLIGHT) {
            throw new AssertionError(op + " on " + r.state + " entry " + key + " (not marked in flight)");
        }
        return r;
    }

    public synchronized OutboxEntry.State stateOf(UUID key) {
        return row(key).state;
    }

    public synchronized OutboxEntry entry(UUID key) {
        return row(key).entry;
    }

    public synchronized Instant notBefore(UUID key) {
        return row(key).notBefore;
    }

    public synchronized Optional<String> lastReason(UUID key) {
        return Optional.ofNullable(row(key).lastReason);
    }

    public synchronized Optional<OutboxEntry.Receipt> receipt(UUID key) {
        return Optional.ofNullable(row(key).receipt);
    }

    public synchronized int inFlightMarks() {
        return inFlightMarks;
    }

    /** The "database on disk" as a killed process left it: a copy the dead worker can no longer touch. */
    public synchronized FakeOutbox copyAsAfterCrash() {
        FakeOutbox copy = new FakeOutbox();
        copy.nextSequence = nextSequence;
        copy.lastSuccess = lastSuccess;
        for (Map.Entry<UUID, Row> e : rows.entrySet()) {
            Row src = e.getValue();
            Row r = new Row();
            r.entry = src.entry;
            r.state = src.state;
            r.notBefore = src.notBefore;
            r.lastReason = src.lastReason;
            r.receipt = src.receipt;
            r.deadAt = src.deadAt;
            copy.rows.put(e.getKey(), r);
        }
        return copy;
    }
}
