package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * Reaches the real pcscd through javax.smartcardio. Tests that need it fail, not skip, when it is missing: a green
 * build must mean the PC/SC path was exercised.
 */
final class PcscTestSupport {

    static final String READER = "Virtual PCD 00 00";
    static final int PORT = 35963;
    static final String HOW_TO_START = "start it with `pcscd --foreground --error` (Debian packages pcscd and "
            + "vsmartcard-vpcd; run the tests with -Dsun.security.smartcardio.library="
            + "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1)";

    private PcscTestSupport() {}

    /** The vpcd reader on port 35963, which must exist and be empty. */
    static CardTerminal emptyVirtualReader() {
        CardTerminal terminal = virtualReader();
        try {
            if (terminal.isCardPresent() && !terminal.waitForCardAbsent(3_000)) {
                fail("another card is already in '" + READER + "' (a virtual card of another program?); "
                        + "the pcscd tests need it empty");
            }
        } catch (CardException e) {
            fail("pcscd stopped answering: " + e + "; " + HOW_TO_START, e);
        }
        return terminal;
    }

    static CardTerminal virtualReader() {
        List<CardTerminal> terminals;
        try {
            terminals = TerminalFactory.getInstance("PC/SC", null).terminals().list();
        } catch (Exception e) {
            throw new AssertionError("pcscd is not reachable through javax.smartcardio (" + e + "); "
                    + HOW_TO_START, e);
        }
        return terminals.stream()
                .filter(t -> t.getName().equals(READER))
                .findFirst()
                .orElseThrow(() -> new AssertionError("pcscd runs but has no reader '" + READER + "' (readers: "
                        + terminals + "); is vsmartcard-vpcd installed? " + HOW_TO_START));
    }
}
