package vn.clinicterm.cardsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.clinicterm.cardsim.internal.PkiDiskCache;
import vn.clinicterm.cardsim.internal.PkiGenerator;
import vn.clinicterm.cardsim.internal.PkiMaterial;

/**
 * The simulator's own country signing PKI: three CSCAs, five document signers and a CRL, all made from one seed.
 *
 * <p>The same seed gives the same keys, certificates and CRL, byte for byte, on every machine (keys and signatures
 * draw from a SHA-256 counter-mode random stream). An instance is generated once per JVM and seed, and kept on disk
 * in {@code $CLINICTERM_SIM_CACHE/clinicterm-sim-pki-v1-<seed>} (or under {@code java.io.tmpdir} when that variable is
 * unset); a cache that cannot be read is regenerated.
 *
 * <ul>
 *   <li>{@link Csca#BRAINPOOL} — {@code CN=CSCA Test ClinicTerm Vietnam, O=ClinicTerm Test PKI, C=VN}: ECDSA on
 *       brainpoolP512r1 with <em>explicit</em> domain parameters in its SubjectPublicKeyInfo (as many real CSCAs),
 *       self-signed SHA512withECDSA, valid 2022-01-01 to 2037-01-01.
 *   <li>{@link Csca#RSA_PSS} — {@code CN=CSCA Test ClinicTerm RSA-PSS, O=ClinicTerm Test PKI, C=VN}: RSA 3072,
 *       self-signed with RSASSA-PSS/SHA-256.
 *   <li>{@link Csca#UNKNOWN} — {@code CN=CSCA Test Unknown Issuer, C=VN}: like the first, but never exported, so no
 *       trust store knows it.
 *   <li>Document signers: {@link DocumentSigner#BRAINPOOL} ({@code CN=DS Test ClinicTerm 01, C=VN}, brainpoolP256r1,
 *       2025-01-01 to 2035-01-01), {@link DocumentSigner#RSA_PSS} (RSA 2048 under the PSS CSCA),
 *       {@link DocumentSigner#UNKNOWN_CSCA}, {@link DocumentSigner#EXPIRED} (2019-01-01 to 2021-01-01) and
 *       {@link DocumentSigner#REVOKED} (on the CRL).
 *   <li>The CRL of the brainpool CSCA: thisUpdate 2026-01-01, nextUpdate 2027-06-01, listing the revoked signer.
 * </ul>
 */
public final class TestPki {

    /** The seed of {@link #standard()}. */
    public static final long STANDARD_SEED = 20_261_128L;

    private static final Map<Long, TestPki> INSTANCES = new ConcurrentHashMap<>();

    /** The three country signing CAs. */
    public enum Csca {
        BRAINPOOL(PkiGenerator.CSCA_BRAINPOOL),
        RSA_PSS(PkiGenerator.CSCA_RSA_PSS),
        UNKNOWN(PkiGenerator.CSCA_UNKNOWN);

        private final String entry;

        Csca(String entry) {
            this.entry = entry;
        }
    }

    /** The document signers an EF.SOD can be signed by. */
    public enum DocumentSigner {
        BRAINPOOL(PkiGenerator.DSC_BRAINPOOL, Csca.BRAINPOOL),
        RSA_PSS(PkiGenerator.DSC_RSA_PSS, Csca.RSA_PSS),
        UNKNOWN_CSCA(PkiGenerator.DSC_UNKNOWN_CSCA, Csca.UNKNOWN),
        EXPIRED(PkiGenerator.DSC_EXPIRED, Csca.BRAINPOOL),
        REVOKED(PkiGenerator.DSC_REVOKED, Csca.BRAINPOOL);

        private final String entry;
        private final Csca issuer;

        DocumentSigner(String entry, Csca issuer) {
            this.entry = entry;
            this.issuer = issuer;
        }

        public Csca issuer() {
            return issuer;
        }
    }

    private final long seed;
    private final PkiMaterial material;

    private TestPki(long seed, PkiMaterial material) {
        this.seed = seed;
        this.material = material;
    }

    /** The PKI of {@link #STANDARD_SEED}: what the CLI, the demo and most tests use. */
    public static TestPki standard() {
        return forSeed(STANDARD_SEED);
    }

    /** The PKI of any seed, generated (or read from the disk cache) on first use in this JVM. */
    public static TestPki forSeed(long seed) {
        return INSTANCES.computeIfAbsent(seed, s -> new TestPki(s, PkiDiskCache.loadOrGenerate(s)));
    }

    public long seed() {
        return seed;
    }

    public X509Certificate csca(Csca csca) {
        return material.entry(csca.entry).certificate();
    }

    public PrivateKey cscaPrivateKey(Csca csca) {
        return material.entry(csca.entry).privateKey();
    }

    public X509Certificate documentSigner(DocumentSigner signer) {
        return material.entry(signer.entry).certificate();
    }

    public PrivateKey documentSignerPrivateKey(DocumentSigner signer) {
        return material.entry(signer.entry).privateKey();
    }

    /** The brainpool CSCA's CRL; it lists {@link DocumentSigner#REVOKED}. */
    public X509CRL crl() {
        return material.crl();
    }

    /**
     * Writes what a trust store imports, overwriting files of the same name:
     *
     * <ul>
     *   <li>{@code csca-brainpool.der}, {@code csca-brainpool.pem} — the brainpool CSCA
     *   <li>{@code csca-rsapss.der}, {@code csca-rsapss.pem} — the RSA-PSS CSCA
     *   <li>{@code csca.crl} — the brainpool CSCA's CRL (DER)
     *   <li>{@code dsc-brainpool.der}, {@code dsc-rsapss.der}, {@code dsc-unknown-csca.der}, {@code dsc-expired.der},
     *       {@code dsc-revoked.der} — the document signers (DER), for tests that look signers up by themselves
     * </ul>
     *
     * The unknown CSCA is deliberately not written.
     */
    public void exportTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Csca csca : new Csca[] {Csca.BRAINPOOL, Csca.RSA_PSS}) {
                byte[] der = csca(csca).getEncoded();
                Files.write(dir.resolve(csca.entry + ".der"), der);
                Files.writeString(dir.resolve(csca.entry + ".pem"), pem(der), StandardCharsets.US_ASCII);
            }
            Files.write(dir.resolve("csca.crl"), crl().getEncoded());
            for (DocumentSigner signer : DocumentSigner.values()) {
                Files.write(dir.resolve(signer.entry + ".der"), documentSigner(signer).getEncoded());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the test PKI to " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the test PKI", e);
        }
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
