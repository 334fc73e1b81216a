package vn.clinicterm.card;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The QR code printed on the front of a CCCD: {@code ID|oldID|Name|DOB|Gender|Address|IssueDate}, or the same without
 * the old ID. Parse one with {@link AccessKeys#parseQr(String)}. {@link #toString()} hides the personal data.
 *
 * @param idNumber the 12-digit ID number
 * @param oldIdNumber the previous CMND number, when the QR carries one
 */
public record CccdQr(
        String idNumber,
        Optional<String> oldIdNumber,
        String fullName,
        LocalDate dateOfBirth,
        String gender,
        String address,
        LocalDate issueDate) {

    public CccdQr {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(oldIdNumber, "oldIdNumber");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(issueDate, "issueDate");
    }

    /** The CAN this QR gives: the last 6 digits of the ID number. */
    public AccessKey.Can can() {
        return new AccessKey.Can(idNumber.substring(idNumber.length() - 6));
    }

    @Override
    public String toString() {
        return "CccdQr[idNumber=" + CitizenIdentity.mask(idNumber) + ", personal data hidden]";
    }
}
