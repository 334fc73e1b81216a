package vn.clinicterm.card.internal;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import vn.clinicterm.card.CccdQr;

/**
 * The CCCD front QR, {@code ID|oldID|Name|DOB ddMMyyyy|Gender|Address|IssueDate ddMMyyyy} or the 6-field form
 * without the old ID. A QR scanner types into the app, so anything may arrive; messages never echo it.
 */
public final class CccdQrParser {

    private CccdQrParser() {}

    public static CccdQr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a CCCD QR code: nothing was scanned");
        }
        String trimmed = text.strip();
        if (trimmed.endsWith("|")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String[] fields = trimmed.split("\\|", -1);
        if (fields.length != 6 && fields.length != 7) {
            throw new IllegalArgumentException("not a CCCD QR code: it has " + fields.length
                    + " fields separated by '|', a CCCD QR has 6 or 7");
        }
        int i = 0;
        String id = fields[i++].strip();
        if (!id.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("not a CCCD QR code: the first field is not a 12-digit ID number");
        }
        Optional<String> oldId = Optional.empty();
        if (fields.length == 7) {
            String old = fields[i++].strip();
            if (!old.isEmpty() && !old.matches("[0-9]{9}|[0-9]{12}")) {
                throw new IllegalArgumentException("not a CCCD QR code: the old ID field is not 9 or 12 digits");
            }
            oldId = old.isEmpty() ? Optional.empty() : Optional.of(old);
        }
        String name = nfc(fields[i++]);
        if (name.isEmpty() || name.chars().anyMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a CCCD QR code: the name field is empty or holds digits");
        }
        LocalDate birth = date(fields[i++], "date of birth");
        String gender = nfc(fields[i++]);
        if (gender.isEmpty()) {
            throw new IllegalArgumentException("not a CCCD QR code: the gender field is empty");
        }
        String address = nfc(fields[i++]);
        LocalDate issued = date(fields[i], "issue date");
        return new CccdQr(id, oldId, name, birth, gender, address, issued);
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
    }

    private static LocalDate date(String field, String what) {
        String text = field.strip();
        if (text.matches("[0-9]{8}")) {
            try {
                return LocalDate.of(Integer.parseInt(text.substring(4, 8)), Integer.parseInt(text.substring(2, 4)),
                        Integer.parseInt(text.substring(0, 2)));
            } catch (DateTimeException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("not a CCCD QR code: the " + what + " is not a valid date ddMMyyyy");
    }
}
