package vn.clinicterm.terminal.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.smartcardio.CardTerminal;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.ChipReader;
import vn.clinicterm.card.ReadOutcome;
import vn.clinicterm.card.ReadProgress;

/** The real {@link ChipReader}, noting the name of every thread that called it. */
final class RecordingCardReader implements CardReadFunction {

    private final ChipReader reader = ChipReader.builder().build();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public ReadOutcome read(CardTerminal terminal, AccessKey key, ReadProgress progress) {
        threads.add(Thread.currentThread().getName());
        return reader.read(terminal, key, progress);
    }
}
