package vn.clinicterm.terminal.storage;

/** What {@link VisitLog#recordVisit} did. */
public sealed interface RecordOutcome {

    /** The visit and its outbox entry were committed together. */
    record Recorded(long visitId) implements RecordOutcome {}

    /** The same card was checked in within the duplicate window: no second visit. */
    record Duplicate(long existingVisitId) implements RecordOutcome {}

    /** Verification FAILED and staff did not override: nothing stored except an audit entry saying so. */
    record RefusedUnverified(Indication indication, String subIndication) implements RecordOutcome {}

    /** The database is read-only (failed its integrity check): nothing stored. */
    record ReadOnly(String reason) implements RecordOutcome {}
}
