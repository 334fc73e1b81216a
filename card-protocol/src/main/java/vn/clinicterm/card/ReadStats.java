package vn.clinicterm.card;

/**
 * Counters of one read.
 *
 * @param apdus command APDUs sent
 * @param bytesSent command bytes on the wire (APDU level)
 * @param bytesReceived response bytes on the wire, status words included
 * @param millis wall time from connect to the end of the read
 * @param millisToIdentity wall time until DG13 and DG1 were read and parsed
 * @param extendedLength whether the chip accepted extended-length READ BINARY
 */
public record ReadStats(int apdus, long bytesSent, long bytesReceived, long millis, long millisToIdentity,
        boolean extendedLength) {

    public long wireBytes() {
        return bytesSent + bytesReceived;
    }
}
