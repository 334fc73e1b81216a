package vn.clinicterm.cardsim.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;

/**
 * One caller's view of the simulated readers, with its own memory of what {@link #waitForChange(long)} last saw, as
 * each {@code TerminalFactory.terminals()} call gives a fresh view on PC/SC too.
 *
 * <p>Insertion and removal are counted, not inferred from presence alone: a card taken out and put back between two
 * {@code waitForChange} calls shows up in both {@code CARD_REMOVAL} and {@code CARD_INSERTION}, where the JDK's PC/SC
 * view (which compares presence only) would list it in neither.
 */
final class SimCardTerminals extends CardTerminals {

    private final SimReaders readers;
    // Guarded by this. Null until the first waitForChange: then event queries act as presence queries.
    private long[] seen;
    private boolean[] inserted;
    private boolean[] removed;

    SimCardTerminals(SimReaders readers) {
        this.readers = readers;
    }

    @Override
    public synchronized List<CardTerminal> list(State state) throws CardException {
        Objects.requireNonNull(state, "state");
        List<SimReaders.Slot> slots = readers.slots();
        List<CardTerminal> result = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            SimReaders.Slot slot = slots.get(i);
            boolean present = readers.snapshot(slot).present();
            boolean include = switch (state) {
                case ALL -> true;
                case CARD_PRESENT -> present;
                case CARD_ABSENT -> !present;
                case CARD_INSERTION -> seen == null ? present : inserted[i];
                case CARD_REMOVAL -> seen == null ? !present : removed[i];
            };
            if (include) {
                result.add(slot.terminal);
            }
        }
        return Collections.unmodifiableList(result);
    }

    @Override
    public CardTerminal getTerminal(String name) {
        SimReaders.Slot slot = readers.slotOrNull(Objects.requireNonNull(name, "name"));
        return slot == null ? null : slot.terminal;
    }

    @Override
    public synchronized boolean waitForChange(long timeout) throws CardException {
        if (timeout < 0) {
            throw new IllegalArgumentException("Timeout must not be negative: " + timeout);
        }
        long[] baseline = seen != null ? seen : readers.transitions();
        if (seen == null) {
            seen = baseline;
            inserted = new boolean[baseline.length];
            removed = new boolean[baseline.length];
        }
        long[] now;
        try {
            now = readers.awaitTransitions(baseline, timeout == 0 ? -1 : timeout * 1_000_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CardException("waitForChange() interrupted", e);
        }
        if (now == null) {
            return false;
        }
        List<SimReaders.Slot> slots = readers.slots();
        for (int i = 0; i < now.length; i++) {
            long changes = now[i] - baseline[i];
            boolean present = readers.snapshot(slots.get(i)).present();
            // Insertions and removals alternate, so the count and the end state say which ones happened.
            inserted[i] = changes >= 2 || (changes == 1 && present);
            removed[i] = changes >= 2 || (changes == 1 && !present);
        }
        seen = now;
        return true;
    }
}
