package vn.clinicterm.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The durable queue of work for remote services, implemented by the visit database (entries are written in the same
 * transaction as the visit) and drained by {@link SyncWorker}. All state lives here, so a terminal that is killed
 * mid-drain resumes where it stopped: entries it had in flight are re-sent with the same idempotency key and the server
 * deduplicates them.
 *
 * <p>Contract for implementations (checked by the {@code FakeOutbox} tests):
 * <ul>
 *   <li>{@link #nextBatch} returns, in {@link OutboxEntry#sequence()} order, at most {@code limit} entries that are
 *       QUEUED, or RETRY_WAIT whose retry time has come, and that are the <em>oldest unfinished</em> entry of their
 *       patient — so at most one entry per patient, and never one whose predecessor is still pending, in flight or
 *       waiting to retry. Dead-lettered entries no longer hold their patient's queue back.
 *   <li>Marks are idempotent and ignore unknown keys; a mark on a DONE or DEAD_LETTER entry is ignored.
 *   <li>{@link #markRetry} increments the entry's {@code attempts}.
 *   <li>Reasons are technical ({@link SyncError#describe()}) and never contain personal data.
 *   <li>Every method is thread-safe and quick (no network).
 * </ul>
 */
public interface Outbox {

    /** Up to {@code limit} entries due at {@code now}, as described above. Does not change their state. */
    List<OutboxEntry> nextBatch(int limit, Instant now);

    /** The worker is sending these now. */
    void markInFlight(Collection<UUID> keys);

    /** The remote side has the entry (possibly from an earlier attempt). */
    void markDone(UUID key, OutboxEntry.Receipt receipt);

    /** Failed; not to be returned by {@link #nextBatch} before {@code notBefore}. */
    void markRetry(UUID key, Instant notBefore, String reason);

    /** Refused for good; shown to IT, never sent again unless a person requeues it. */
    void markDeadLetter(UUID key, Instant at, String reason);

    /**
     * Puts entries left IN_FLIGHT by a previous run (crash, kill -9, power cut) back in the queue, keeping their keys.
     * Called once when a worker starts. Returns how many were recovered.
     */
    int recoverInFlight();

    OutboxState state();
}
