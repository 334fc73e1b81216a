package vn.clinicterm.card;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import vn.clinicterm.cardsim.VirtualCard;
import vn.clinicterm.cardsim.VpcdCardClient;

/**
 * A simulated card in pcscd's first vpcd reader, seen through {@link CardReaders#platform()} — the same path a clinic
 * uses. Fails (never skips) without pcscd.
 */
final class SimInPcscd implements AutoCloseable {

    static final String READER = "Virtual PCD 00 00";

    final VpcdCardClient client;
    final CardTerminal terminal;

    private SimInPcscd(VpcdCardClient client, CardTerminal terminal) {
        this.client = client;
        this.terminal = terminal;
    }

    static CardTerminal terminal() {
        try {
            CardTerminal t = CardReaders.platform().terminal(READER);
            if (t == null) {
                fail("reader '" + READER + "' missing: is pcscd running with vsmartcard-vpcd?");
            }
            return t;
        } catch (CardServiceUnavailableException e) {
            throw new AssertionError(e.getMessage() + ": start it with 'pcscd --foreground --error'", e);
        }
    }

    static SimInPcscd insert(VirtualCard card) {
        CardTerminal terminal = terminal();
        VpcdCardClient client = VpcdCardClient.builder().port(35963).card(card).build().start();
        try {
            if (!client.awaitConnected(Duration.ofSeconds(10)) || !terminal.waitForCardPresent(10_000)) {
                client.close();
                fail("the simulated card did not show up in '" + READER + "'");
            }
        } catch (InterruptedException | CardException e) {
            client.close();
            throw new AssertionError(e);
        }
        return new SimInPcscd(client, terminal);
    }

    @Override
    public void close() {
        client.close();
        try {
            terminal.waitForCardAbsent(5_000);
        } catch (CardException e) {
            // the next insert waits for presence anyway
        }
    }
}
