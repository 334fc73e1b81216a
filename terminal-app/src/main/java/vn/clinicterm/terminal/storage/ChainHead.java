package vn.clinicterm.terminal.storage;

import java.util.HexFormat;
import java.util.Objects;

/**
 * The newest audit-log entry's sequence number and chain hash: committing to it commits to every entry before it.
 * Exports quote it; the sync issue anchors it at the central service. {@code seq} 0 is the empty log (hash all zero).
 *
 * @param hash lower-case hex of the 32-byte chain hash
 */
public record ChainHead(long seq, String hash) {
    public static final ChainHead EMPTY = new ChainHead(0, "0".repeat(64));

    public ChainHead {
        Objects.requireNonNull(hash, "hash");
        if (seq < 0 || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a chain head is a seq >= 0 and 64 lower-case hex digits");
        }
    }

    public byte[] hashBytes() {
        return HexFormat.of().parseHex(hash);
    }
}
