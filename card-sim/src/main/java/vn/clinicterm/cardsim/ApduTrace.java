package vn.clinicterm.cardsim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import vn.clinicterm.cardsim.internal.TracingCard;

/**
 * A record of the APDUs a card exchanged: sizes, INS, status word, whether secure messaging was on, and how long
 * each took. It never holds command or response bytes, so a trace of a real citizen's card may be logged or saved.
 *
 * <p>Fill it with {@link #wrap(VirtualCard)}; read it with {@link #exchanges()} and {@link #summary()}. Safe to read
 * while a card is transmitting.
 */
public final class ApduTrace {

    /**
     * One command and its answer.
     *
     * @param commandLength bytes of the command APDU, header and length fields included
     * @param commandDataLength Nc, bytes of the command data field
     * @param responseLength bytes of the response APDU including SW1 SW2; 0 when the card left the field
     * @param responseDataLength bytes of response data, without SW1 SW2
     * @param ins the INS byte, -1 if the command was shorter than two bytes
     * @param statusWord SW1 SW2 as one number, -1 if there was no status word
     * @param secureMessaging whether the CLA byte announced secure messaging (interindustry class with b4 or b3 set)
     * @param cardRemoved whether the card left the field instead of answering
     * @param elapsed wall time the card took to answer
     */
    public record Exchange(
            int commandLength,
            int commandDataLength,
            int responseLength,
            int responseDataLength,
            int ins,
            int statusWord,
            boolean secureMessaging,
            boolean cardRemoved,
            Duration elapsed) {

        public Exchange {
            if (commandLength < 0 || commandDataLength < 0 || responseLength < 0 || responseDataLength < 0) {
                throw new IllegalArgumentException("lengths must not be negative");
            }
            Objects.requireNonNull(elapsed, "elapsed");
        }

        @Override
        public String toString() {
            String sw = cardRemoved ? "removed" : statusWord < 0 ? "no SW" : String.format("%04X", statusWord);
            return String.format(Locale.ROOT, "INS %02X%s %d->%d B %s %d us",
                    ins & 0xFF, secureMessaging ? " SM" : "", commandLength, responseLength, sw,
                    elapsed.toNanos() / 1_000);
        }
    }

    /**
     * Totals over a trace.
     *
     * @param apdus commands sent
     * @param secureMessagingApdus of those, the ones wrapped in secure messaging
     * @param commandBytes bytes of all command APDUs
     * @param responseBytes bytes of all response APDUs, status words included
     * @param commandDataBytes bytes of command data fields
     * @param responseDataBytes bytes of response data, status words excluded
     * @param cardRemovals commands the card did not answer because it left the field
     * @param wallTime summed time the card took to answer
     */
    public record Summary(
            int apdus,
            int secureMessagingApdus,
            long commandBytes,
            long responseBytes,
            long commandDataBytes,
            long responseDataBytes,
            int cardRemovals,
            Duration wallTime) {

        /** Data bytes both ways: what the exchange was for, without headers and status words. */
        public long payloadBytes() {
            return commandDataBytes + responseDataBytes;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%d APDUs (%d SM), %d B out / %d B in, payload %d B, %d removal(s), card time %d ms",
                    apdus, secureMessagingApdus, commandBytes, responseBytes, payloadBytes(), cardRemovals,
                    wallTime.toMillis());
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Exchange> exchanges = new ArrayList<>();
    private final LongSupplier nanoTime;

    private ApduTrace(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** An empty trace that times exchanges with {@link System#nanoTime()}. */
    public static ApduTrace recording() {
        return new ApduTrace(System::nanoTime);
    }

    /** A finished trace made of the given exchanges, e.g. one read back from a benchmark file. */
    public static ApduTrace of(List<Exchange> exchanges) {
        ApduTrace trace = new ApduTrace(System::nanoTime);
        exchanges.forEach(trace::add);
        return trace;
    }

    /**
     * A card that behaves exactly like {@code card} and adds each exchange to this trace. A card removal is recorded
     * and then rethrown unchanged.
     */
    public VirtualCard wrap(VirtualCard card) {
        return new TracingCard(card, this::add, nanoTime);
    }

    /** The exchanges so far, oldest first; a snapshot. */
    public List<Exchange> exchanges() {
        lock.lock();
        try {
            return List.copyOf(exchanges);
        } finally {
            lock.unlock();
        }
    }

    /** Totals over the exchanges so far. */
    public Summary summary() {
        int apdus = 0;
        int sm = 0;
        int removals = 0;
        long commandBytes = 0;
        long responseBytes = 0;
        long commandData = 0;
        long responseData = 0;
        Duration wall = Duration.ZERO;
        for (Exchange e : exchanges()) {
            apdus++;
            sm += e.secureMessaging() ? 1 : 0;
            removals += e.cardRemoved() ? 1 : 0;
            commandBytes += e.commandLength();
            responseBytes += e.responseLength();
            commandData += e.commandDataLength();
            responseData += e.responseDataLength();
            wall = wall.plus(e.elapsed());
        }
        return new Summary(apdus, sm, commandBytes, responseBytes, commandData, responseData, removals, wall);
    }

    /** Forgets every exchange, e.g. between two reads of the same card. */
    public void clear() {
        lock.lock();
        try {
            exchanges.clear();
        } finally {
            lock.unlock();
        }
    }

    private void add(Exchange exchange) {
        Objects.requireNonNull(exchange, "exchange");
        lock.lock();
        try {
            exchanges.add(exchange);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ApduTrace[" + summary() + "]";
    }
}
