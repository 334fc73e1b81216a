package vn.clinicterm.cardsim.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.macs.ISO9797Alg3Mac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The symmetric primitives of ICAO 9303-11 as the chip needs them: key derivation, ISO 9797-1 padding,
 * 3DES/AES in CBC, the retail MAC (BAC, 3DES SM) and AES-CMAC (PACE, AES SM).
 */
public final class ChipCrypto {

    private ChipCrypto() {}

    public static byte[] sha1(byte[]... parts) {
        return digest("SHA-1", parts);
    }

    public static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }

    /** ICAO 9303-11 KDF with SHA-1: 16-byte keys for 3DES (parity adjusted) or AES-128. */
    public static byte[] deriveKey(byte[] sharedSecret, int counter, boolean des) {
        byte[] c = {0, 0, 0, (byte) counter};
        byte[] key = Arrays.copyOf(sha1(sharedSecret, c), 16);
        if (des) {
            adjustParity(key);
        }
        return key;
    }

    static void adjustParity(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            int b = key[i] & 0xFE;
            int ones = Integer.bitCount(b);
            key[i] = (byte) ((ones & 1) == 0 ? b | 1 : b);
        }
    }

    /** ISO/IEC 9797-1 padding method 2: 80 then zeros up to a multiple of the block size (always adds). */
    public static byte[] pad(byte[] data, int blockSize) {
        int length = (data.length / blockSize + 1) * blockSize;
        byte[] out = Arrays.copyOf(data, length);
        out[data.length] = (byte) 0x80;
        return out;
    }

    /** Removes method-2 padding; null when the padding is wrong. */
    public static byte[] unpad(byte[] data) {
        int i = data.length - 1;
        while (i >= 0 && data[i] == 0) {
            i--;
        }
        if (i < 0 || data[i] != (byte) 0x80) {
            return null;
        }
        return Arrays.copyOf(data, i);
    }

    public static byte[] aesCbc(boolean encrypt, byte[] key, byte[] iv, byte[] data) {
        return cbc(AESEngine.newInstance(), encrypt, key, iv, data);
    }

    public static byte[] aesEcbBlock(byte[] key, byte[] block) {
        BlockCipher aes = AESEngine.newInstance();
        aes.init(true, new KeyParameter(key));
        byte[] out = new byte[16];
        aes.processBlock(block, 0, out, 0);
        return out;
    }

    public static byte[] desEdeCbc(boolean encrypt, byte[] key16, byte[] data) {
        return cbc(new DESedeEngine(), encrypt, key16, new byte[8], data);
    }

    private static byte[] cbc(BlockCipher engine, boolean encrypt, byte[] key, byte[] iv, byte[] data) {
        int bs = engine.getBlockSize();
        if (data.length % bs != 0) {
            throw new IllegalArgumentException("data is not a whole number of blocks");
        }
        BlockCipher cbc = CBCBlockCipher.newInstance(engine);
        cbc.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[data.length];
        for (int off = 0; off < data.length; off += bs) {
            cbc.processBlock(data, off, out, off);
        }
        return out;
    }

    /** ISO 9797-1 MAC algorithm 3 with single DES (the "retail MAC"), 8 bytes, over input the caller padded. */
    public static byte[] retailMac(byte[] key16, byte[] paddedData) {
        byte[] data = paddedData;
        ISO9797Alg3Mac mac = new ISO9797Alg3Mac(new DESEngine());
        mac.init(new KeyParameter(key16));
        mac.update(data, 0, data.length);
        byte[] out = new byte[8];
        mac.doFinal(out, 0);
        return out;
    }

    /** AES-CMAC truncated to 8 bytes. The caller pads where the protocol says so. */
    public static byte[] aesCmac8(byte[] key, byte[] data) {
        CMac mac = new CMac(AESEngine.newInstance());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[16];
        mac.doFinal(out, 0);
        return Arrays.copyOf(out, 8);
    }
}
