package vn.clinicterm.cardsim.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Minimal BER-TLV for APDU data objects: one- and two-byte tags, definite lengths up to three length bytes.
 * Parsing is strict: anything malformed is a {@link MalformedException}, which the chip answers with a status word.
 */
public record Tlv(int tag, byte[] value) {

    public static final class MalformedException extends Exception {
        public MalformedException(String message) {
            super(message);
        }
    }

    public static byte[] encode(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (tag > 0xFF) {
            out.write(tag >> 8);
        }
        out.write(tag);
        out.writeBytes(encodeLength(value.length));
        out.writeBytes(value);
        return out.toByteArray();
    }

    public static byte[] encodeLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        } else if (length <= 0xFF) {
            return new byte[] {(byte) 0x81, (byte) length};
        } else if (length <= 0xFFFF) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    /** Parses a sequence of TLVs that must fill {@code data} exactly. */
    public static List<Tlv> parseAll(byte[] data) throws MalformedException {
        List<Tlv> result = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < data.length) {
            result.add(parseOne(data, pos));
        }
        return result;
    }

    /** Parses the single TLV that must fill {@code data} exactly. */
    public static Tlv parseSingle(byte[] data) throws MalformedException {
        List<Tlv> all = parseAll(data);
        if (all.size() != 1) {
            throw new MalformedException("expected one data object, found " + all.size());
        }
        return all.get(0);
    }

    public static Optional<Tlv> find(List<Tlv> tlvs, int tag) {
        return tlvs.stream().filter(t -> t.tag == tag).findFirst();
    }

    private static Tlv parseOne(byte[] data, int[] pos) throws MalformedException {
        int p = pos[0];
        if (p >= data.length) {
            throw new MalformedException("missing tag");
        }
        int tag = data[p++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            if (p >= data.length) {
                throw new MalformedException("truncated tag");
            }
            tag = (tag << 8) | (data[p++] & 0xFF);
        }
        if (p >= data.length) {
            throw new MalformedException("missing length");
        }
        int first = data[p++] & 0xFF;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7F;
            if (count == 0 || count > 3 || p + count > data.length) {
                throw new MalformedException("bad length encoding");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (data[p++] & 0xFF);
            }
        }
        if (length > data.length - p) {
            throw new MalformedException("length past the end");
        }
        pos[0] = p + length;
        return new Tlv(tag, Arrays.copyOfRange(data, p, p + length));
    }
}
