package vn.clinicterm.terminal.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import vn.clinicterm.card.AccessMethod;

/** A stored visit, decrypted, for auditors' searches and exports. {@link #toString()} hides personal data. */
public record VisitRecord(
        long visitId,
        Instant time,
        String terminalId,
        String staffUser,
        String idNumber,
        String fullName,
        Optional<LocalDate> dateOfBirth,
        String gender,
        String residence,
        Indication indication,
        String subIndication,
        List<String> reasons,
        AccessMethod accessMethod,
        CloneCheck cloneCheck,
        boolean cloneCheckConfirmed,
        Eligibility eligibility,
        boolean overrideByStaff,
        Optional<Consent> consent) {

    public String maskedIdNumber() {
        return CheckIns.mask(idNumber);
    }

    /** A clone suspicion: no clone check, or one the chip did not confirm. */
    public boolean cloneSuspected() {
        return cloneCheck == CloneCheck.NONE || !cloneCheckConfirmed;
    }

    @Override
    public String toString() {
        return "VisitRecord[" + visitId + ", " + maskedIdNumber() + ", " + indication + ", personal data hidden]";
    }
}
