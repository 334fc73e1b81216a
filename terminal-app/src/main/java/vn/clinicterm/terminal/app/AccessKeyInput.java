package vn.clinicterm.terminal.app;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Objects;
import java.util.Optional;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.AccessKeys;

/**
 * What staff typed (or a QR scanner "typed") into the access-key field, or entered as the card's MRZ, classified. A
 * scanner types the whole CCCD front QR ({@code ID|oldID|Name|DOB|Gender|Address|IssueDate}); staff type the 6-digit
 * CAN or the 12-digit ID, or paste the MRZ lines from the back; or, when the front is unreadable, enter the MRZ's three
 * fields with {@link #mrzFields}. {@link #toString()} hides the text: it is personal data.
 *
 * @param text what is in the key field ({@code ""} for a key entered as MRZ fields)
 * @param accessKey the key to open the chip with, when {@link #ready()}
 */
public record AccessKeyInput(String text, Kind kind, Optional<AccessKey> accessKey) {

    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("ddMMuuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter MRZ_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    public AccessKeyInput {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(accessKey, "accessKey");
    }

    public enum Kind {
        /** Nothing typed. */
        EMPTY,
        /** A CCCD front QR string: ready, and unambiguous enough to start a read by itself. */
        QR,
        /** Exactly 6 digits: ready. */
        CAN,
        /** A 12-digit ID number (spaces, dots, dashes forgiven): ready. */
        ID_NUMBER,
        /** The MRZ (typed lines or its three fields): document number, date of birth, date of expiry. Ready. */
        MRZ,
        /** Digits only, but not 6 or 12 yet; or MRZ fields not all filled in. */
        INCOMPLETE,
        /** Contains '|' but is not a CCCD QR, or anything else that is no key. */
        NOT_A_KEY
    }

    /** Which MRZ field {@link #mrzFields} could not use. */
    public enum MrzProblem {
        DOCUMENT_NUMBER,
        DATE_OF_BIRTH,
        DATE_OF_EXPIRY
    }

    /** The outcome of {@link #mrzFields}: the input when every field is usable, else the first field at fault. */
    public sealed interface MrzEntry {
        record Ok(AccessKeyInput input) implements MrzEntry {}

        record Incomplete() implements MrzEntry {}

        record Invalid(MrzProblem problem) implements MrzEntry {}
    }

    public static AccessKeyInput of(String raw) {
        String text = raw == null ? "" : raw;
        String t = text.strip();
        if (t.isEmpty()) {
            return new AccessKeyInput(text, Kind.EMPTY, Optional.empty());
        }
        if (t.indexOf('|') >= 0) {
            return AccessKeys.isCccdQr(t)
                    ? new AccessKeyInput(text, Kind.QR, Optional.of(AccessKeys.fromQr(t)))
                    : new AccessKeyInput(text, Kind.NOT_A_KEY, Optional.empty());
        }
        String digits = t.replaceAll("[\\s.\\-]", "");
        if (!digits.matches("[0-9]+")) {
            return typedMrz(text);
        }
        if (digits.length() == 6) {
            return new AccessKeyInput(text, Kind.CAN, Optional.of(new AccessKey.Can(digits)));
        }
        if (digits.length() == 12) {
            return new AccessKeyInput(text, Kind.ID_NUMBER, Optional.of(AccessKeys.fromIdNumber(digits)));
        }
        return new AccessKeyInput(text, digits.length() < 12 ? Kind.INCOMPLETE : Kind.NOT_A_KEY, Optional.empty());
    }

    /** MRZ lines typed or pasted into the key field (a CCCD's TD1 starts with {@code ID}); check digits must hold. */
    private static AccessKeyInput typedMrz(String text) {
        String compact = text.replaceAll("\\s", "").toUpperCase(java.util.Locale.ROOT);
        if (compact.startsWith("I") && compact.length() >= 60) {
            try {
                return new AccessKeyInput(text, Kind.MRZ, Optional.of(AccessKeys.fromMrz(text)));
            } catch (IllegalArgumentException notMrz) {
                return new AccessKeyInput(text, Kind.NOT_A_KEY, Optional.empty());
            }
        }
        return new AccessKeyInput(text, Kind.NOT_A_KEY, Optional.empty());
    }

    /**
     * The MRZ key from its three fields as printed on the back of the card, for a front that cannot be scanned.
     *
     * @param documentNumber the MRZ document number (9 digits) or the 12-digit ID number, whose last 9 digits it is;
     *     spaces, dots and dashes are forgiven
     * @param dateOfBirth {@code dd/MM/yyyy} (also with {@code .} or {@code -}, or as 8 digits {@code ddMMyyyy}) as
     *     printed on the front, or the MRZ's own 6 digits {@code YYMMDD}
     * @param dateOfExpiry the same formats
     */
    public static MrzEntry mrzFields(String documentNumber, String dateOfBirth, String dateOfExpiry) {
        String number = digitsOnly(documentNumber);
        String birth = digitsOnly(dateOfBirth);
        String expiry = digitsOnly(dateOfExpiry);
        if (number.isEmpty() || birth.isEmpty() || expiry.isEmpty()) {
            return new MrzEntry.Incomplete();
        }
        if (!number.matches("[0-9]{9}|[0-9]{12}")) {
            return new MrzEntry.Invalid(MrzProblem.DOCUMENT_NUMBER);
        }
        Optional<String> dob = mrzDate(birth);
        if (dob.isEmpty()) {
            return new MrzEntry.Invalid(MrzProblem.DATE_OF_BIRTH);
        }
        Optional<String> doe = mrzDate(expiry);
        if (doe.isEmpty()) {
            return new MrzEntry.Invalid(MrzProblem.DATE_OF_EXPIRY);
        }
        String doc = number.length() == 12 ? number.substring(3) : number;
        try {
            return new MrzEntry.Ok(new AccessKeyInput("", Kind.MRZ,
                    Optional.of(AccessKeys.fromMrzFields(doc, dob.get(), doe.get()))));
        } catch (IllegalArgumentException e) {
            return new MrzEntry.Invalid(MrzProblem.DOCUMENT_NUMBER);
        }
    }

    /** {@code null} or text with separators as bare digits; any other character makes it unusable (kept as is). */
    private static String digitsOnly(String s) {
        return s == null ? "" : s.strip().replaceAll("[\\s./\\-]", "");
    }

    private static Optional<String> mrzDate(String digits) {
        try {
            if (digits.matches("[0-9]{8}")) {
                return Optional.of(LocalDate.parse(digits, DAY_MONTH_YEAR).format(MRZ_DATE));
            }
            if (digits.matches("[0-9]{6}")) {
                // the MRZ's YYMMDD: only the month and day can be checked, the century is not written
                LocalDate.of(2000 + Integer.parseInt(digits.substring(0, 2)), Integer.parseInt(digits.substring(2, 4)),
                        Integer.parseInt(digits.substring(4, 6)));
                return Optional.of(digits);
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public boolean ready() {
        return accessKey.isPresent();
    }

    @Override
    public String toString() {
        return "AccessKeyInput[" + kind + ", text hidden]";
    }
}
