package vn.clinicterm.card.trust.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import vn.clinicterm.card.trust.ImportKind;
import vn.clinicterm.card.trust.TrustStoreCorruptedException;

/**
 * The store on disk: one UTF-8 text file, a line per source, certificate and CRL, closed by a SHA-256 of everything
 * before it, so truncation and bit rot are detected rather than half-read.
 *
 * <pre>
 * clinicterm-trust-store 1
 * source  id kind importedAt verified certificates added known crls sha256 base64(name) base64(verification)
 * csca    sourceId link base64(DER)
 * crl     sourceId verified base64(DER)
 * end     sha256-of-the-lines-above
 * </pre>
 *
 * Fields are separated by one tab. Writing goes to a temporary file in the same directory, which is synced and then
 * renamed over the store file (ATOMIC_MOVE); the replaced version is first kept as {@code trust-store.previous}.
 */
final class StoreFile {

    static final String FILE_NAME = "trust-store.txt";
    static final String PREVIOUS_NAME = "trust-store.previous";
    static final String LOCK_NAME = ".lock";
    private static final String HEADER = "clinicterm-trust-store 1";

    private StoreFile() {}

    static StoreState read(Path file, Path previousOrNull) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return StoreState.EMPTY;
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            Path previous = previousOrNull != null && Files.isRegularFile(previousOrNull) ? previousOrNull : null;
            throw new TrustStoreCorruptedException(file, e.getMessage(), previous);
        }
    }

    private static StoreState parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int endLine = text.lastIndexOf("\nend\t");
        if (!text.startsWith(HEADER + "\n") || endLine < 0) {
            throw new IllegalArgumentException("no header or no end line: truncated or not a trust store");
        }
        String body = text.substring(0, endLine + 1);
        String trailer = text.substring(endLine + 1).strip();
        String expected = trailer.substring("end\t".length());
        if (!Certs.sha256(body.getBytes(StandardCharsets.UTF_8)).equals(expected)) {
            throw new IllegalArgumentException("checksum mismatch");
        }
        List<StoreState.Source> sources = new ArrayList<>();
        List<StoreState.Cert> certificates = new ArrayList<>();
        Map<String, StoreState.Crl> crls = new LinkedHashMap<>();
        String[] lines = body.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            switch (f[0]) {
                case "source" -> {
                    int id = Integer.parseInt(f[1]);
                    if (id != sources.size()) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": sources out of order");
                    }
                    sources.add(new StoreState.Source(id, text(f[10]), ImportKind.valueOf(f[2]), Instant.parse(f[3]),
                            Boolean.parseBoolean(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]),
                            Integer.parseInt(f[7]), Integer.parseInt(f[8]), f[9], text(f[11])));
                }
                case "csca" -> certificates.add(certificate(Base64.getDecoder().decode(f[3]), Boolean.parseBoolean(f[2]),
                        source(f[1], sources, i)));
                case "crl" -> {
                    StoreState.Crl crl = crl(Base64.getDecoder().decode(f[4]), source(f[1], sources, i),
                            Boolean.parseBoolean(f[2]), f[3]);
                    crls.put(crl.issuerKey(), crl);
                }
                default -> throw new IllegalArgumentException("line " + (i + 1) + ": unknown record " + f[0]);
            }
        }
        return new StoreState(sources, certificates, crls);
    }

    private static int source(String field, List<StoreState.Source> sources, int line) {
        int id = Integer.parseInt(field);
        if (id < 0 || id >= sources.size()) {
            throw new IllegalArgumentException("line " + (line + 1) + ": unknown source " + id);
        }
        return id;
    }

    static StoreState.Cert certificate(byte[] der, boolean link, int sourceId) {
        try {
            X509CertificateHolder holder = new X509CertificateHolder(der);
            byte[] ski = Certs.subjectKeyIdentifier(holder.getExtensions());
            return new StoreState.Cert(der, holder, Certs.toX509(holder), Certs.sha256(der), link, sourceId,
                    Certs.nameKey(holder.getSubject()), MasterListVerifier.hex(ski));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("a stored certificate does not parse: " + e.getMessage(), e);
        }
    }

    static StoreState.Crl crl(byte[] der, int sourceId, boolean verified, String signerSha256) {
        try {
            X509CRLHolder holder = new X509CRLHolder(der);
            return new StoreState.Crl(der, holder, Certs.toX509(holder), Certs.nameKey(holder.getIssuer()), sourceId,
                    verified, signerSha256);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("a stored CRL does not parse: " + e.getMessage(), e);
        }
    }

    static byte[] serialise(StoreState state) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        Base64.Encoder b64 = Base64.getEncoder();
        for (StoreState.Source s : state.sources) {
            out.append(String.join("\t", "source", Integer.toString(s.id()), s.kind().name(), s.importedAt().toString(),
                    Boolean.toString(s.signatureVerified()), Integer.toString(s.certificates()),
                    Integer.toString(s.certificatesAdded()), Integer.toString(s.certificatesAlreadyKnown()),
                    Integer.toString(s.crls()), s.sha256(), field(s.name()), field(s.verification())))
                    .append('\n');
        }
        for (StoreState.Cert c : state.certificates) {
            out.append("csca\t").append(c.sourceId()).append('\t').append(c.link()).append('\t')
                    .append(b64.encodeToString(c.der())).append('\n');
        }
        for (StoreState.Crl c : state.crlsByIssuer.values()) {
            out.append("crl\t").append(c.sourceId()).append('\t').append(c.verified()).append('\t')
                    .append(c.signerSha256()).append('\t').append(b64.encodeToString(c.der())).append('\n');
        }
        String body = out.toString();
        return (body + "end\t" + Certs.sha256(body.getBytes(StandardCharsets.UTF_8)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String field) {
        return new String(Base64.getDecoder().decode(field), StandardCharsets.UTF_8);
    }

    /** Replaces {@code dir/trust-store.txt} atomically, keeping the replaced version as the previous copy. */
    static void write(Path dir, StoreState state) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            Path copy = Files.createTempFile(dir, ".trust-store-previous-", ".tmp");
            try {
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                sync(copy);
                move(copy, dir.resolve(PREVIOUS_NAME));
            } finally {
                Files.deleteIfExists(copy);
            }
        }
        Path temp = Files.createTempFile(dir, ".trust-store-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(serialise(state));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    static boolean restorePrevious(Path dir) throws IOException {
        Path previous = dir.resolve(PREVIOUS_NAME);
        if (!Files.isRegularFile(previous)) {
            return false;
        }
        parse(Files.readAllBytes(previous)); // never restore something that is itself corrupt
        Path temp = Files.createTempFile(dir, ".trust-store-", ".tmp");
        try {
            Files.copy(previous, temp, StandardCopyOption.REPLACE_EXISTING);
            sync(temp);
            move(temp, dir.resolve(FILE_NAME));
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
        return true;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically", e);
        }
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes the rename itself durable where the platform allows it (Linux, macOS; not Windows). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // directories cannot be opened for sync on Windows; NTFS journals the rename itself
        }
    }
}
