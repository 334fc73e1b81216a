package vn.clinicterm.terminal.selftest;

import java.security.Provider;
import java.util.List;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import javax.smartcardio.TerminalFactorySpi;

/**
 * A {@code javax.smartcardio} card service that answers but has no reader attached, the state pcscd is in on a PC
 * whose reader is unplugged (this machine's pcscd always has its virtual readers).
 */
public final class NoReaderTerminals extends TerminalFactorySpi {

    public NoReaderTerminals(Object params) {
        // TerminalFactory.getInstance passes its parameters; there are none
    }

    static TerminalFactory factory() throws java.security.NoSuchAlgorithmException {
        Provider provider = new Provider("ClinicTermNoReaders", "1", "a card service without readers") {
            {
                put("TerminalFactory.NoReaders", NoReaderTerminals.class.getName());
            }
        };
        return TerminalFactory.getInstance("NoReaders", null, provider);
    }

    @Override
    protected CardTerminals engineTerminals() {
        return new CardTerminals() {
            @Override
            public List<CardTerminal> list(State state) {
                return List.of();
            }

            @Override
            public boolean waitForChange(long timeout) {
                return false;
            }
        };
    }
}
