package vn.clinicterm.terminal.reception;

import vn.clinicterm.terminal.storage.RecordOutcome;

/** What {@link Reception#checkIn} did. */
public sealed interface CheckInOutcome {

    /** The consent policy refused: nothing was stored but an audit entry. {@code messageKey} is in the consent bundle. */
    record ConsentRefused(String messageKey) implements CheckInOutcome {}

    /** The visit log was asked to store the visit; see its outcome. */
    record Stored(RecordOutcome outcome) implements CheckInOutcome {}
}
