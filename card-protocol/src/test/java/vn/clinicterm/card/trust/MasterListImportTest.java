package vn.clinicterm.card.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.card.trust.TrustFixtures.JANUARY_2026;
import static vn.clinicterm.card.trust.TrustFixtures.clock;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.cardsim.TestPki;

/** The real ICAO master list in, and every way a master list must be refused. */
class MasterListImportTest {

    private static byte[] realList;

    @TempDir
    Path temp;

    @BeforeAll
    static void readTheRealList() {
        realList = TrustFixtures.read(TrustFixtures.realMasterList());
    }

    private TrustStore store(Path dir) throws Exception {
        return TrustStore.open(dir, clock(JANUARY_2026));
    }

    /** A store holding the test PKI's CSCAs, so "kept the previous content" means something. */
    private TrustStore storeWithTestPki(Path dir) throws Exception {
        TrustStore store = store(dir);
        Path pki = temp.resolve("pki");
        TestPki.standard().exportTo(pki);
        assertThat(store.importFile(pki.resolve("csca-brainpool.der")).accepted()).isTrue();
        return store;
    }

    @Test
    void theRealMasterListImportsWithItsSignatureVerified() throws Exception {
        TrustStore store = store(temp.resolve("store"));

        ImportReport report = store.importFile(TrustFixtures.realMasterList());

        assertThat(report.accepted()).as(report.message()).isTrue();
        assertThat(report.kind()).isEqualTo(ImportKind.MASTER_LIST);
        assertThat(report.signatureVerified()).isTrue();
        assertThat(report.signer()).contains("CN=ICAO Master List Signer");
        assertThat(report.certificatesInFile()).isEqualTo(520);
        assertThat(report.certificatesAdded()).isEqualTo(520);
        assertThat(report.unparsableCertificates()).isEmpty();
        assertThat(report.countries()).contains("VN", "DE", "NZ").hasSizeGreaterThan(80);
        assertThat(report.certificatesPerCountry().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(520);
        assertThat(store.cscas()).hasSize(520);
    }

    @Test
    void vietnamsCscaHasAnExplicitBrainpoolP512r1KeyThatVerifiesItsOwnSignature() throws Exception {
        TrustStore store = store(temp.resolve("store"));
        store.importFile(TrustFixtures.realMasterList());

        List<TrustedCsca> vn = store.cscas("vn");

        assertThat(vn).hasSize(1);
        TrustedCsca csca = vn.getFirst();
        assertThat(csca.subject()).contains("CN=CSCA ePassport Vietnam");
        assertThat(csca.publicKeyAlgorithm()).isEqualTo("EC");
        assertThat(csca.curve()).isEqualTo("brainpoolP512r1");
        assertThat(csca.explicitCurveParameters()).isTrue();
        assertThat(csca.keySize()).isEqualTo(512);
        assertThat(csca.keyDescription()).isEqualTo("EC brainpoolP512r1 (explicit parameters)");
        assertThat(csca.link()).isFalse();
        assertThat(csca.source()).isEqualTo("icao-masterlist.ml");
        csca.certificate().verify(csca.certificate().getPublicKey(), TrustFixtures.BC);
    }

    @Test
    void theDefaultAnchorIsTheUnCscaThatIssuedTheListSigner() throws Exception {
        CMSSignedData cms = new CMSSignedData(realList);
        List<X509CertificateHolder> embedded = List.copyOf(cms.getCertificates().getMatches(null));
        X509CertificateHolder anchor = embedded.stream()
                .filter(c -> sha256(encoded(c)).equals(TrustStore.UN_CSCA_2022_SHA256))
                .findFirst().orElseThrow();
        X509CertificateHolder signer = embedded.stream()
                .filter(c -> c.getSubject().toString().contains("CN=ICAO Master List Signer"))
                .findFirst().orElseThrow();

        assertThat(anchor.getSubject().toString()).contains("CN=United Nations CSCA");
        assertThat(anchor.getSubject()).isEqualTo(anchor.getIssuer());
        assertThat(signer.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                .setProvider(TrustFixtures.BC).build(anchor))).isTrue();
        assertThat(TrustStore.DEFAULT_MASTER_LIST_ANCHORS).containsExactly(TrustStore.UN_CSCA_2022_SHA256);
    }

    @Test
    void aFlippedBitInTheSignatureIsRejectedAndTheStoreKeepsItsContent() throws Exception {
        assertTamperedListIsRejected(realList.length - 20, "signature");
    }

    @Test
    void aFlippedBitInACertificateInsideTheListIsRejected() throws Exception {
        int at = indexOf(realList, "CSCA ePassport Vietnam".getBytes(StandardCharsets.US_ASCII), false);
        assertTamperedListIsRejected(at + 5, "Vietnam's certificate inside the eContent");
    }

    @Test
    void aFlippedBitInTheSignedAttributesIsRejected() throws Exception {
        // the signing time (2025-07-23 14:13:21 UTC) is a signed attribute and nothing else holds these digits
        int at = indexOf(realList, "250723141321Z".getBytes(StandardCharsets.US_ASCII), true);
        assertTamperedListIsRejected(at + 3, "signingTime");
    }

    @Test
    void flippedBitsAnywhereInTheListAreRejected() throws Exception {
        Random random = new Random(9303);
        TrustStore store = store(temp.resolve("store"));
        for (int i = 0; i < 40; i++) {
            int at = random.nextInt(realList.length);
            int bit = random.nextInt(8);
            Path file = TrustFixtures.write(temp, "random-" + i + ".ml", TrustFixtures.flipBit(realList, at, bit));
            ImportReport report = store.importFile(file);
            assertThat(report.accepted()).as("bit %d of byte %d: %s", bit, at, report.message()).isFalse();
        }
        assertThat(store.cscas()).isEmpty();
    }

    private void assertTamperedListIsRejected(int byteIndex, String where) throws Exception {
        Path dir = temp.resolve("store");
        TrustStore store = storeWithTestPki(dir);
        Map<String, String> before = TrustFixtures.snapshot(dir);
        for (int bit : new int[] {0, 7}) {
            Path tampered = TrustFixtures.write(temp, "tampered.ml", TrustFixtures.flipBit(realList, byteIndex, bit));

            ImportReport report = store.importFile(tampered);

            assertThat(report.accepted()).as("bit %d in the %s: %s", bit, where, report.message()).isFalse();
            assertThat(report.message()).startsWith("not imported: ");
            assertThat(store.cscas()).hasSize(1);
            assertThat(TrustFixtures.snapshot(dir)).isEqualTo(before);
            assertThat(TrustStore.open(dir, clock(JANUARY_2026)).cscas()).hasSize(1);
        }
    }

    @Test
    void withNoAnchorConfiguredTheRealListIsRejected() throws Exception {
        TrustStore store = TrustStore.open(temp.resolve("store"), clock(JANUARY_2026),
                TrustStore.Config.builder().masterListAnchors(Set.of()).build());

        ImportReport report = store.importFile(TrustFixtures.realMasterList());

        assertThat(report.accepted()).isFalse();
        assertThat(report.message()).contains("does not chain to a configured anchor");
        assertThat(store.cscas()).isEmpty();
        assertThat(store.status().sources()).isEmpty();
    }

    @Test
    void aListSignedUnderAnotherAuthorityDoesNotChainToTheUnAnchor() throws Exception {
        TestPki pki = TestPki.standard();
        KeyPair signerKeys = TrustFixtures.ecKeys("secp256r1", 1);
        X509Certificate signer = TrustFixtures.issue(pki.csca(TestPki.Csca.BRAINPOOL),
                pki.cscaPrivateKey(TestPki.Csca.BRAINPOOL), "CN=Test Master List Signer, C=VN", signerKeys, 77, false);
        byte[] list = TrustFixtures.masterList(TrustFixtures.CSCA_MASTER_LIST, signer, signerKeys.getPrivate(),
                pki.csca(TestPki.Csca.RSA_PSS));
        TrustStore store = storeWithTestPki(temp.resolve("store"));

        ImportReport report = store.importFile(TrustFixtures.write(temp, "own.ml", list));

        assertThat(report.accepted()).isFalse();
        assertThat(report.message()).contains("does not chain to a configured anchor");
    }

    @Test
    void aListSignedUnderAConfiguredAnchorImportsButNotWithTheWrongContentType() throws Exception {
        TestPki pki = TestPki.standard();
        X509Certificate csca = pki.csca(TestPki.Csca.BRAINPOOL);
        KeyPair signerKeys = TrustFixtures.ecKeys("secp256r1", 2);
        X509Certificate signer = TrustFixtures.issue(csca, pki.cscaPrivateKey(TestPki.Csca.BRAINPOOL),
                "CN=Test Master List Signer, C=VN", signerKeys, 78, false);
        TrustStore.Config config = TrustStore.Config.builder()
                .masterListAnchors(Set.of(sha256(csca.getEncoded()))).build();
        Path dir = temp.resolve("store");
        TrustStore.open(dir, clock(JANUARY_2026)).importFile(exported("csca-brainpool.der"));
        TrustStore store = TrustStore.open(dir, clock(JANUARY_2026), config);

        ImportReport wrongType = store.importFile(TrustFixtures.write(temp, "data.ml", TrustFixtures.masterList(
                TrustFixtures.ID_DATA, signer, signerKeys.getPrivate(), pki.csca(TestPki.Csca.RSA_PSS))));
        ImportReport right = store.importFile(TrustFixtures.write(temp, "list.ml", TrustFixtures.masterList(
                TrustFixtures.CSCA_MASTER_LIST, signer, signerKeys.getPrivate(), pki.csca(TestPki.Csca.RSA_PSS))));

        assertThat(wrongType.accepted()).isFalse();
        assertThat(wrongType.message()).contains("wrong eContentType 1.2.840.113549.1.7.1");
        assertThat(right.accepted()).as(right.message()).isTrue();
        assertThat(right.certificatesAdded()).isEqualTo(1);
        assertThat(store.cscas()).extracting(TrustedCsca::subject)
                .contains("CN=CSCA Test ClinicTerm RSA-PSS,O=ClinicTerm Test PKI,C=VN");
    }

    @Test
    void allGenerationsOfNewZealandsCscaAreCandidatesAndOneVerifiesTheRealNzDocumentSigner() throws Exception {
        TrustStore store = store(temp.resolve("store"));
        store.importFile(TrustFixtures.realMasterList());
        List<TrustedCsca> generations = store.cscas("NZ").stream()
                .filter(c -> c.subject().contains("OU=Identity Services Passport CA")).toList();
        assertThat(generations).hasSizeGreaterThanOrEqualTo(3);
        assertThat(generations.stream().map(TrustedCsca::sha256).collect(Collectors.toSet()))
                .hasSize(generations.size());

        X509Certificate dsc = documentSignerOf(TrustFixtures.read(
                TrustFixtures.sharedDir().resolve("lds-samples/nz2011/EF_SOD.bin")));
        List<X509Certificate> candidates = store.candidatesFor(dsc.getIssuerX500Principal(), null);

        assertThat(candidates).containsAll(generations.stream().map(TrustedCsca::certificate).toList());
        long verifying = candidates.stream().filter(c -> verifies(dsc, c)).count();
        assertThat(verifying).isEqualTo(1);
    }

    @Test
    void reimportingTheSameListAddsNothingAndKeepsOneSource() throws Exception {
        TrustStore store = store(temp.resolve("store"));
        store.importFile(TrustFixtures.realMasterList());

        ImportReport again = store.importFile(TrustFixtures.realMasterList());

        assertThat(again.accepted()).isTrue();
        assertThat(again.certificatesAdded()).isZero();
        assertThat(again.certificatesAlreadyKnown()).isEqualTo(520);
        assertThat(store.status().sources()).hasSize(1);
    }

    private Path exported(String name) {
        Path pki = temp.resolve("pki");
        TestPki.standard().exportTo(pki);
        return pki.resolve(name);
    }

    private static boolean verifies(X509Certificate subject, X509Certificate issuer) {
        try {
            subject.verify(issuer.getPublicKey(), TrustFixtures.BC);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** EF.SOD is tag 77 around a CMS ContentInfo whose certificates hold the document signer. */
    private static X509Certificate documentSignerOf(byte[] efSod) throws Exception {
        try (ASN1InputStream in = new ASN1InputStream(new ByteArrayInputStream(efSod))) {
            var tagged = (org.bouncycastle.asn1.ASN1TaggedObject) in.readObject();
            CMSSignedData cms = new CMSSignedData(tagged.getBaseObject().toASN1Primitive().getEncoded());
            X509CertificateHolder holder = cms.getCertificates().getMatches(null).iterator().next();
            return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().setProvider(TrustFixtures.BC)
                    .getCertificate(holder);
        }
    }

    private static byte[] encoded(X509CertificateHolder holder) {
        try {
            return holder.getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, boolean last) {
        int found = -1;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                found = i;
                if (!last) {
                    return i;
                }
            }
        }
        assertThat(found).as("the pattern is in the list").isNotNegative();
        return found;
    }
}
