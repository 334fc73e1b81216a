package vn.clinicterm.cardsim.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.smartcardio.CardTerminal;
import vn.clinicterm.cardsim.VirtualCard;

/**
 * The in-JVM readers behind {@code SimTerminals}: a fixed set of named slots, each empty or holding one card.
 *
 * <p>Two locks: {@link Slot#io} serialises everything that calls into a slot's card (insert, remove, transmit,
 * reset), as {@link VirtualCard} requires; {@link #lock} guards slot state and is never held while a card runs, so a
 * slow card never blocks another reader or a {@code waitForChange}. Order: {@code io} before {@code lock}.
 */
public final class SimReaders {

    /** Thrown when the card a connection was made to is no longer in its slot. */
    static final class CardGoneException extends Exception {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        CardGoneException(String message) {
            super(message, null, false, false);
        }
    }

    final class Slot {
        final String name;
        final ReentrantLock io = new ReentrantLock();
        final SimTerminal terminal;
        // Guarded by lock.
        private VirtualCard card;
        private byte[] atr;
        /** Which insertion the card in the slot is; 0 when empty. A connection remembers it. */
        private long insertion;
        /** Count of insertions and removals; CardTerminals compare it to see what changed. */
        private long transitions;

        Slot(String name) {
            this.name = name;
            this.terminal = new SimTerminal(SimReaders.this, this);
        }
    }

    /** A slot's state at one instant. */
    record Snapshot(boolean present, long insertion, long transitions, byte[] atr) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private long nextInsertion = 1;

    public SimReaders(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("at least one reader");
        }
        for (String name : names) {
            Objects.requireNonNull(name, "reader name");
            if (slots.putIfAbsent(name, new Slot(name)) != null) {
                throw new IllegalArgumentException("duplicate reader name: " + name);
            }
        }
    }

    public List<String> names() {
        return List.copyOf(slots.keySet());
    }

    /** Puts {@code card} into the reader, powering it up; a card already there is removed first. */
    public void insert(String reader, VirtualCard card) {
        Objects.requireNonNull(card, "card");
        Slot slot = slot(reader);
        slot.io.lock();
        try {
            takeOut(slot);
            card.powerOn();
            byte[] atr = card.atr().clone();
            lock.lock();
            try {
                slot.card = card;
                slot.atr = atr;
                slot.insertion = nextInsertion++;
                slot.transitions++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        } finally {
            slot.io.unlock();
        }
    }

    /** Takes the card out of the reader, powering it down; nothing happens when the reader is empty. */
    public void remove(String reader) {
        Slot slot = slot(reader);
        slot.io.lock();
        try {
            takeOut(slot);
        } finally {
            slot.io.unlock();
        }
    }

    public boolean isPresent(String reader) {
        return snapshot(slot(reader)).present();
    }

    private void takeOut(Slot slot) { // holds slot.io
        VirtualCard old = detach(slot, -1);
        if (old != null) {
            old.powerOff();
        }
    }

    /** Empties the slot if it holds the given insertion (any insertion for -1); returns the card taken out. */
    private VirtualCard detach(Slot slot, long insertion) {
        lock.lock();
        try {
            if (slot.card == null || (insertion != -1 && slot.insertion != insertion)) {
                return null;
            }
            VirtualCard old = slot.card;
            slot.card = null;
            slot.atr = null;
            slot.insertion = 0;
            slot.transitions++;
            changed.signalAll();
            return old;
        } finally {
            lock.unlock();
        }
    }

    Slot slot(String reader) {
        Slot slot = slots.get(Objects.requireNonNull(reader, "reader"));
        if (slot == null) {
            throw new IllegalArgumentException("no such reader: " + reader + "; readers are " + slots.keySet());
        }
        return slot;
    }

    Slot slotOrNull(String reader) {
        return slots.get(reader);
    }

    List<CardTerminal> terminals() {
        List<CardTerminal> list = new ArrayList<>(slots.size());
        for (Slot slot : slots.values()) {
            list.add(slot.terminal);
        }
        return Collections.unmodifiableList(list);
    }

    List<Slot> slots() {
        return List.copyOf(slots.values());
    }

    Snapshot snapshot(Slot slot) {
        lock.lock();
        try {
            return new Snapshot(slot.card != null, slot.insertion, slot.transitions, slot.atr);
        } finally {
            lock.unlock();
        }
    }

    /** Transition counts of all slots, in reader order. */
    long[] transitions() {
        lock.lock();
        try {
            long[] result = new long[slots.size()];
            int i = 0;
            for (Slot slot : slots.values()) {
                result[i++] = slot.transitions;
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until some slot's transition count differs from {@code baseline}.
     *
     * @param timeoutNanos how long; negative waits forever
     * @return the new counts, or null on timeout
     */
    long[] awaitTransitions(long[] baseline, long timeoutNanos) throws InterruptedException {
        long remaining = timeoutNanos;
        lock.lock();
        try {
            while (true) {
                long[] now = transitions();
                if (!Arrays.equals(now, baseline)) {
                    return now;
                }
                if (timeoutNanos < 0) {
                    changed.await();
                } else if (remaining <= 0) {
                    return null;
                } else {
                    remaining = changed.awaitNanos(remaining);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the slot's presence is {@code wanted}; negative timeout waits forever. */
    boolean awaitPresence(Slot slot, boolean wanted, long timeoutNanos) throws InterruptedException {
        long remaining = timeoutNanos;
        lock.lock();
        try {
            while ((slot.card != null) != wanted) {
                if (timeoutNanos < 0) {
                    changed.await();
                } else if (remaining <= 0) {
                    return false;
                } else {
                    remaining = changed.awaitNanos(remaining);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends one APDU to the card of the given insertion. A {@link VirtualCard.CardRemovedException} empties the
     * slot, as a card leaving the field does.
     */
    byte[] transmit(Slot slot, long insertion, byte[] command) throws CardGoneException {
        slot.io.lock();
        try {
            VirtualCard card = cardOf(slot, insertion);
            try {
                return card.transmit(command);
            } catch (VirtualCard.CardRemovedException e) {
                if (detach(slot, insertion) != null) {
                    card.powerOff();
                }
                throw new CardGoneException("card left the field");
            }
        } finally {
            slot.io.unlock();
        }
    }

    /** Warm reset of the card of the given insertion, as SCardDisconnect with SCARD_RESET_CARD does. */
    void reset(Slot slot, long insertion) throws CardGoneException {
        slot.io.lock();
        try {
            VirtualCard card = cardOf(slot, insertion);
            card.powerOff();
            card.powerOn();
        } finally {
            slot.io.unlock();
        }
    }

    private VirtualCard cardOf(Slot slot, long insertion) throws CardGoneException {
        lock.lock();
        try {
            if (slot.card == null || slot.insertion != insertion) {
                throw new CardGoneException("card removed");
            }
            return slot.card;
        } finally {
            lock.unlock();
        }
    }
}
