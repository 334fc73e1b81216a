package vn.clinicterm.card;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.clinicterm.card.internal.EvidenceCodec;

/**
 * Everything a read found, with no opinion: the raw bytes of every file exactly as read, how access was gained, what
 * was done against cloning, and the read's counters. The verifier judges it; saved evidence can be judged again
 * later without a reader.
 *
 * <p>It holds personal data (DG1, DG13, the face, the access key): store it only where the visit log's privacy rules
 * allow, and never log it.
 *
 * @param files file identifier (e.g. {@code 0x0101} DG1, {@code 0x011D} SOD, {@code 0x011C} CardAccess) to bytes
 */
public record ChipEvidence(
        Instant readAt,
        String reader,
        AccessMethod access,
        AccessKey accessKey,
        Map<Integer, byte[]> files,
        ChipAuthentication chipAuthentication,
        ReadStats stats) {

    public static final int EF_CARD_ACCESS = 0x011C;
    public static final int EF_COM = 0x011E;
    public static final int EF_SOD = 0x011D;

    public ChipEvidence {
        Map<Integer, byte[]> copy = new LinkedHashMap<>();
        files.forEach((fid, bytes) -> copy.put(fid, bytes.clone()));
        files = Collections.unmodifiableMap(copy);
    }

    /** The file identifier of data group {@code n} (DG1 = 0x0101 … DG16 = 0x0110). */
    public static int dataGroup(int n) {
        return 0x0100 | n;
    }

    public Optional<byte[]> file(int fid) {
        return Optional.ofNullable(files.get(fid)).map(byte[]::clone);
    }

    public Optional<byte[]> dataGroupBytes(int n) {
        return file(dataGroup(n));
    }

    /** Writes the evidence in ClinicTerm's evidence format (a versioned text file). */
    public void writeTo(OutputStream out) throws IOException {
        EvidenceCodec.write(this, out);
    }

    /** Reads evidence written by {@link #writeTo}; a damaged or foreign file is an {@link IOException} naming why. */
    public static ChipEvidence readFrom(InputStream in) throws IOException {
        return EvidenceCodec.read(in);
    }

    @Override
    public String toString() {
        return "ChipEvidence[" + access + ", files " + files.keySet().stream().map(Integer::toHexString).toList()
                + ", " + chipAuthentication.label() + ", " + stats + "]";
    }
}
