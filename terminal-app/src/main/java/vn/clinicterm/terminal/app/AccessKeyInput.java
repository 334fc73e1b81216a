package vn.clinicterm.terminal.app;

import java.util.Optional;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.AccessKeys;

/**
 * What staff typed (or a QR scanner "typed") into the access-key field, classified. A scanner types the whole CCCD
 * front QR ({@code ID|oldID|Name|DOB|Gender|Address|IssueDate}); staff type the 6-digit CAN or the 12-digit ID.
 * {@link #toString()} hides the text: it is personal data.
 */
public record AccessKeyInput(String text, Kind kind) {

    public enum Kind {
        /** Nothing typed. */
        EMPTY,
        /** A CCCD front QR string: ready, and unambiguous enough to start a read by itself. */
        QR,
        /** Exactly 6 digits: ready. */
        CAN,
        /** A 12-digit ID number (spaces, dots, dashes forgiven): ready. */
        ID_NUMBER,
        /** Digits only, but not 6 or 12 yet. */
        INCOMPLETE,
        /** Contains '|' but is not a CCCD QR, or anything else that is no key. */
        NOT_A_KEY
    }

    public static AccessKeyInput of(String raw) {
        String text = raw == null ? "" : raw;
        String t = text.strip();
        if (t.isEmpty()) {
            return new AccessKeyInput(text, Kind.EMPTY);
        }
        if (t.indexOf('|') >= 0) {
            return new AccessKeyInput(text, AccessKeys.isCccdQr(t) ? Kind.QR : Kind.NOT_A_KEY);
        }
        String digits = t.replaceAll("[\\s.\\-]", "");
        if (!digits.matches("[0-9]+")) {
            return new AccessKeyInput(text, Kind.NOT_A_KEY);
        }
        if (digits.length() == 6) {
            return new AccessKeyInput(text, Kind.CAN);
        }
        if (digits.length() == 12) {
            return new AccessKeyInput(text, Kind.ID_NUMBER);
        }
        return new AccessKeyInput(text, digits.length() < 12 ? Kind.INCOMPLETE : Kind.NOT_A_KEY);
    }

    public boolean ready() {
        return kind == Kind.QR || kind == Kind.CAN || kind == Kind.ID_NUMBER;
    }

    /** The key to open the chip with, when {@link #ready()}. */
    public Optional<AccessKey> accessKey() {
        String t = text.strip();
        return switch (kind) {
            case QR -> Optional.of(AccessKeys.fromQr(t));
            case CAN -> Optional.of(new AccessKey.Can(t.replaceAll("[\\s.\\-]", "")));
            case ID_NUMBER -> Optional.of(AccessKeys.fromIdNumber(t));
            case EMPTY, INCOMPLETE, NOT_A_KEY -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return "AccessKeyInput[" + kind + ", text hidden]";
    }
}
