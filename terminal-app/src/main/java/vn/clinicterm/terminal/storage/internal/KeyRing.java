package vn.clinicterm.terminal.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import vn.clinicterm.terminal.storage.StorageException;

/**
 * The terminal's secrets, kept in one key file outside the database: the data-encryption keys (AES-256, by key id;
 * old ones stay for decryption after a rotation), the HMAC key for ID lookups, and the Ed25519 signing key. The file is
 * created on first use, owner-only where the file system has POSIX permissions, and replaced atomically.
 * {@link #toString()} never shows key material.
 */
public final class KeyRing {

    static final String FORMAT = "clinicterm-keys/1";

    private final Path file;
    private final Map<Integer, SecretKey> dataKeys;
    private final int currentKeyId;
    private final SecretKey hmacKey;
    private final PrivateKey signingKey;
    private final PublicKey verifyingKey;

    private KeyRing(Path file, Map<Integer, SecretKey> dataKeys, int currentKeyId, SecretKey hmacKey,
            PrivateKey signingKey, PublicKey verifyingKey) {
        this.file = file;
        this.dataKeys = Collections.unmodifiableMap(new TreeMap<>(dataKeys));
        this.currentKeyId = currentKeyId;
        this.hmacKey = hmacKey;
        this.signingKey = signingKey;
        this.verifyingKey = verifyingKey;
    }

    /** Loads the key file, creating it (and its directory) with fresh random keys when it does not exist. */
    public static KeyRing openOrCreate(Path file, SecureRandom random) {
        try {
            if (Files.exists(file)) {
                return load(file);
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            KeyRing ring = new KeyRing(file, Map.of(1, aesKey(random)), 1, hmac(random), pair.getPrivate(),
                    pair.getPublic());
            ring.save();
            return ring;
        } catch (GeneralSecurityException e) {
            throw new StorageException("cannot create keys in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an existing key file only (to check an export's signer, say); empty when there is none. */
    public static java.util.Optional<KeyRing> existing(Path file) {
        return Files.exists(file) ? java.util.Optional.of(load(file)) : java.util.Optional.empty();
    }

    /** A new data-encryption key becomes current; the old ones are kept so existing rows still decrypt. */
    public KeyRing rotate(SecureRandom random) {
        int next = dataKeys.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Map<Integer, SecretKey> keys = new TreeMap<>(dataKeys);
        keys.put(next, aesKey(random));
        KeyRing rotated = new KeyRing(file, keys, next, hmacKey, signingKey, verifyingKey);
        rotated.save();
        return rotated;
    }

    public int currentKeyId() {
        return currentKeyId;
    }

    public SecretKey currentDataKey() {
        return dataKeys.get(currentKeyId);
    }

    public SecretKey dataKey(int keyId) {
        SecretKey key = dataKeys.get(keyId);
        if (key == null) {
            throw new StorageException("data key " + keyId + " is not in the key file " + file
                    + " (a key file from another terminal, or an old copy?)");
        }
        return key;
    }

    public SecretKey hmacKey() {
        return hmacKey;
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public PublicKey verifyingKey() {
        return verifyingKey;
    }

    public Path file() {
        return file;
    }

    private static SecretKey aesKey(SecureRandom random) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return new SecretKeySpec(k, "AES");
    }

    private static SecretKey hmac(SecureRandom random) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return new SecretKeySpec(k, "HmacSHA256");
    }

    private static KeyRing load(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(new StringReader(new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new StorageException("cannot read the key file " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new StorageException("the key file " + file + " is not a ClinicTerm key file (format line missing)");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            Map<Integer, SecretKey> keys = new TreeMap<>();
            for (String name : p.stringPropertyNames()) {
                if (name.startsWith("data.") && !name.equals("data.current")) {
                    keys.put(Integer.parseInt(name.substring(5)),
                            new SecretKeySpec(b64.decode(p.getProperty(name)), "AES"));
                }
            }
            int current = Integer.parseInt(required(p, file, "data.current"));
            KeyFactory ed = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = ed.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(required(p, file, "sign.private"))));
            PublicKey pub = ed.generatePublic(new X509EncodedKeySpec(b64.decode(required(p, file, "sign.public"))));
            SecretKey hmac = new SecretKeySpec(b64.decode(required(p, file, "hmac")), "HmacSHA256");
            KeyRing ring = new KeyRing(file, keys, current, hmac, priv, pub);
            ring.dataKey(current);
            return ring;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StorageException("the key file " + file + " is damaged (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String required(Properties p, Path file, String name) {
        String v = p.getProperty(name);
        if (v == null) {
            throw new StorageException("the key file " + file + " lacks the entry '" + name + "'");
        }
        return v;
    }

    private void save() {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder text = new StringBuilder();
        text.append("# ClinicTerm terminal keys. Secret: never copy, mail or log this file; back it up offline.\n");
        text.append("format=").append(FORMAT).append('\n');
        text.append("data.current=").append(currentKeyId).append('\n');
        dataKeys.forEach((id, key) -> text.append("data.").append(id).append('=')
                .append(b64.encodeToString(key.getEncoded())).append('\n'));
        text.append("hmac=").append(b64.encodeToString(hmacKey.getEncoded())).append('\n');
        text.append("sign.private=").append(b64.encodeToString(signingKey.getEncoded())).append('\n');
        text.append("sign.public=").append(b64.encodeToString(verifyingKey.getEncoded())).append('\n');
        writeOwnerOnly(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a secret file atomically: a temp file with owner-only permissions, fsync, rename over the old one. */
    static void writeOwnerOnly(Path file, byte[] bytes) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Path temp = posix
                    ? Files.createTempFile(dir, ".keys", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".keys", ".tmp");
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StorageException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "KeyRing[" + file + ", data keys " + dataKeys.keySet() + ", current " + currentKeyId + "]";
    }
}
