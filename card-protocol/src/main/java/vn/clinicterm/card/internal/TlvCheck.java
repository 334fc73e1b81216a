package vn.clinicterm.card.internal;

/**
 * Walks a BER-TLV structure before any parser sees it, so no length field can make a parser read past the end or
 * allocate what the file does not hold. Constructed values are walked to the bottom; primitive ones are skipped.
 * Indefinite lengths (BER) are accepted inside constructed values.
 */
public final class TlvCheck {

    /** Deeper nesting than any LDS file has; more is an attack on recursive parsers. */
    static final int MAX_DEPTH = 40;

    private TlvCheck() {}

    /**
     * Checks that {@code bytes} is one TLV with tag {@code expectedTag} (one or two bytes, e.g. {@code 0x6D}, or
     * {@code 0x7F61}), followed by nothing but {@code 00}/{@code FF} padding, with every nested length in bounds.
     *
     * @return the offset and length of the outer value, as {@code {offset, length}}
     */
    public static int[] outer(byte[] bytes, int expectedTag) throws LdsFormatException {
        if (bytes.length < 2) {
            throw new LdsFormatException("the file is too short to hold a TLV (" + bytes.length + " bytes)");
        }
        Header header = header(bytes, 0, bytes.length);
        if (header.tag != expectedTag) {
            throw new LdsFormatException(String.format("the file starts with tag %X, expected %X", header.tag,
                    expectedTag));
        }
        if (header.length < 0) {
            throw new LdsFormatException("the outer TLV has an indefinite length");
        }
        int end = header.valueOffset + header.length;
        if (header.constructed && walk(bytes, header.valueOffset, end, 1) != end) {
            throw new LdsFormatException("an end-of-contents appears inside a definite length");
        }
        for (int i = end; i < bytes.length; i++) {
            if (bytes[i] != 0 && bytes[i] != (byte) 0xFF) {
                throw new LdsFormatException("there are " + (bytes.length - end) + " bytes after the outer TLV");
            }
        }
        return new int[] {header.valueOffset, header.length};
    }

    /**
     * Walks the TLVs in {@code [offset, end)}. Returns {@code end}, or, when an end-of-contents stopped the walk,
     * {@code ~p} where {@code p} is the offset just after it.
     */
    private static int walk(byte[] bytes, int offset, int end, int depth) throws LdsFormatException {
        if (depth > MAX_DEPTH) {
            throw new LdsFormatException("TLVs are nested more than " + MAX_DEPTH + " deep");
        }
        int position = offset;
        while (position < end) {
            Header header = header(bytes, position, end);
            if (header.tag == 0 && header.length == 0) {
                return ~header.valueOffset; // end-of-contents of an enclosing indefinite length
            }
            if (header.length < 0) {
                if (!header.constructed) {
                    throw new LdsFormatException("a primitive TLV has an indefinite length");
                }
                int stopped = walk(bytes, header.valueOffset, end, depth + 1);
                if (stopped >= 0) {
                    throw new LdsFormatException("an indefinite length has no end-of-contents");
                }
                position = ~stopped;
            } else {
                int valueEnd = header.valueOffset + header.length;
                if (header.constructed) {
                    int stopped = walk(bytes, header.valueOffset, valueEnd, depth + 1);
                    if (stopped != valueEnd) {
                        throw new LdsFormatException("an end-of-contents appears inside a definite length");
                    }
                }
                position = valueEnd;
            }
        }
        return position;
    }

    private record Header(int tag, boolean constructed, int length, int valueOffset) {}

    /** length -1 means indefinite. */
    private static Header header(byte[] bytes, int offset, int end) throws LdsFormatException {
        int position = offset;
        int first = bytes[position++] & 0xFF;
        int tag = first;
        if ((first & 0x1F) == 0x1F) {
            int more = 0;
            int b;
            do {
                if (position >= end) {
                    throw new LdsFormatException("a tag runs past the end of its container");
                }
                b = bytes[position++] & 0xFF;
                tag = tag << 8 | b;
                if (++more > 3) {
                    throw new LdsFormatException("a tag is longer than 4 bytes");
                }
            } while ((b & 0x80) != 0);
        }
        if (position >= end) {
            throw new LdsFormatException("a length field runs past the end of its container");
        }
        int lengthByte = bytes[position++] & 0xFF;
        int length;
        if (lengthByte < 0x80) {
            length = lengthByte;
        } else if (lengthByte == 0x80) {
            length = -1;
        } else {
            int count = lengthByte & 0x7F;
            if (count > 3) {
                throw new LdsFormatException("a length field of " + count + " bytes: no LDS file is that large");
            }
            if (position + count > end) {
                throw new LdsFormatException("a length field runs past the end of its container");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = length << 8 | (bytes[position++] & 0xFF);
            }
        }
        if (length > end - position) {
            throw new LdsFormatException("a length field claims " + length + " bytes but only " + (end - position)
                    + " remain");
        }
        return new Header(tag, (first & 0x20) != 0, length, position);
    }
}
