package vn.clinicterm.cardsim;

/**
 * A contactless card as a reader sees it: an ATR and an APDU exchange.
 *
 * <p>Implementations never throw for anything a terminal sends: malformed or unexpected commands get the status
 * word a real chip would give. Calls are serialised by the caller (one reader slot, one APDU at a time).
 */
public interface VirtualCard {

    /** The answer-to-reset the reader reports for this card. */
    byte[] atr();

    /** Field on: the chip boots, every session state is cleared. */
    void powerOn();

    /** Field off: the chip loses all session state (secure messaging keys, selected file, ...). */
    void powerOff();

    /**
     * Processes one command APDU and returns the response APDU (data followed by SW1 SW2).
     *
     * @throws CardRemovedException when the card has left the field (e.g. a tear fault), so the transport can
     *     report the card as gone instead of answering
     */
    byte[] transmit(byte[] commandApdu);

    /** Thrown by {@link #transmit} when the card is no longer in the field. */
    final class CardRemovedException extends RuntimeException {
        public CardRemovedException(String message) {
            super(message);
        }
    }
}
