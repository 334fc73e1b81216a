package vn.clinicterm.card;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The machine readable zone stored in DG1, TD1 (ID cards such as the CCCD) or TD3 (passports). Text is as in the MRZ:
 * upper case Latin, no diacritics; filler {@code <} is removed from the ends of each field and stands for a space
 * inside names. {@link #toString()} hides the personal data.
 *
 * @param documentCode e.g. {@code ID}, {@code P}, {@code I}
 * @param issuingState three letters, e.g. {@code VNM}; Germany's is {@code D}
 * @param documentNumber the full document number (on a CCCD the last 9 digits of the ID number)
 * @param dateOfBirth YYMMDD; unknown parts may be {@code <}
 * @param dateOfExpiry YYMMDD
 * @param gender {@code M}, {@code F} or {@code X} (unspecified)
 * @param primaryIdentifier the surname part of the name
 * @param secondaryIdentifiers the given names, one word each
 * @param optionalData1 TD1 line 1 / TD3 personal number; on a CCCD the 12-digit ID, {@code <<} and a check digit
 * @param optionalData2 TD1 line 2; {@code ""} for TD3
 */
public record MrzData(
        String documentCode,
        String issuingState,
        String documentNumber,
        String dateOfBirth,
        String dateOfExpiry,
        String gender,
        String nationality,
        String primaryIdentifier,
        List<String> secondaryIdentifiers,
        String optionalData1,
        String optionalData2) {

    public MrzData {
        Objects.requireNonNull(documentCode, "documentCode");
        Objects.requireNonNull(issuingState, "issuingState");
        Objects.requireNonNull(documentNumber, "documentNumber");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(dateOfExpiry, "dateOfExpiry");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(nationality, "nationality");
        Objects.requireNonNull(primaryIdentifier, "primaryIdentifier");
        secondaryIdentifiers = List.copyOf(secondaryIdentifiers);
        Objects.requireNonNull(optionalData1, "optionalData1");
        Objects.requireNonNull(optionalData2, "optionalData2");
    }

    /**
     * The 12-digit citizen ID number when the optional data holds one, as on a CCCD: 12 digits at the start of
     * optional data 1 whose last 9 are the document number. Empty for passports and other ID cards.
     */
    public Optional<String> fullIdNumber() {
        String data = optionalData1;
        if (data.length() >= 12 && data.substring(0, 12).chars().allMatch(c -> c >= '0' && c <= '9')
                && (data.length() == 12 || !Character.isDigit(data.charAt(12)))
                && data.substring(3, 12).equals(documentNumber)) {
            return Optional.of(data.substring(0, 12));
        }
        return Optional.empty();
    }

    /** The name as people read it: {@code NGUYEN VAN AN}. */
    public String name() {
        StringBuilder name = new StringBuilder(primaryIdentifier);
        for (String word : secondaryIdentifiers) {
            if (!name.isEmpty()) {
                name.append(' ');
            }
            name.append(word);
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return "MrzData[documentCode=" + documentCode + ", issuingState=" + issuingState + ", documentNumber="
                + CitizenIdentity.mask(documentNumber) + ", personal data hidden]";
    }
}
