package vn.clinicterm.card;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of a CCCD's DG13, the Vietnamese personal data group: the 15 fields printed on the card, with
 * Vietnamese diacritics (text is Unicode NFC). Only the ID number and the full name are sure to be present: a text
 * field the card lacks is {@code ""}, a date it lacks (or holds as something that is not a date) is empty.
 * {@link #toString()} hides the personal data.
 *
 * @param idNumber field 1, 12 digits
 * @param fullName field 2
 * @param dateOfBirth field 3 ({@code dd/MM/yyyy} on the card)
 * @param gender field 4 as written on the card, e.g. {@code Nam} or {@code Nữ}
 * @param nationality field 5, e.g. {@code Việt Nam}
 * @param ethnicity field 6
 * @param religion field 7
 * @param placeOfOrigin field 8 (quê quán)
 * @param residence field 9 (nơi thường trú)
 * @param identifyingMarks field 10 (đặc điểm nhận dạng)
 * @param issueDate field 11
 * @param expiryDate field 12; empty when the card never expires ({@code Không thời hạn}) or the field is blank
 * @param fatherName field 13, first name in it
 * @param motherName field 13, second name in it
 * @param spouseName field 14, empty when blank
 * @param oldIdNumber field 15, the previous CMND number, empty when blank
 */
public record Dg13Data(
        String idNumber,
        String fullName,
        Optional<LocalDate> dateOfBirth,
        String gender,
        String nationality,
        String ethnicity,
        String religion,
        String placeOfOrigin,
        String residence,
        String identifyingMarks,
        Optional<LocalDate> issueDate,
        Optional<LocalDate> expiryDate,
        String fatherName,
        String motherName,
        Optional<String> spouseName,
        Optional<String> oldIdNumber) {

    public Dg13Data {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(nationality, "nationality");
        Objects.requireNonNull(ethnicity, "ethnicity");
        Objects.requireNonNull(religion, "religion");
        Objects.requireNonNull(placeOfOrigin, "placeOfOrigin");
        Objects.requireNonNull(residence, "residence");
        Objects.requireNonNull(identifyingMarks, "identifyingMarks");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(expiryDate, "expiryDate");
        Objects.requireNonNull(fatherName, "fatherName");
        Objects.requireNonNull(motherName, "motherName");
        Objects.requireNonNull(spouseName, "spouseName");
        Objects.requireNonNull(oldIdNumber, "oldIdNumber");
    }

    @Override
    public String toString() {
        return "Dg13Data[idNumber=" + CitizenIdentity.mask(idNumber) + ", personal data hidden]";
    }
}
