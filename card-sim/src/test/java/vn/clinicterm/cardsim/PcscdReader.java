package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * A simulated card in pcscd's first vpcd reader, for tests that go through the real PC/SC stack. Fails (never skips)
 * when pcscd is not running: CI starts it, and so must a developer ({@code pcscd --foreground --error}).
 */
final class PcscdReader implements AutoCloseable {

    static final String READER = "Virtual PCD 00 00";
    static final int VPCD_PORT = 35963;

    private final VpcdCardClient client;
    private final CardTerminal terminal;

    private PcscdReader(VpcdCardClient client, CardTerminal terminal) {
        this.client = client;
        this.terminal = terminal;
    }

    static CardTerminal terminal() {
        TerminalFactory factory = TerminalFactory.getDefault();
        if (!"PC/SC".equals(factory.getType())) {
            fail("javax.smartcardio has no PC/SC (type " + factory.getType()
                    + "): install pcscd and start it with 'pcscd --foreground --error'");
        }
        CardTerminal terminal = factory.terminals().getTerminal(READER);
        if (terminal == null) {
            fail("reader '" + READER + "' not found: is pcscd running with the vpcd driver (vsmartcard-vpcd)?");
        }
        return terminal;
    }

    /** Inserts the card and waits until PC/SC reports it present. */
    static PcscdReader insert(VirtualCard card) {
        CardTerminal terminal = terminal();
        VpcdCardClient client = VpcdCardClient.builder().port(VPCD_PORT).card(card).build().start();
        try {
            if (!client.awaitConnected(Duration.ofSeconds(10)) || !terminal.waitForCardPresent(10_000)) {
                client.close();
                fail("the simulated card did not show up in '" + READER + "' within 10 s");
            }
        } catch (InterruptedException | CardException e) {
            client.close();
            throw new AssertionError("waiting for the card failed", e);
        }
        return new PcscdReader(client, terminal);
    }

    CardTerminal cardTerminal() {
        return terminal;
    }

    VpcdCardClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        try {
            terminal.waitForCardAbsent(5_000);
        } catch (CardException e) {
            // the next test's insert waits for presence anyway
        }
    }
}
