package vn.clinicterm.cardsim.internal;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * Chip-side secure messaging of ICAO 9303-11 §9.8: unwraps protected commands (DO'87'/'85', DO'97', DO'8E') and
 * wraps responses (DO'87'/'85', DO'99', DO'8E'). The send sequence counter is incremented before every command and
 * before every response. Any failure to unwrap is a {@link SmException}: the chip then ends the session.
 */
public abstract sealed class SecureMessaging permits SecureMessaging.Aes, SecureMessaging.DesEde {

    /** A protected command that cannot be accepted (bad MAC, missing DO, bad padding). */
    public static final class SmException extends Exception {
        public SmException(String message) {
            super(message);
        }
    }

    protected final byte[] kEnc;
    protected final byte[] kMac;
    protected final byte[] ssc;

    SecureMessaging(byte[] kEnc, byte[] kMac, byte[] ssc) {
        this.kEnc = kEnc.clone();
        this.kMac = kMac.clone();
        this.ssc = ssc.clone();
    }

    public abstract int blockSize();

    public abstract String name();

    protected abstract byte[] encrypt(byte[] padded);

    protected abstract byte[] decrypt(byte[] ciphertext);

    /** MAC over SSC ‖ input, where input is already padded. */
    protected abstract byte[] mac(byte[] paddedInput);

    public byte[] ssc() {
        return ssc.clone();
    }

    /** Puts the counter back to an earlier value: for a command the chip answers as if it never arrived. */
    public void restoreSsc(byte[] earlier) {
        System.arraycopy(earlier, 0, ssc, 0, ssc.length);
    }

    private void incrementSsc() {
        for (int i = ssc.length - 1; i >= 0; i--) {
            if (++ssc[i] != 0) {
                break;
            }
        }
    }

    /** Unwraps a protected command into the plain command it carries. */
    public Command unwrap(Command protectedCommand) throws SmException {
        incrementSsc();
        List<Tlv> objects;
        try {
            objects = Tlv.parseAll(protectedCommand.data());
        } catch (Tlv.MalformedException e) {
            throw new SmException("protected command data is not BER-TLV: " + e.getMessage());
        }
        if (objects.isEmpty() || objects.get(objects.size() - 1).tag() != 0x8E) {
            throw new SmException("no DO'8E' at the end");
        }
        byte[] mac = objects.get(objects.size() - 1).value();
        if (mac.length != 8) {
            throw new SmException("DO'8E' is not 8 bytes");
        }
        byte[] header = {(byte) protectedCommand.cla(), (byte) protectedCommand.ins(),
                (byte) protectedCommand.p1(), (byte) protectedCommand.p2()};
        int macOffset = protectedCommand.data().length - 10;
        byte[] macInput = ChipCrypto.pad(Bytes.concat(ChipCrypto.pad(header, blockSize()),
                Arrays.copyOf(protectedCommand.data(), macOffset)), blockSize());
        if (!MessageDigest.isEqual(mac, mac(macInput))) {
            throw new SmException("MAC of the command does not verify");
        }
        byte[] data = new byte[0];
        int ne = 0;
        for (Tlv object : objects.subList(0, objects.size() - 1)) {
            switch (object.tag()) {
                case 0x87 -> {
                    byte[] v = object.value();
                    if (v.length < 1 + blockSize() || v[0] != 0x01 || (v.length - 1) % blockSize() != 0) {
                        throw new SmException("DO'87' malformed");
                    }
                    data = unpadOrThrow(decrypt(Arrays.copyOfRange(v, 1, v.length)));
                }
                case 0x85 -> {
                    byte[] v = object.value();
                    if (v.length == 0 || v.length % blockSize() != 0) {
                        throw new SmException("DO'85' malformed");
                    }
                    data = unpadOrThrow(decrypt(v));
                }
                case 0x97 -> {
                    byte[] v = object.value();
                    if (v.length == 1) {
                        ne = v[0] == 0 ? 256 : v[0] & 0xFF;
                    } else if (v.length == 2) {
                        int le = ((v[0] & 0xFF) << 8) | (v[1] & 0xFF);
                        ne = le == 0 ? 65536 : le;
                    } else if (v.length != 0) {
                        throw new SmException("DO'97' malformed");
                    }
                }
                default -> throw new SmException("unexpected data object " + Integer.toHexString(object.tag()));
            }
        }
        return new Command(protectedCommand.cla() & ~0x0C, protectedCommand.ins(), protectedCommand.p1(),
                protectedCommand.p2(), data, ne, protectedCommand.extended());
    }

    private static byte[] unpadOrThrow(byte[] padded) throws SmException {
        byte[] data = ChipCrypto.unpad(padded);
        if (data == null) {
            throw new SmException("bad padding in the cryptogram");
        }
        return data;
    }

    /** Wraps response data and status word; odd instructions carry their data in DO'85'. */
    public byte[] wrap(byte[] data, int sw, boolean oddIns) {
        incrementSsc();
        byte[] dataObject = new byte[0];
        if (data.length > 0) {
            byte[] cryptogram = encrypt(ChipCrypto.pad(data, blockSize()));
            dataObject = oddIns
                    ? Tlv.encode(0x85, cryptogram)
                    : Tlv.encode(0x87, Bytes.concat(new byte[] {0x01}, cryptogram));
        }
        byte[] status = Tlv.encode(0x99, Bytes.sw(sw));
        byte[] body = Bytes.concat(dataObject, status);
        byte[] mac = mac(ChipCrypto.pad(body, blockSize()));
        return Bytes.withSw(Bytes.concat(body, Tlv.encode(0x8E, mac)), sw);
    }

    /** AES secure messaging (PACE and CA with AES): 16-byte SSC, IV = E(K_enc, SSC), AES-CMAC. */
    public static final class Aes extends SecureMessaging {
        public Aes(byte[] kEnc, byte[] kMac) {
            super(kEnc, kMac, new byte[16]);
        }

        @Override
        public int blockSize() {
            return 16;
        }

        @Override
        public String name() {
            return "AES";
        }

        @Override
        protected byte[] encrypt(byte[] padded) {
            return ChipCrypto.aesCbc(true, kEnc, ChipCrypto.aesEcbBlock(kEnc, ssc), padded);
        }

        @Override
        protected byte[] decrypt(byte[] ciphertext) {
            return ChipCrypto.aesCbc(false, kEnc, ChipCrypto.aesEcbBlock(kEnc, ssc), ciphertext);
        }

        @Override
        protected byte[] mac(byte[] paddedInput) {
            return ChipCrypto.aesCmac8(kMac, Bytes.concat(ssc, paddedInput));
        }
    }

    /** 3DES secure messaging (BAC): 8-byte SSC, zero IV, retail MAC. */
    public static final class DesEde extends SecureMessaging {
        public DesEde(byte[] kEnc, byte[] kMac, byte[] ssc) {
            super(kEnc, kMac, ssc);
        }

        @Override
        public int blockSize() {
            return 8;
        }

        @Override
        public String name() {
            return "3DES";
        }

        @Override
        protected byte[] encrypt(byte[] padded) {
            return ChipCrypto.desEdeCbc(true, kEnc, padded);
        }

        @Override
        protected byte[] decrypt(byte[] ciphertext) {
            return ChipCrypto.desEdeCbc(false, kEnc, ciphertext);
        }

        @Override
        protected byte[] mac(byte[] paddedInput) {
            return ChipCrypto.retailMac(kMac, Bytes.concat(ssc, paddedInput));
        }
    }
}
