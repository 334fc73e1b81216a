package vn.clinicterm.cardsim.internal;

import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;

/**
 * A connection to the card of one insertion. Once that card is removed the connection is dead for good, even if a
 * card goes back into the reader: the first call that notices throws {@link CardException} and later ones
 * {@link IllegalStateException}, as the JDK's PC/SC card does.
 */
final class SimCard extends Card {

    private enum State { OK, REMOVED, DISCONNECTED }

    private final SimReaders readers;
    private final SimReaders.Slot slot;
    private final long insertion;
    private final ATR atr;
    private final String protocol;
    private final SimChannel basicChannel;
    private volatile State state = State.OK;

    SimCard(SimReaders readers, SimReaders.Slot slot, long insertion, byte[] atr, String protocol) {
        this.readers = readers;
        this.slot = slot;
        this.insertion = insertion;
        this.atr = new ATR(atr);
        this.protocol = protocol;
        this.basicChannel = new SimChannel(this);
    }

    void checkState() {
        switch (state) {
            case DISCONNECTED -> throw new IllegalStateException("Card has been disconnected");
            case REMOVED -> throw new IllegalStateException("Card has been removed");
            case OK -> { }
        }
    }

    boolean isValid() {
        if (state != State.OK) {
            return false;
        }
        if (readers.snapshot(slot).insertion() != insertion) {
            state = State.REMOVED;
            return false;
        }
        return true;
    }

    /** One APDU to the card, no GET RESPONSE handling; that is the channel's job. */
    byte[] transmitRaw(byte[] command) throws CardException {
        try {
            return readers.transmit(slot, insertion, command);
        } catch (SimReaders.CardGoneException e) {
            state = State.REMOVED;
            throw new CardException("transmit() failed: card removed from " + slot.name
                    + " (SCARD_W_REMOVED_CARD)", e);
        }
    }

    @Override
    public ATR getATR() {
        return atr;
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public CardChannel getBasicChannel() {
        checkState();
        return basicChannel;
    }

    @Override
    public CardChannel openLogicalChannel() throws CardException {
        checkState();
        throw new CardException("openLogicalChannel() failed: the simulated reader supports the basic channel only");
    }

    /** No-op: the simulated reader has one user at a time by construction. */
    @Override
    public void beginExclusive() {
        checkState();
    }

    /** No-op, see {@link #beginExclusive()}. */
    @Override
    public void endExclusive() {
        checkState();
    }

    @Override
    public byte[] transmitControlCommand(int controlCode, byte[] command) throws CardException {
        checkState();
        if (command == null) {
            throw new NullPointerException("command");
        }
        throw new CardException("transmitControlCommand() failed: the simulated reader has no control codes");
    }

    @Override
    public void disconnect(boolean reset) throws CardException {
        if (state != State.OK) {
            return;
        }
        try {
            if (reset) {
                readers.reset(slot, insertion);
            }
        } catch (SimReaders.CardGoneException e) {
            // Resetting a card that is gone has nothing to reset; PC/SC reports success here too.
        } finally {
            state = State.DISCONNECTED;
        }
    }

    @Override
    public String toString() {
        return "ClinicTerm simulated card in " + slot.name + ", protocol " + protocol + ", state " + state;
    }
}
