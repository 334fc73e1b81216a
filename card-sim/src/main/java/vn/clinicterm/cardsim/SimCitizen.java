package vn.clinicterm.cardsim;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * A synthetic Vietnamese citizen as printed on, and stored in, a CCCD. Never a real person.
 *
 * @param idNumber 12 digits: 3-digit province code, gender/century digit, 2-digit birth year, 6-digit serial
 * @param oldIdNumber the previous 9-digit CMND number, or empty
 * @param expiryDate empty when the card has no expiry (issued after the holder turned 60)
 * @param spouseName empty when unmarried
 */
public record SimCitizen(
        String idNumber,
        Optional<String> oldIdNumber,
        String fullName,
        LocalDate dateOfBirth,
        Gender gender,
        String nationality,
        String ethnicity,
        String religion,
        String placeOfOrigin,
        String residence,
        String identifyingMarks,
        LocalDate issueDate,
        Optional<LocalDate> expiryDate,
        String fatherName,
        String motherName,
        Optional<String> spouseName) {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    /** The 12-digit ID's 4th digit: 0/1 male/female born 19xx, 2/3 born 20xx. */
    public enum Gender {
        MALE("Nam", 'M'),
        FEMALE("Nữ", 'F');

        private final String vietnamese;
        private final char mrzCode;

        Gender(String vietnamese, char mrzCode) {
            this.vietnamese = vietnamese;
            this.mrzCode = mrzCode;
        }

        public String vietnamese() {
            return vietnamese;
        }

        public char mrzCode() {
            return mrzCode;
        }
    }

    public SimCitizen {
        Objects.requireNonNull(idNumber);
        if (!idNumber.matches("\\d{12}")) {
            throw new IllegalArgumentException("ID number must be 12 digits");
        }
    }

    /** The card access number: the last 6 digits of the ID number. */
    public String can() {
        return idNumber.substring(6);
    }

    /** The MRZ document number: the last 9 digits of the ID number. */
    public String documentNumber() {
        return idNumber.substring(3);
    }

    public String mrzDateOfBirth() {
        return dateOfBirth.format(YYMMDD);
    }

    /**
     * The MRZ expiry date. A card without expiry carries {@code 991231} in its MRZ (a synthetic convention of this
     * simulator; documented in the card-sim README).
     */
    public String mrzDateOfExpiry() {
        return expiryDate.map(d -> d.format(YYMMDD)).orElse("991231");
    }
}
