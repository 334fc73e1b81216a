package vn.clinicterm.card;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import vn.clinicterm.card.internal.CccdQrParser;
import vn.clinicterm.card.internal.TypedMrz;

/**
 * Builds {@link AccessKey}s from what the counter has: the card's front QR, its ID number, the ID number and dates,
 * or its MRZ. Every factory throws {@link IllegalArgumentException} with an English message for bad input; the
 * message never contains the input, so it may be logged and shown.
 */
public final class AccessKeys {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private AccessKeys() {}

    /** The CAN from a CCCD front QR (the last 6 digits of its ID number). */
    public static AccessKey.Can fromQr(String qr) {
        return parseQr(qr).can();
    }

    /**
     * Parses a CCCD front QR: 7 fields {@code ID|oldID|Name|DOB|Gender|Address|IssueDate} (old ID may be empty) or 6
     * without the old ID; dates {@code ddMMyyyy}. Surrounding whitespace, a trailing line break and a trailing
     * {@code |} are ignored.
     *
     * @throws IllegalArgumentException for anything that is not a CCCD QR: wrong field count, an ID that is not 12
     *     digits, an old ID that is not 9 or 12 digits, an empty name or gender, a date that does not exist
     */
    public static CccdQr parseQr(String qr) {
        return CccdQrParser.parse(qr);
    }

    /** Whether {@code text} is a CCCD front QR that {@link #parseQr(String)} accepts; for the UI's auto-detection. */
    public static boolean isCccdQr(String text) {
        try {
            CccdQrParser.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The CAN from a 12-digit ID number (its last 6 digits). Spaces, dots and dashes typed between digit groups are
     * ignored ({@code 001 085 012 345}, {@code 001.085.012.345}).
     */
    public static AccessKey.Can fromIdNumber(String id12) {
        String id = idNumber(id12);
        return new AccessKey.Can(id.substring(6));
    }

    /**
     * The MRZ key of a CCCD from its ID number and dates: the document number is the ID's last 9 digits.
     *
     * @param dateOfExpiry as the MRZ of the card carries it
     */
    public static AccessKey.Mrz fromIdAndDates(String id12, LocalDate dateOfBirth, LocalDate dateOfExpiry) {
        String id = idNumber(id12);
        if (dateOfBirth == null || dateOfExpiry == null) {
            throw new IllegalArgumentException("the date of birth and the date of expiry are both needed");
        }
        return new AccessKey.Mrz(id.substring(3), dateOfBirth.format(YYMMDD), dateOfExpiry.format(YYMMDD));
    }

    /**
     * The MRZ key from its three fields; the document number is upper-cased and trailing filler {@code <} is removed.
     */
    public static AccessKey.Mrz fromMrzFields(String documentNumber, String dateOfBirthYymmdd,
            String dateOfExpiryYymmdd) {
        if (documentNumber == null || dateOfBirthYymmdd == null || dateOfExpiryYymmdd == null) {
            throw new IllegalArgumentException("the document number, date of birth and date of expiry are all needed");
        }
        String number = documentNumber.strip().toUpperCase(java.util.Locale.ROOT).replaceAll("<+$", "");
        return new AccessKey.Mrz(number, dateOfBirthYymmdd.strip(), dateOfExpiryYymmdd.strip());
    }

    /**
     * The MRZ key from a typed or scanned MRZ: TD1 (3 lines of 30 or the first two; a CCCD's line 1 is
     * {@code IDVNM}, the 9-digit document number, its check digit, the 12-digit ID, {@code <<} and a check digit) or
     * TD3 (2 lines of 44). Every check digit involved, the composite included, must match. Case, spaces and line
     * breaks are forgiven; a single run of 60/90 or 88 characters is split into lines.
     */
    public static AccessKey.Mrz fromMrz(String mrzText) {
        return TypedMrz.parse(mrzText);
    }

    private static String idNumber(String typed) {
        if (typed == null) {
            throw new IllegalArgumentException("an ID number must be 12 digits");
        }
        String digits = typed.strip().replaceAll("[\\s.\\-]", "");
        if (!digits.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("an ID number must be 12 digits");
        }
        return digits;
    }
}
