package vn.clinicterm.card;

import java.util.Objects;
import vn.clinicterm.card.internal.MrzCheckDigits;

/**
 * The secret that opens a chip: the CAN printed on the card (PACE) or the MRZ's document number and dates (PACE with
 * the MRZ, or BAC). Build one with {@link AccessKeys}.
 *
 * <p>Keys must never be logged: {@link #toString()} hides every character. The accessors return the real values,
 * because the card session needs them.
 */
public sealed interface AccessKey {

    /**
     * The 6-digit card access number (on a CCCD: the last 6 digits of the 12-digit ID number).
     *
     * @throws IllegalArgumentException unless exactly 6 ASCII digits
     */
    record Can(String can) implements AccessKey {

        public Can {
            Objects.requireNonNull(can, "can");
            if (!can.matches("[0-9]{6}")) {
                throw new IllegalArgumentException("a CAN must be exactly 6 digits");
            }
        }

        @Override
        public String toString() {
            return "CAN(******)";
        }
    }

    /**
     * The MRZ information that BAC and PACE derive their key from.
     *
     * @param documentNumber as printed in the MRZ, without trailing filler {@code <}; 1 to 24 characters
     *     {@code [A-Z0-9<]}
     * @param dateOfBirth YYMMDD
     * @param dateOfExpiry YYMMDD
     * @throws IllegalArgumentException when a field has the wrong shape
     */
    record Mrz(String documentNumber, String dateOfBirth, String dateOfExpiry) implements AccessKey {

        public Mrz {
            Objects.requireNonNull(documentNumber, "documentNumber");
            Objects.requireNonNull(dateOfBirth, "dateOfBirth");
            Objects.requireNonNull(dateOfExpiry, "dateOfExpiry");
            if (!documentNumber.matches("[A-Z0-9<]{1,24}") || documentNumber.startsWith("<")) {
                throw new IllegalArgumentException(
                        "a document number must be 1 to 24 characters A-Z, 0-9 or '<' and start with a letter or digit");
            }
            if (!MrzCheckDigits.isYymmdd(dateOfBirth)) {
                throw new IllegalArgumentException("the date of birth must be a valid date written YYMMDD");
            }
            if (!MrzCheckDigits.isYymmdd(dateOfExpiry)) {
                throw new IllegalArgumentException("the date of expiry must be a valid date written YYMMDD");
            }
        }

        /**
         * The ICAO 9303-11 "MRZ_information" the key seed is hashed from: document number (padded with {@code <} to 9
         * characters) and its check digit, date of birth and its check digit, date of expiry and its check digit.
         */
        public String mrzInformation() {
            String number = documentNumber.length() < 9
                    ? documentNumber + "<".repeat(9 - documentNumber.length())
                    : documentNumber;
            return number + MrzCheckDigits.of(number)
                    + dateOfBirth + MrzCheckDigits.of(dateOfBirth)
                    + dateOfExpiry + MrzCheckDigits.of(dateOfExpiry);
        }

        @Override
        public String toString() {
            return "MRZ(******)";
        }
    }
}
