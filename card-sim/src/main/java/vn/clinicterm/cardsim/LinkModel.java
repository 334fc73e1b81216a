package vn.clinicterm.cardsim;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import vn.clinicterm.cardsim.internal.LinkDelayCard;

/**
 * How long an ISO/IEC 14443 link would take to carry a trace, so benchmarks on the fast in-JVM card can say what a
 * real reader would see.
 *
 * <p>The model, per APDU:
 * <ul>
 *   <li>Each APDU is cut into I-blocks of at most {@value #FRAME_SIZE} bytes (FSC = FSD = 256). Every I-block costs
 *       {@value #FRAME_OVERHEAD} bytes besides its information field: the PCB and the two CRC bytes. No CID and no
 *       NAD are sent, so an I-block carries up to 253 APDU bytes.</li>
 *   <li>A chained APDU needs one R(ACK) block of {@value #ACK_BYTES} bytes (PCB and CRC) from the other side for
 *       every I-block but the last.</li>
 *   <li>Every byte on the air costs {@value #BITS_PER_BYTE} bit times (8 data bits and the parity bit of type A);
 *       the bit rate is the nominal one (106 for fc/128).</li>
 *   <li>{@link #perApduLatency()} is added once per APDU: frame delay times, start/end of frame and the chip's
 *       processing, which the byte count cannot see.</li>
 * </ul>
 * S-blocks (WTX), retransmissions and anticollision are not modelled.
 *
 * @param bitRateKbps 106, 212, 424 or 848
 * @param perApduLatency fixed time each APDU costs on top of its bytes
 */
public record LinkModel(int bitRateKbps, Duration perApduLatency) {

    /** Largest frame either side accepts, in bytes (FSC = FSD). */
    public static final int FRAME_SIZE = 256;
    /** Bytes of an I-block that are not APDU: PCB and CRC_A (2). */
    public static final int FRAME_OVERHEAD = 3;
    /** Bytes of an R(ACK) block: PCB and CRC_A (2). */
    public static final int ACK_BYTES = 3;
    /** Bit times per byte on the air: 8 data bits and a parity bit. */
    public static final int BITS_PER_BYTE = 9;

    private static final Set<Integer> BIT_RATES = Set.of(106, 212, 424, 848);
    private static final int FRAME_INFO = FRAME_SIZE - FRAME_OVERHEAD;

    public LinkModel {
        if (!BIT_RATES.contains(bitRateKbps)) {
            throw new IllegalArgumentException("bit rate must be 106, 212, 424 or 848 kbit/s, not " + bitRateKbps);
        }
        Objects.requireNonNull(perApduLatency, "perApduLatency");
        if (perApduLatency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + perApduLatency);
        }
    }

    /** Bytes on the air for one APDU exchange: both messages with their block framing and chaining ACKs. */
    public static long airBytes(int commandLength, int responseLength) {
        return messageAirBytes(commandLength) + messageAirBytes(responseLength);
    }

    private static long messageAirBytes(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        if (length == 0) {
            return 0; // no answer: the card left the field
        }
        long frames = (length + FRAME_INFO - 1) / FRAME_INFO;
        return length + frames * FRAME_OVERHEAD + (frames - 1) * ACK_BYTES;
    }

    /** Modelled time of one exchange. */
    public Duration modelledTime(int commandLength, int responseLength) {
        return airTime(airBytes(commandLength, responseLength) * BITS_PER_BYTE).plus(perApduLatency);
    }

    /** Modelled time of a whole trace; bit times are summed before rounding up to a nanosecond. */
    public Duration modelledTime(ApduTrace trace) {
        long bits = 0;
        int apdus = 0;
        for (ApduTrace.Exchange e : trace.exchanges()) {
            bits += airBytes(e.commandLength(), e.responseLength()) * BITS_PER_BYTE;
            apdus++;
        }
        return airTime(bits).plus(perApduLatency.multipliedBy(apdus));
    }

    private Duration airTime(long bits) {
        // bits / (kbit/s) = bits * 1e6 / kbps nanoseconds
        return Duration.ofNanos(Math.ceilDiv(Math.multiplyExact(bits, 1_000_000L), bitRateKbps));
    }

    /**
     * A card that answers like {@code card} but only after the modelled time of each exchange has passed (it
     * sleeps the calling thread), for demos and the slow test profile.
     */
    public VirtualCard delaying(VirtualCard card) {
        return new LinkDelayCard(card, this, Thread::sleep);
    }

    @Override
    public String toString() {
        return bitRateKbps + " kbit/s + " + perApduLatency.toMillis() + " ms/APDU";
    }
}
