package vn.clinicterm.terminal.storage;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.card.CitizenIdentity;

/**
 * A check-in to record: who came (the identity fields the clinic needs, nothing more — no face, no DG3), what the
 * verifier said, how the chip was read, and who at the counter decided. The time comes from the visit log's clock.
 * Build one with {@link #builder()}.
 *
 * @param overrideByStaff a card whose verification FAILED is recorded only when staff explicitly decided so; such
 *     visits are marked and show up as anomalies in reports
 */
public record CheckIn(
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

    public CheckIn {
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(staffUser, "staffUser");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(residence, "residence");
        Objects.requireNonNull(indication, "indication");
        Objects.requireNonNull(subIndication, "subIndication");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(accessMethod, "accessMethod");
        Objects.requireNonNull(cloneCheck, "cloneCheck");
        Objects.requireNonNull(eligibility, "eligibility");
        Objects.requireNonNull(consent, "consent");
        if (idNumber.isBlank()) {
            throw new IllegalArgumentException("a check-in needs the card's ID number");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "CheckIn[" + CheckIns.mask(idNumber) + ", " + indication + ", personal data hidden]";
    }

    /** Collects a check-in; the identity can be taken from a {@link CitizenIdentity} in one call. */
    public static final class Builder {
        private String terminalId = "";
        private String staffUser;
        private String idNumber;
        private String fullName = "";
        private Optional<LocalDate> dateOfBirth = Optional.empty();
        private String gender = "";
        private String residence = "";
        private Indication indication;
        private String subIndication = "";
        private List<String> reasons = List.of();
        private AccessMethod accessMethod = AccessMethod.PACE;
        private CloneCheck cloneCheck = CloneCheck.NONE;
        private boolean cloneCheckConfirmed;
        private Eligibility eligibility = Eligibility.PENDING;
        private boolean overrideByStaff;
        private Optional<Consent> consent = Optional.empty();

        private Builder() {}

        /** ID number, full name, date of birth, gender and residence from what the card says. */
        public Builder identity(CitizenIdentity identity) {
            idNumber = identity.idNumber();
            fullName = identity.fullName();
            dateOfBirth = identity.dateOfBirth();
            gender = identity.gender();
            residence = identity.residence();
            return this;
        }

        public Builder terminalId(String v) { terminalId = v; return this; }
        public Builder staffUser(String v) { staffUser = v; return this; }
        public Builder idNumber(String v) { idNumber = v; return this; }
        public Builder fullName(String v) { fullName = v; return this; }
        public Builder dateOfBirth(LocalDate v) { dateOfBirth = Optional.ofNullable(v); return this; }
        public Builder gender(String v) { gender = v; return this; }
        public Builder residence(String v) { residence = v; return this; }

        /** The verifier's indication, sub-indication (e.g. {@code HASH_FAILURE}, may be empty) and reason codes. */
        public Builder verification(Indication v, String sub, List<String> why) {
            indication = v;
            subIndication = sub == null ? "" : sub;
            reasons = why;
            return this;
        }

        public Builder accessMethod(AccessMethod v) { accessMethod = v; return this; }

        public Builder cloneCheck(CloneCheck method, boolean confirmed) {
            cloneCheck = method;
            cloneCheckConfirmed = confirmed;
            return this;
        }

        public Builder eligibility(Eligibility v) { eligibility = v; return this; }

        /** Staff explicitly decided to record a card that failed verification. */
        public Builder overrideByStaff() { overrideByStaff = true; return this; }

        public Builder consent(Consent v) { consent = Optional.ofNullable(v); return this; }

        public CheckIn build() {
            return new CheckIn(terminalId, staffUser, idNumber, fullName, dateOfBirth, gender, residence, indication,
                    subIndication, reasons, accessMethod, cloneCheck, cloneCheckConfirmed, eligibility,
                    overrideByStaff, consent);
        }
    }
}
