package vn.clinicterm.cardsim;

import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;

/**
 * Run in a fresh JVM by the pcscd restart test: a JVM that used javax.smartcardio before pcscd restarted keeps a dead
 * PC/SC context (SCARD_E_NO_SERVICE) that no new TerminalFactory replaces. Exit 0 when the reader named in args[0]
 * holds a card that echoes an APDU.
 */
public final class PcscProbeMain {

    private PcscProbeMain() {}

    public static void main(String[] args) throws Exception {
        CardTerminal terminal = TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(args[0]);
        if (terminal == null || !terminal.waitForCardPresent(10_000)) {
            System.out.println("no card in " + args[0]);
            System.exit(2);
        }
        Card card = terminal.connect("*");
        ResponseAPDU response = card.getBasicChannel()
                .transmit(new CommandAPDU(0x00, 0x2A, 0x00, 0x00, new byte[] {0x5A}, 256));
        card.disconnect(false);
        boolean ok = response.getSW() == 0x9000 && response.getData().length == 1 && response.getData()[0] == 0x5A;
        System.out.println(ok ? "echo ok" : "unexpected response " + response);
        System.exit(ok ? 0 : 3);
    }
}
