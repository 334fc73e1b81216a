package vn.clinicterm.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One durable piece of work waiting to reach a remote service.
 *
 * @param sequence the order entries were written in; per patient, entries are delivered in this order
 * @param idempotencyKey created once when the entry is written (in the visit's transaction) and sent on every attempt
 * @param patientKey an opaque per-patient key (e.g. an HMAC of the ID number) used only for ordering
 * @param visitId the visit this entry belongs to, so listeners can update it
 * @param payload the JSON body for this kind (see {@link OutboxPayloads})
 * @param attempts how many attempts have failed so far (drives the backoff)
 */
public record OutboxEntry(
        long sequence,
        UUID idempotencyKey,
        Kind kind,
        String patientKey,
        String visitId,
        String payload,
        int attempts) {

    /** What to do with the entry. Issue 9 will add the BHXH check-in record here. */
    public enum Kind {
        /** A visit record for {@code POST /v1/visits/batch}. */
        VISIT,
        /** An eligibility check that could not be answered at the counter; its answer updates the visit. */
        ELIGIBILITY_CHECK,
        /** An audit-chain anchor for {@code POST /v1/audit-anchors}. */
        AUDIT_ANCHOR
    }

    public OutboxEntry {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(patientKey, "patientKey");
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(payload, "payload");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0");
        }
    }

    @Override
    public String toString() {
        return "OutboxEntry[#" + sequence + " " + kind + " key=" + idempotencyKey + " attempts=" + attempts + "]";
    }

    /** The queue state of an entry as the outbox stores it. */
    public enum State {
        QUEUED,
        IN_FLIGHT,
        /** Failed, waiting for its retry time. */
        RETRY_WAIT,
        DONE,
        DEAD_LETTER
    }

    /** What the worker records when an entry is done. */
    public record Receipt(Instant at, String status) {
        public Receipt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(status, "status");
        }
    }
}
