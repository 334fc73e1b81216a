package vn.clinicterm.terminal.app;

import javax.smartcardio.CardTerminal;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.ChipReader;
import vn.clinicterm.card.ReadOutcome;
import vn.clinicterm.card.ReadProgress;

/** The blocking chip read, as a seam: the app uses {@link ChipReader}, tests may wrap it to watch which thread reads. */
@FunctionalInterface
public interface CardReadFunction {

    ReadOutcome read(CardTerminal terminal, AccessKey key, ReadProgress progress);

    static CardReadFunction of(ChipReader reader) {
        return reader::read;
    }
}
