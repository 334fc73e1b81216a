package vn.clinicterm.cardsim.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import vn.clinicterm.cardsim.ApduTrace;
import vn.clinicterm.cardsim.VirtualCard;

/** Passes every call to the wrapped card and reports the shape of each APDU exchange to a sink; never its bytes. */
public final class TracingCard implements VirtualCard {

    /** Where finished exchanges go; called on the transmitting thread. */
    @FunctionalInterface
    public interface Sink {
        void record(ApduTrace.Exchange exchange);
    }

    private final VirtualCard card;
    private final Sink sink;
    private final LongSupplier nanoTime;

    public TracingCard(VirtualCard card, Sink sink, LongSupplier nanoTime) {
        this.card = Objects.requireNonNull(card, "card");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public byte[] atr() {
        return card.atr();
    }

    @Override
    public void powerOn() {
        card.powerOn();
    }

    @Override
    public void powerOff() {
        card.powerOff();
    }

    @Override
    public byte[] transmit(byte[] commandApdu) {
        // Read the shape first: the chip may work in place on the array it is given.
        int length = commandApdu.length;
        int dataLength = ApduLengths.commandDataLength(commandApdu);
        int ins = ApduLengths.ins(commandApdu);
        boolean sm = ApduLengths.secureMessaging(commandApdu);
        long start = nanoTime.getAsLong();
        byte[] response;
        try {
            response = card.transmit(commandApdu);
        } catch (CardRemovedException e) {
            Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
            sink.record(new ApduTrace.Exchange(length, dataLength, 0, 0, ins, -1, sm, true, elapsed));
            throw e;
        }
        Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
        sink.record(new ApduTrace.Exchange(length, dataLength, response.length,
                ApduLengths.responseDataLength(response), ins, ApduLengths.statusWord(response), sm, false, elapsed));
        return response;
    }

    @Override
    public String toString() {
        return "traced " + card;
    }
}
