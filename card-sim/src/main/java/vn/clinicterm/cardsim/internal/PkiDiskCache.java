package vn.clinicterm.cardsim.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * Keeps a generated test PKI on disk ({@code <name>.crt} DER certificates, {@code <name>.p8} PKCS#8 keys,
 * {@code csca.crl}, and a {@code complete} marker written last). RSA-3072 generation takes seconds; reading the files
 * takes milliseconds. A directory that cannot be read back is generated afresh; writers race safely because a
 * directory is built aside and moved into place whole, and the same seed always gives the same contents.
 */
public final class PkiDiskCache {

    static final String COMPLETE_MARKER = "complete";
    static final String CRL_FILE = "csca.crl";

    private PkiDiskCache() {}

    /** {@code $CLINICTERM_SIM_CACHE/clinicterm-sim-pki-v1-<seed>}, or the same name under {@code java.io.tmpdir}. */
    public static Path directoryFor(long seed) {
        String root = System.getenv("CLINICTERM_SIM_CACHE");
        Path base = root == null || root.isBlank() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(root);
        return base.resolve("clinicterm-sim-pki-v1-" + Long.toUnsignedString(seed));
    }

    public static PkiMaterial loadOrGenerate(long seed) {
        Path dir = directoryFor(seed);
        try {
            return read(dir);
        } catch (IOException | GeneralSecurityException | RuntimeException unreadable) {
            PkiMaterial fresh = PkiGenerator.generate(seed);
            try {
                write(dir, fresh);
            } catch (IOException | GeneralSecurityException cannotCache) {
                // a read-only temp dir only costs speed: the material itself is fine
            }
            return fresh;
        }
    }

    static PkiMaterial read(Path dir) throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(dir.resolve(COMPLETE_MARKER))) {
            throw new IOException("no complete PKI cache in " + dir);
        }
        Bc.ensureRegistered();
        CertificateFactory certificates = CertificateFactory.getInstance("X.509", Bc.PROVIDER);
        Map<String, PkiMaterial.Entry> entries = new LinkedHashMap<>();
        for (String name : PkiGenerator.ENTRY_NAMES) {
            X509Certificate certificate;
            try (InputStream in = Files.newInputStream(dir.resolve(name + ".crt"))) {
                certificate = (X509Certificate) certificates.generateCertificate(in);
            }
            byte[] pkcs8 = Files.readAllBytes(dir.resolve(name + ".p8"));
            String algorithm = PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm()
                    .equals(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "EC";
            PrivateKey key = KeyFactory.getInstance(algorithm, Bc.PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            entries.put(name, new PkiMaterial.Entry(certificate, key));
        }
        X509CRL crl;
        try (InputStream in = Files.newInputStream(dir.resolve(CRL_FILE))) {
            crl = (X509CRL) certificates.generateCRL(in);
        }
        return new PkiMaterial(entries, crl);
    }

    static void write(Path dir, PkiMaterial material) throws IOException, GeneralSecurityException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, dir.getFileName() + ".staging-");
        try {
            for (String name : PkiGenerator.ENTRY_NAMES) {
                PkiMaterial.Entry entry = material.entry(name);
                Files.write(staging.resolve(name + ".crt"), entry.certificate().getEncoded());
                Files.write(staging.resolve(name + ".p8"), entry.privateKey().getEncoded());
            }
            Files.write(staging.resolve(CRL_FILE), material.crl().getEncoded());
            Files.writeString(staging.resolve(COMPLETE_MARKER), "clinicterm test PKI v1\n");
            if (Files.exists(dir)) {
                deleteRecursively(dir); // only reached when the existing copy could not be read
            }
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, dir);
            }
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException anotherJvmWon) {
            // same seed, same bytes: theirs is as good as ours
        } finally {
            if (Files.exists(staging)) {
                deleteRecursively(staging);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
