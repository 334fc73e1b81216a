package vn.clinicterm.card;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the card says its holder is, as the reception screen shows it: DG13 where the chip has it (Vietnamese, with
 * diacritics), else the MRZ of DG1 (a passport-like chip). {@link #toString()} masks the ID number and hides the
 * rest.
 *
 * @param idNumber DG13 field 1, else the 12-digit ID in the MRZ's optional data, else the MRZ document number
 * @param fullName DG13 field 2, else the MRZ name ({@code NGUYEN VAN AN})
 * @param dateOfBirth DG13 field 3, else the MRZ date of birth; empty when neither is a whole date
 * @param gender DG13 field 4 ({@code Nam}/{@code Nữ}), else the MRZ code ({@code M}/{@code F}/{@code X})
 * @param nationality DG13 field 5 ({@code Việt Nam}), else the MRZ code ({@code VNM})
 * @param placeOfOrigin DG13 field 8; {@code ""} without DG13
 * @param residence DG13 field 9; {@code ""} without DG13
 * @param issueDate DG13 field 11; empty without DG13
 * @param expiryDate DG13 field 12 (empty: no expiry); without DG13 the MRZ expiry date
 * @param oldIdNumber DG13 field 15; empty without DG13
 */
public record CitizenIdentity(
        String idNumber,
        String fullName,
        Optional<LocalDate> dateOfBirth,
        String gender,
        String nationality,
        String placeOfOrigin,
        String residence,
        Optional<LocalDate> issueDate,
        Optional<LocalDate> expiryDate,
        Optional<String> oldIdNumber,
        Optional<Dg13Data> dg13,
        MrzData mrz) {

    public CitizenIdentity {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(nationality, "nationality");
        Objects.requireNonNull(placeOfOrigin, "placeOfOrigin");
        Objects.requireNonNull(residence, "residence");
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(expiryDate, "expiryDate");
        Objects.requireNonNull(oldIdNumber, "oldIdNumber");
        Objects.requireNonNull(dg13, "dg13");
        Objects.requireNonNull(mrz, "mrz");
    }

    /**
     * Same as {@link #of(Optional, MrzData, Clock)} with the system clock, which only matters for an MRZ date of birth
     * whose century the ID number does not give.
     */
    public static CitizenIdentity of(Optional<Dg13Data> dg13, MrzData dg1) {
        return of(dg13, dg1, Clock.systemDefaultZone());
    }

    /**
     * Combines DG13 (when the chip has one) with DG1. A two-digit MRZ birth year takes its century from a CCCD ID
     * number's century digit when there is one (0/1: 19xx, 2/3: 20xx, …), else the latest century that does not put
     * the birth after today on {@code clock}.
     */
    public static CitizenIdentity of(Optional<Dg13Data> dg13, MrzData dg1, Clock clock) {
        Objects.requireNonNull(dg13, "dg13");
        Objects.requireNonNull(dg1, "dg1");
        Objects.requireNonNull(clock, "clock");
        Optional<String> mrzId = dg1.fullIdNumber();
        if (dg13.isPresent()) {
            Dg13Data d = dg13.get();
            Optional<LocalDate> birth = d.dateOfBirth().isPresent() ? d.dateOfBirth()
                    : mrzBirthDate(dg1.dateOfBirth(), Optional.of(d.idNumber()), LocalDate.now(clock));
            return new CitizenIdentity(d.idNumber(), d.fullName(), birth,
                    d.gender().isBlank() ? dg1.gender() : d.gender(),
                    d.nationality().isBlank() ? dg1.nationality() : d.nationality(),
                    d.placeOfOrigin(), d.residence(), d.issueDate(), d.expiryDate(), d.oldIdNumber(), dg13, dg1);
        }
        return new CitizenIdentity(mrzId.orElse(dg1.documentNumber()), dg1.name(),
                mrzBirthDate(dg1.dateOfBirth(), mrzId, LocalDate.now(clock)), dg1.gender(), dg1.nationality(), "", "",
                Optional.empty(), mrzExpiryDate(dg1.dateOfExpiry()), Optional.empty(), Optional.empty(), dg1);
    }

    /** The ID number with its middle hidden, e.g. {@code 0010••••7064}: safe for screens that others can see. */
    public String maskedIdNumber() {
        return mask(idNumber);
    }

    /** First and last four characters of a 12-character number (a third each of shorter ones), the rest as •. */
    static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return "";
        }
        int shown = Math.min(4, number.length() / 3);
        return number.substring(0, shown) + "•".repeat(number.length() - 2 * shown)
                + number.substring(number.length() - shown);
    }

    private static Optional<LocalDate> mrzBirthDate(String yymmdd, Optional<String> cccdId, LocalDate today) {
        if (!yymmdd.matches("[0-9]{6}")) {
            return Optional.empty();
        }
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int month = Integer.parseInt(yymmdd.substring(2, 4));
        int day = Integer.parseInt(yymmdd.substring(4, 6));
        try {
            if (cccdId.isPresent() && cccdId.get().matches("[0-9]{12}")) {
                int centuryDigit = cccdId.get().charAt(3) - '0';
                return Optional.of(LocalDate.of(1900 + centuryDigit / 2 * 100 + yy, month, day));
            }
            int year = today.getYear() / 100 * 100 + yy;
            LocalDate date = LocalDate.of(year, month, day);
            return Optional.of(date.isAfter(today) ? LocalDate.of(year - 100, month, day) : date);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> mrzExpiryDate(String yymmdd) {
        if (!yymmdd.matches("[0-9]{6}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(2000 + Integer.parseInt(yymmdd.substring(0, 2)),
                    Integer.parseInt(yymmdd.substring(2, 4)), Integer.parseInt(yymmdd.substring(4, 6))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "CitizenIdentity[idNumber=" + maskedIdNumber() + ", source=" + (dg13.isPresent() ? "DG13" : "DG1")
                + ", personal data hidden]";
    }
}
