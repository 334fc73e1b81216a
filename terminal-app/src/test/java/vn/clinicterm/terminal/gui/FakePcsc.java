package vn.clinicterm.terminal.gui;

import java.io.Serial;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;
import javax.smartcardio.TerminalFactorySpi;

/**
 * A PC/SC stack whose only behaviour is the two states a counter must explain without any card: the card service is
 * not running ({@code SCARD_E_NO_SERVICE}), or it runs and no reader is plugged in
 * ({@code SCARD_E_NO_READERS_AVAILABLE}), as pcscd reports them. Switch with {@link #serviceRunning}.
 */
final class FakePcsc {

    private volatile boolean running;
    private final TerminalFactory factory;

    FakePcsc() {
        try {
            factory = TerminalFactory.getInstance("FakePcsc", null, new FakeProvider(this));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    TerminalFactory factory() {
        return factory;
    }

    void serviceRunning(boolean on) {
        running = on;
    }

    private final class Terminals extends CardTerminals {
        @Override
        public List<CardTerminal> list(State state) throws CardException {
            throw new CardException(running ? "SCARD_E_NO_READERS_AVAILABLE" : "SCARD_E_NO_SERVICE");
        }

        @Override
        public boolean waitForChange(long timeout) {
            try {
                Thread.sleep(Math.max(1, Math.min(timeout, 100)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private static final class FakeProvider extends Provider {
        @Serial
        private static final long serialVersionUID = 1L;

        FakeProvider(FakePcsc pcsc) {
            super("FakePcsc", "1.0", "a PC/SC stack with no service or no reader, for tests");
            putService(new Service(this, "TerminalFactory", "FakePcsc", FakeSpi.class.getName(), List.of(), Map.of()) {
                @Override
                public Object newInstance(Object parameter) {
                    return new FakeSpi(pcsc.new Terminals());
                }
            });
        }
    }

    private static final class FakeSpi extends TerminalFactorySpi {
        private final CardTerminals terminals;

        FakeSpi(CardTerminals terminals) {
            this.terminals = terminals;
        }

        @Override
        protected CardTerminals engineTerminals() {
            return terminals;
        }
    }
}
