package vn.clinicterm.terminal.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * One message for the central service, written with its visit. The idempotency key is created once and never
 * changes: the server may have accepted a request whose response was lost, so a retry must carry the same key.
 *
 * @param payload JSON with what sync needs (ID number, name, date of birth); stored encrypted, never log it
 */
public record OutboxEntry(long id, long visitId, UUID idempotencyKey, String payload, State state, int attempts,
        Instant createdAt, String lastError) {

    public enum State {
        QUEUED,
        /** Handed to the sync worker; put back to QUEUED if the terminal stopped before an answer. */
        IN_FLIGHT,
        SENT,
        FAILED,
        DEAD_LETTER
    }

    @Override
    public String toString() {
        return "OutboxEntry[" + id + ", visit " + visitId + ", " + state + ", attempts " + attempts + "]";
    }
}
