package vn.clinicterm.terminal.reception;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;

/** The stages of a patient's check-in that a hospital system can follow (issue 9 §2), in the order they happen. */
public sealed interface ReceptionEvent {

    Instant at();

    /** The chip was read: the identity fields the clinic needs. */
    record CardRead(Instant at, String idNumber, String fullName, Optional<LocalDate> dateOfBirth, String gender,
            String residence) implements ReceptionEvent {
        @Override
        public String toString() {
            return "CardRead[" + at + ", personal data hidden]";
        }
    }

    /** The verifier's outcome for the card just read. */
    record Verified(Instant at, Indication indication, String subIndication, List<String> reasons)
            implements ReceptionEvent {}

    /** The visit was stored. */
    record CheckedIn(Instant at, long visitId) implements ReceptionEvent {}

    /** The insurer's answer for the visit is known (at the counter or later through the outbox). */
    record EligibilityKnown(Instant at, long visitId, Eligibility eligibility) implements ReceptionEvent {}
}
