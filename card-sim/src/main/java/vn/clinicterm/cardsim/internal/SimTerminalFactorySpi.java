package vn.clinicterm.cardsim.internal;

import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactorySpi;

/** Hands out views of one set of simulated readers. */
public final class SimTerminalFactorySpi extends TerminalFactorySpi {

    private final SimReaders readers;

    public SimTerminalFactorySpi(SimReaders readers) {
        this.readers = readers;
    }

    @Override
    protected CardTerminals engineTerminals() {
        return new SimCardTerminals(readers);
    }
}
