package vn.clinicterm.cardsim.internal;

import java.io.ByteArrayOutputStream;

/** Hand-made BER-TLV for the few places where a DER encoder would reorder (a SET OF) or refuse (a broken length). */
public final class Der {

    private Der() {}

    /** One TLV; {@code tag} may be one byte ({@code 0x6D}) or two ({@code 0x7F61}). */
    public static byte[] tlv(int tag, byte[]... values) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] v : values) {
            value.writeBytes(v);
        }
        return tlvWithLength(tag, value.size(), value.toByteArray());
    }

    /** A TLV whose declared length may differ from the bytes that follow: for deliberately broken files. */
    public static byte[] tlvWithLength(int tag, int declaredLength, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (tag > 0xFF) {
            out.write(tag >>> 8);
        }
        out.write(tag & 0xFF);
        out.writeBytes(length(declaredLength));
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        } else if (length <= 0xFF) {
            return new byte[] {(byte) 0x81, (byte) length};
        } else if (length <= 0xFFFF) {
            return new byte[] {(byte) 0x82, (byte) (length >>> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }
}
