package vn.clinicterm.sync;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Who to look up. {@link #toString()} never prints the personal fields.
 *
 * @param idNumber the 12-digit CCCD number (the BHXH gateway accepts it in place of the insurance card code)
 * @param cardNumber the 15-character insurance card code when the patient showed one; preferred by the gateway
 */
public record EligibilityQuery(String idNumber, String fullName, LocalDate dateOfBirth, Optional<String> cardNumber) {

    public EligibilityQuery {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(cardNumber, "cardNumber");
        if (!idNumber.matches("\\d{12}")) {
            throw new IllegalArgumentException("ID number must be 12 digits");
        }
        if (fullName.isBlank() || fullName.length() > 200) {
            throw new IllegalArgumentException("full name must be 1..200 characters");
        }
        cardNumber.ifPresent(c -> {
            if (!c.matches("[A-Z]{2}\\d{13}")) {
                throw new IllegalArgumentException("card number must be 2 letters and 13 digits");
            }
        });
    }

    public static EligibilityQuery of(String idNumber, String fullName, LocalDate dateOfBirth) {
        return new EligibilityQuery(idNumber, fullName, dateOfBirth, Optional.empty());
    }

    @Override
    public String toString() {
        return "EligibilityQuery[redacted]";
    }
}
