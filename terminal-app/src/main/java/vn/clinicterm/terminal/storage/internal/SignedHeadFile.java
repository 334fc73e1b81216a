package vn.clinicterm.terminal.storage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.clinicterm.terminal.storage.ChainHead;
import vn.clinicterm.terminal.storage.StorageException;

/**
 * The audit chain's head outside the database ({@code <db>.head}), signed with the terminal's Ed25519 key, so that
 * deleting the newest entries is detected. Rewritten after every committed append (temp file + atomic rename, no
 * fsync): after a power cut it may lag the database by the last few entries, which is harmless — it is never ahead.
 */
public final class SignedHeadFile {

    private static final String FORMAT = "clinicterm-audit-head/1";

    private final Path file;

    public SignedHeadFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** What a reader of the file learns: the head, or why it cannot be trusted, or nothing when there is no file. */
    public record Reading(Optional<ChainHead> head, Optional<String> problem) {}

    public void write(ChainHead head, KeyRing keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("seq", head.seq());
        m.put("hash", head.hash());
        m.put("signature", Base64.getEncoder().encodeToString(sign(signedBytes(head), keys)));
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, JsonText.write(m) + "\n");
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StorageException("cannot write the signed audit head " + file + ": " + e.getMessage(), e);
        }
    }

    public Reading read(KeyRing keys) {
        if (!Files.exists(file)) {
            return new Reading(Optional.empty(), Optional.empty());
        }
        try {
            Map<String, Object> m = JsonText.parseObject(Files.readString(file, StandardCharsets.UTF_8).strip());
            if (!FORMAT.equals(m.get("format"))) {
                return problem("the signed audit head " + file.getFileName() + " has an unknown format");
            }
            ChainHead head = new ChainHead((Long) m.get("seq"), (String) m.get("hash"));
            byte[] sig = Base64.getDecoder().decode((String) m.get("signature"));
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(keys.verifyingKey());
            v.update(signedBytes(head));
            if (!v.verify(sig)) {
                return problem("the signed audit head " + file.getFileName()
                        + " is not signed by this terminal's key (edited or replaced)");
            }
            return new Reading(Optional.of(head), Optional.empty());
        } catch (IOException e) {
            return problem("the signed audit head " + file.getFileName() + " cannot be read: " + e.getMessage());
        } catch (RuntimeException | GeneralSecurityException e) {
            return problem("the signed audit head " + file.getFileName() + " is damaged");
        }
    }

    private static Reading problem(String why) {
        return new Reading(Optional.empty(), Optional.of(why));
    }

    static byte[] signedBytes(ChainHead head) {
        return (FORMAT + "\n" + head.seq() + "\n" + head.hash() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sign(byte[] data, KeyRing keys) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(keys.signingKey());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new StorageException("Ed25519 signing failed", e);
        }
    }
}
