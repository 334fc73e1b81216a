package vn.clinicterm.card.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.clinicterm.card.trust.TrustFixtures.JULY_2027;
import static vn.clinicterm.card.trust.TrustFixtures.MARCH_2026;
import static vn.clinicterm.card.trust.TrustFixtures.clock;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.cardsim.TestPki.Csca;
import vn.clinicterm.cardsim.TestPki.DocumentSigner;

/** The store against the card simulator's PKI: certificates, CRLs, link certificates and the files on disk. */
class TrustStoreTest {

    private static final TestPki PKI = TestPki.standard();

    @TempDir
    Path temp;

    private Path pki;
    private Path dir;

    @BeforeEach
    void exportTheTestPki() {
        pki = temp.resolve("pki");
        PKI.exportTo(pki);
        dir = temp.resolve("store");
    }

    private TrustStore store(Instant now) throws Exception {
        return TrustStore.open(dir, clock(now));
    }

    @Test
    void importingTheSimulatorsPkiDirectoryAddsItsCscasAndCrlAndSkipsDocumentSigners() throws Exception {
        TrustStore store = store(MARCH_2026);

        ImportReport report = store.importFile(pki);

        assertThat(report.kind()).isEqualTo(ImportKind.DIRECTORY);
        assertThat(report.accepted()).as(report.message()).isTrue();
        assertThat(report.certificatesAdded()).isEqualTo(2);
        assertThat(report.crlsAdded()).isEqualTo(1);
        assertThat(report.countries()).containsExactly("VN");
        assertThat(report.perFile()).extracting(ImportReport::source).contains("csca-brainpool.der",
                "csca-brainpool.pem", "csca-rsapss.der", "csca.crl", "dsc-revoked.der");
        assertThat(report.perFile()).filteredOn(r -> r.source().startsWith("dsc-"))
                .allSatisfy(r -> {
                    assertThat(r.accepted()).isFalse();
                    assertThat(r.message()).contains("not a CA certificate");
                });
        assertThat(store.cscas("VN")).extracting(TrustedCsca::subject).containsExactly(
                "CN=CSCA Test ClinicTerm RSA-PSS,O=ClinicTerm Test PKI,C=VN",
                "CN=CSCA Test ClinicTerm Vietnam,O=ClinicTerm Test PKI,C=VN");
        TrustedCsca brainpool = store.cscas("VN").get(1);
        assertThat(brainpool.keyDescription()).isEqualTo("EC brainpoolP512r1 (explicit parameters)");
        assertThat(store.cscas("VN").getFirst().publicKeyAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void theCrlMarksTheRevokedSignerRevokedAndAFreshSignerGood() throws Exception {
        TrustStore store = store(MARCH_2026);
        store.importFile(pki);

        RevocationStatus revoked = store.revocationStatus(PKI.documentSigner(DocumentSigner.REVOKED), MARCH_2026);
        RevocationStatus good = store.revocationStatus(PKI.documentSigner(DocumentSigner.BRAINPOOL), MARCH_2026);
        RevocationStatus noCrl = store.revocationStatus(PKI.documentSigner(DocumentSigner.RSA_PSS), MARCH_2026);

        assertThat(revoked).isEqualTo(new RevocationStatus.Revoked(Instant.parse("2025-12-01T00:00:00Z"),
                "KEY_COMPROMISE"));
        assertThat(good).isEqualTo(new RevocationStatus.Good(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-06-01T00:00:00Z")));
        assertThat(noCrl).isInstanceOfSatisfying(RevocationStatus.Unknown.class,
                u -> assertThat(u.reason()).isEqualTo(RevocationStatus.UnknownReason.NO_CRL_FOR_ISSUER));
    }

    @Test
    void pastTheCrlsNextUpdateAGoodSignerIsUnknownButARevokedOneStaysRevoked() throws Exception {
        TrustStore store = store(JULY_2027);
        store.importFile(pki);

        RevocationStatus stale = store.revocationStatus(PKI.documentSigner(DocumentSigner.BRAINPOOL), JULY_2027);
        RevocationStatus revoked = store.revocationStatus(PKI.documentSigner(DocumentSigner.REVOKED), JULY_2027);
        TrustStatus status = store.status();

        assertThat(stale).isInstanceOfSatisfying(RevocationStatus.Unknown.class,
                u -> assertThat(u.reason()).isEqualTo(RevocationStatus.UnknownReason.CRL_STALE));
        assertThat(revoked).isInstanceOf(RevocationStatus.Revoked.class);
        assertThat(status.freshness()).isEqualTo(TrustStatus.Freshness.STALE_CRLS);
        assertThat(status.crls()).singleElement().satisfies(crl -> {
            assertThat(crl.stale()).isTrue();
            assertThat(crl.revokedCount()).isEqualTo(1);
            assertThat(crl.nextUpdate()).contains(Instant.parse("2027-06-01T00:00:00Z"));
        });
        assertThat(store(MARCH_2026).status().freshness()).isEqualTo(TrustStatus.Freshness.CURRENT);
    }

    @Test
    void aCrlSignedByNoCscaInTheStoreIsRejected() throws Exception {
        TrustStore store = store(MARCH_2026);

        ImportReport report = store.importFile(pki.resolve("csca.crl"));

        assertThat(report.kind()).isEqualTo(ImportKind.CRL);
        assertThat(report.accepted()).isFalse();
        assertThat(report.message()).contains("signed by no CSCA in the store");
        assertThat(store.status().crls()).isEmpty();
    }

    @Test
    void aNewerCrlReplacesTheStoredOneAndAnOlderOneDoesNot() throws Exception {
        TrustStore store = store(MARCH_2026);
        store.importFile(pki);
        Path newer = TrustFixtures.write(temp, "newer.crl", crl(Instant.parse("2026-02-01T00:00:00Z")));

        ImportReport taken = store.importFile(newer);
        ImportReport older = store.importFile(pki.resolve("csca.crl"));

        assertThat(taken.crlsAdded()).isEqualTo(1);
        assertThat(older.accepted()).isTrue();
        assertThat(older.crlsAdded()).isZero();
        assertThat(store.status().crls()).singleElement()
                .satisfies(crl -> assertThat(crl.thisUpdate()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z")));
        // the newer CRL does not list the revoked signer: the store believes the newest list
        assertThat(store.revocationStatus(PKI.documentSigner(DocumentSigner.REVOKED), MARCH_2026))
                .isInstanceOf(RevocationStatus.Good.class);
    }

    @Test
    void aLinkCertificateIsRecognisedVerifiedAndOfferedAsCandidate() throws Exception {
        TrustStore store = store(MARCH_2026);
        store.importFile(pki.resolve("csca-brainpool.der"));
        X509Certificate old = PKI.csca(Csca.BRAINPOOL);
        KeyPair newKeys = TrustFixtures.ecKeys("brainpoolP384r1", 3);
        X509Certificate link = TrustFixtures.issue(old, PKI.cscaPrivateKey(Csca.BRAINPOOL),
                old.getSubjectX500Principal().getName(), newKeys, 0x10, true);
        X509Certificate dsc = TrustFixtures.issue(link, newKeys.getPrivate(), "CN=DS under the new key, C=VN",
                TrustFixtures.ecKeys("brainpoolP256r1", 4), 0x11, false);

        ImportReport report = store.importFile(TrustFixtures.write(temp, "link.pem",
                TrustFixtures.pem(link).getBytes(StandardCharsets.US_ASCII)));

        assertThat(report.accepted()).as(report.message()).isTrue();
        assertThat(report.signer()).isEqualTo("CN=CSCA Test ClinicTerm Vietnam,O=ClinicTerm Test PKI,C=VN");
        assertThat(store.cscas("VN")).filteredOn(TrustedCsca::link).singleElement()
                .satisfies(c -> assertThat(c.keyDescription()).isEqualTo("EC brainpoolP384r1"));
        List<X509Certificate> candidates = store.candidatesFor(dsc.getIssuerX500Principal(), authorityKeyId(dsc));
        assertThat(candidates).containsExactlyInAnyOrder(old, link);
        assertThat(candidates.getFirst()).as("the key identifier match comes first").isEqualTo(link);
    }

    @Test
    void aLinkCertificateNoStoredCscaSignedIsRejected() throws Exception {
        TrustStore store = store(MARCH_2026);
        store.importFile(pki.resolve("csca-brainpool.der"));
        X509Certificate stranger = TrustFixtures.issue(PKI.csca(Csca.UNKNOWN), PKI.cscaPrivateKey(Csca.UNKNOWN),
                PKI.csca(Csca.BRAINPOOL).getSubjectX500Principal().getName(), TrustFixtures.ecKeys("brainpoolP384r1", 5),
                0x12, true);

        ImportReport report = store.importFile(TrustFixtures.write(temp, "stranger.der", stranger.getEncoded()));

        assertThat(report.accepted()).isFalse();
        assertThat(report.message()).contains("no CSCA in the store signed it");
    }

    @Test
    void aSingleDocumentSignerCertificateIsRejected() throws Exception {
        ImportReport report = store(MARCH_2026).importFile(pki.resolve("dsc-brainpool.der"));

        assertThat(report.accepted()).isFalse();
        assertThat(report.message()).contains("not a CA certificate");
    }

    @Test
    void aFileThatIsNoTrustMaterialIsRejectedAsUnrecognised() throws Exception {
        ImportReport report = store(MARCH_2026).importFile(TrustFixtures.write(temp, "notes.txt",
                "hello\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(report.kind()).isEqualTo(ImportKind.UNRECOGNISED);
        assertThat(report.accepted()).isFalse();
    }

    @Test
    void aPemBundleWithSeveralCertificatesImportsThemAll() throws Exception {
        byte[] bundle = TrustFixtures.pem(PKI.csca(Csca.BRAINPOOL), PKI.csca(Csca.RSA_PSS))
                .getBytes(StandardCharsets.US_ASCII);

        ImportReport report = store(MARCH_2026).importFile(TrustFixtures.write(temp, "bundle.pem", bundle));

        assertThat(report.kind()).isEqualTo(ImportKind.CERTIFICATE);
        assertThat(report.certificatesAdded()).isEqualTo(2);
    }

    @Test
    void anLdifExportImportsItsCertificatesAndCrl() throws Exception {
        String ldif = "version: 1\n\n"
                + ldifEntry("cn=csca", "userCertificate;binary", PKI.csca(Csca.BRAINPOOL).getEncoded())
                + ldifEntry("cn=dsc", "userCertificate;binary", PKI.documentSigner(DocumentSigner.BRAINPOOL).getEncoded())
                + ldifEntry("cn=crl", "certificateRevocationList;binary", PKI.crl().getEncoded());

        ImportReport report = store(MARCH_2026).importFile(TrustFixtures.write(temp, "icaopkd.ldif",
                ldif.getBytes(StandardCharsets.US_ASCII)));

        assertThat(report.kind()).isEqualTo(ImportKind.LDIF);
        assertThat(report.accepted()).as(report.message()).isTrue();
        assertThat(report.certificatesAdded()).isEqualTo(1);
        assertThat(report.crlsAdded()).isEqualTo(1);
        assertThat(report.message()).contains("1 non-CA certificates skipped");
    }

    @Test
    void theStoreSurvivesReopeningWithItsSourcesAndTimes() throws Exception {
        store(MARCH_2026).importFile(pki);

        TrustStore reopened = store(JULY_2027);

        assertThat(reopened.cscas()).hasSize(2);
        assertThat(reopened.status().sources()).as("one source per accepted file of the directory")
                .extracting(TrustStatus.Source::name)
                .containsExactly("csca-brainpool.der", "csca-brainpool.pem", "csca-rsapss.der", "csca-rsapss.pem",
                        "csca.crl");
        assertThat(reopened.status().sources()).allSatisfy(s -> assertThat(s.importedAt()).isEqualTo(MARCH_2026));
        assertThat(reopened.revocationStatus(PKI.documentSigner(DocumentSigner.REVOKED), MARCH_2026))
                .isInstanceOf(RevocationStatus.Revoked.class);
    }

    @Test
    void aRejectedImportLeavesTheStoreDirectoryByteIdentical() throws Exception {
        TrustStore store = store(MARCH_2026);
        store.importFile(pki.resolve("csca-brainpool.der"));
        store.importFile(pki.resolve("csca.crl"));
        Map<String, String> before = TrustFixtures.snapshot(dir);

        ImportReport bad = store.importFile(pki.resolve("dsc-expired.der"));
        byte[] corruptCrl = Files.readAllBytes(pki.resolve("csca.crl"));
        corruptCrl[corruptCrl.length - 5] ^= 1;
        ImportReport badCrl = store.importFile(TrustFixtures.write(temp, "bad.crl", corruptCrl));

        assertThat(bad.accepted()).isFalse();
        assertThat(badCrl.accepted()).isFalse();
        assertThat(TrustFixtures.snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aCorruptStoreFileIsNamedAndTheLastGoodCopyCanBeRestored() throws Exception {
        TrustStore store = store(MARCH_2026);
        store.importFile(pki.resolve("csca-brainpool.der"));
        store.importFile(pki.resolve("csca-rsapss.der"));
        Path file = dir.resolve("trust-store.txt");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);

        assertThatThrownBy(() -> store(MARCH_2026))
                .isInstanceOf(TrustStoreCorruptedException.class)
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(((TrustStoreCorruptedException) e).lastGoodCopy()).isPresent());

        assertThat(TrustStore.restoreLastGoodCopy(dir)).isTrue();
        assertThat(store(MARCH_2026).cscas()).hasSize(1);
    }

    @Test
    void aTruncatedStoreFileIsCorruptNotEmpty() throws Exception {
        store(MARCH_2026).importFile(pki.resolve("csca-brainpool.der"));
        Path file = dir.resolve("trust-store.txt");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 40));

        assertThatThrownBy(() -> store(MARCH_2026)).isInstanceOf(TrustStoreCorruptedException.class)
                .hasMessageContaining("trust-store.txt");
    }

    @Test
    void anEmptyStoreSaysSo() throws Exception {
        TrustStatus status = store(MARCH_2026).status();

        assertThat(status.freshness()).isEqualTo(TrustStatus.Freshness.EMPTY);
        assertThat(status.lastUpdate()).isEmpty();
    }

    @Test
    void aStoreWithCscasButNoCrlsSaysRevocationCannotBeChecked() throws Exception {
        TrustStore store = store(MARCH_2026);
        store.importFile(pki.resolve("csca-rsapss.pem"));

        assertThat(store.status().freshness()).isEqualTo(TrustStatus.Freshness.NO_CRLS);
        assertThat(store.status().lastUpdate()).contains(MARCH_2026);
    }

    private static String ldifEntry(String dn, String attribute, byte[] value) {
        String b64 = java.util.Base64.getEncoder().encodeToString(value);
        StringBuilder folded = new StringBuilder(attribute + ":: ");
        for (int i = 0; i < b64.length(); i += 60) {
            folded.append(i == 0 ? "" : "\n ").append(b64, i, Math.min(b64.length(), i + 60));
        }
        return "dn: " + dn + ",dc=data,dc=pkdDownload\nobjectClass: top\n" + folded + "\n\n";
    }

    private static byte[] authorityKeyId(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        return org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifierObject().getOctets();
    }

    /** A CRL of the brainpool CSCA that lists nobody. */
    private static byte[] crl(Instant thisUpdate) throws Exception {
        X509Certificate csca = PKI.csca(Csca.BRAINPOOL);
        X509v2CRLBuilder builder = new X509v2CRLBuilder(TrustFixtures.name(csca), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(thisUpdate.plusSeconds(400L * 86_400)));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(csca));
        builder.addCRLEntry(BigInteger.valueOf(0x7777), Date.from(thisUpdate), CRLReason.superseded);
        return builder.build(new JcaContentSignerBuilder("SHA512withECDSA").setProvider(TrustFixtures.BC)
                .build(PKI.cscaPrivateKey(Csca.BRAINPOOL))).getEncoded();
    }
}
