package vn.clinicterm.card.internal;

/**
 * A file read from a chip breaks its format. The message is written by us, in plain English, and never holds data
 * from the file, so the parser boundary passes it on as the reason.
 */
public final class LdsFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public LdsFormatException(String message) {
        super(message, null, false, false);
    }
}
