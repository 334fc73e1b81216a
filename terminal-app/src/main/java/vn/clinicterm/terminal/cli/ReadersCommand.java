package vn.clinicterm.terminal.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.CardServiceUnavailableException;
import vn.clinicterm.card.ReaderState;

/** {@code clinicterm readers}: one reader per line with its card state. */
@Command(name = "readers", mixinStandardHelpOptions = true,
        description = "Lists the card readers, one per line: name, a tab, then 'card' or 'empty'.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:listed (possibly no readers)", "10:card service not running (start pcscd)"})
final class ReadersCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<ReaderState> readers;
        try {
            readers = CardReaders.platform().list();
        } catch (CardServiceUnavailableException e) {
            System.err.println("clinicterm readers: " + e.getMessage());
            return ExitCodes.NO_CARD_SERVICE;
        }
        if (readers.isEmpty()) {
            System.err.println("clinicterm readers: no card reader attached");
        }
        for (ReaderState r : readers) {
            Cli.out().println(r.name() + "\t" + (r.cardPresent() ? "card" : "empty"));
        }
        return ExitCodes.OK;
    }
}
