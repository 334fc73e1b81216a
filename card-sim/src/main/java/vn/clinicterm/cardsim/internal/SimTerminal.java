package vn.clinicterm.cardsim.internal;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;

/** One in-JVM reader, with the connection rules of the JDK's PC/SC terminal. */
final class SimTerminal extends CardTerminal {

    private final SimReaders readers;
    private final SimReaders.Slot slot;
    private SimCard card; // guarded by this

    SimTerminal(SimReaders readers, SimReaders.Slot slot) {
        this.readers = readers;
        this.slot = slot;
    }

    @Override
    public String getName() {
        return slot.name;
    }

    /**
     * Like PC/SC: {@code "*"} and {@code "T=1"} give a T=1 connection; {@code "T=CL"} is accepted too (the JDK's
     * own provider rejects it); {@code "T=0"} fails as it would on a contactless card; a live connection is handed
     * out again rather than doubled.
     */
    @Override
    public synchronized Card connect(String protocol) throws CardException {
        String wanted = switch (protocol) {
            case null -> throw new NullPointerException("protocol");
            case String p when p.equals("*") || p.equalsIgnoreCase("T=1") -> "T=1";
            case String p when p.equalsIgnoreCase("T=CL") -> "T=CL";
            case String p when p.equalsIgnoreCase("T=0") ->
                    throw new CardException("connect() failed: a contactless card does not speak T=0");
            case String p when p.equalsIgnoreCase("direct") ->
                    throw new CardException("connect() failed: direct connections are not simulated");
            default -> throw new IllegalArgumentException("Unsupported protocol " + protocol);
        };
        if (card != null) {
            if (card.isValid()) {
                if (protocol.equals("*") || protocol.equalsIgnoreCase(card.getProtocol())) {
                    return card;
                }
                throw new CardException("Cannot connect using " + protocol
                        + ", connection already established using " + card.getProtocol());
            }
            card = null;
        }
        SimReaders.Snapshot now = readers.snapshot(slot);
        if (!now.present()) {
            throw new CardNotPresentException("No card present in " + slot.name);
        }
        card = new SimCard(readers, slot, now.insertion(), now.atr(), wanted);
        return card;
    }

    @Override
    public boolean isCardPresent() {
        return readers.snapshot(slot).present();
    }

    @Override
    public boolean waitForCardPresent(long timeout) throws CardException {
        return waitFor(true, timeout);
    }

    @Override
    public boolean waitForCardAbsent(long timeout) throws CardException {
        return waitFor(false, timeout);
    }

    private boolean waitFor(boolean present, long timeoutMillis) throws CardException {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
        try {
            return readers.awaitPresence(slot, present, timeoutMillis == 0 ? -1 : timeoutMillis * 1_000_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CardException("interrupted while waiting for the card", e);
        }
    }

    @Override
    public String toString() {
        return "ClinicTerm simulated terminal " + slot.name;
    }
}
