package vn.clinicterm.terminal.app;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import javax.smartcardio.TerminalFactorySpi;

/**
 * A {@code javax.smartcardio} factory whose card service is down, as the JDK sees PC/SC when pcscd is not running:
 * every listing fails with {@code SCARD_E_NO_SERVICE}.
 */
final class FailingTerminals {

    static final String TYPE = "ClinicTermNoService";

    private FailingTerminals() {}

    static TerminalFactory factory() {
        Provider provider = new Provider("ClinicTermNoServiceProvider", "1", "card service that is not running") {
            {
                put("TerminalFactory." + TYPE, Spi.class.getName());
            }
        };
        try {
            return TerminalFactory.getInstance(TYPE, null, provider);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Instantiated by the JCA through its public constructor. */
    public static final class Spi extends TerminalFactorySpi {
        public Spi(Object parameter) {}

        @Override
        protected CardTerminals engineTerminals() {
            return new CardTerminals() {
                @Override
                public List<CardTerminal> list(State state) throws CardException {
                    throw new CardException("list() failed", new RuntimeException("SCARD_E_NO_SERVICE"));
                }

                @Override
                public boolean waitForChange(long timeout) throws CardException {
                    throw new CardException("waitForChange() failed", new RuntimeException("SCARD_E_NO_SERVICE"));
                }
            };
        }
    }
}
