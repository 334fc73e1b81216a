package vn.clinicterm.card;

/** The platform's card service (pcscd on Linux) is not running or not reachable. */
public final class CardServiceUnavailableException extends Exception {
    public CardServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
