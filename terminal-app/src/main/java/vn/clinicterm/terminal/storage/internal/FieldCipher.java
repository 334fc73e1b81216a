package vn.clinicterm.terminal.storage.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import vn.clinicterm.terminal.storage.StorageException;

/**
 * AES-256-GCM for personal-data columns, and HMAC-SHA256 of the ID number for lookups.
 *
 * <p>A stored value is {@code 0x01 ‖ keyId (4 bytes, big-endian) ‖ nonce (12 random bytes) ‖ ciphertext ‖ tag}. The
 * associated data binds it to its place: {@code "clinicterm-field/1" 0x00 table 0x00 column 0x00 rowId 0x00 keyId},
 * so a value copied into another row or column fails to decrypt instead of showing the wrong person's data. Random
 * nonces keep the per-key limit at about 2^32 values; rotate the data key long before (a visit uses six).
 */
public final class FieldCipher {

    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private volatile KeyRing keys;
    private final SecureRandom random;
    private final ThreadLocal<Cipher> cipher = ThreadLocal.withInitial(() -> newInstance("AES/GCM/NoPadding"));
    private final ThreadLocal<Mac> mac;

    public FieldCipher(KeyRing keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(keys.hmacKey());
                return m;
            } catch (GeneralSecurityException e) {
                throw new StorageException("HMAC-SHA256 is unavailable", e);
            }
        });
    }

    /** After a rotation: new values use the new current key; every key of the ring still decrypts. */
    public void use(KeyRing rotated) {
        this.keys = rotated;
    }

    public byte[] encrypt(String table, String column, long rowId, String plaintext) {
        return plaintext == null ? null : encrypt(table, column, rowId, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] encrypt(String table, String column, long rowId, byte[] plaintext) {
        KeyRing ring = keys;
        int keyId = ring.currentKeyId();
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = cipher.get();
            c.init(Cipher.ENCRYPT_MODE, ring.currentDataKey(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(table, column, rowId, keyId));
            ByteBuffer out = ByteBuffer.allocate(1 + 4 + NONCE + c.getOutputSize(plaintext.length));
            out.put(VERSION).putInt(keyId).put(nonce);
            c.doFinal(ByteBuffer.wrap(plaintext), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new StorageException("cannot encrypt " + table + "." + column + " of row " + rowId, e);
        }
    }

    /** The text stored by {@link #encrypt}; {@code null} stays {@code null}. */
    public String decryptText(String table, String column, long rowId, byte[] stored) {
        return stored == null ? null : new String(decrypt(table, column, rowId, stored), StandardCharsets.UTF_8);
    }

    /**
     * @throws StorageException naming table, column and row when the value does not authenticate: altered, or moved
     *     from another row or column
     */
    public byte[] decrypt(String table, String column, long rowId, byte[] stored) {
        if (stored.length < 1 + 4 + NONCE + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new StorageException(table + "." + column + " of row " + rowId + " is not an encrypted value");
        }
        ByteBuffer in = ByteBuffer.wrap(stored);
        in.get();
        int keyId = in.getInt();
        try {
            Cipher c = cipher.get();
            c.init(Cipher.DECRYPT_MODE, keys.dataKey(keyId), new GCMParameterSpec(TAG_BITS, stored, 5, NONCE));
            c.updateAAD(aad(table, column, rowId, keyId));
            return c.doFinal(stored, 5 + NONCE, stored.length - 5 - NONCE);
        } catch (AEADBadTagException e) {
            throw new StorageException(table + "." + column + " of row " + rowId
                    + " failed authentication: it was altered or does not belong to this row and column", e);
        } catch (GeneralSecurityException e) {
            throw new StorageException("cannot decrypt " + table + "." + column + " of row " + rowId, e);
        }
    }

    /** The keyed lookup hash of an ID number: equal numbers give equal hashes, and nobody without the key can test one. */
    public byte[] idHmac(String idNumber) {
        Mac m = mac.get();
        m.update("clinicterm-id/1".getBytes(StandardCharsets.US_ASCII));
        m.update((byte) 0);
        return m.doFinal(idNumber.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] aad(String table, String column, long rowId, int keyId) {
        return ("clinicterm-field/1\0" + table + "\0" + column + "\0" + rowId + "\0" + keyId)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Cipher newInstance(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new StorageException(transformation + " is unavailable", e);
        }
    }
}
