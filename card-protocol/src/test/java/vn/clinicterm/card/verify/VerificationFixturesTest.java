package vn.clinicterm.card.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.card.verify.VerifyFixtures.JULY_2027;
import static vn.clinicterm.card.verify.VerifyFixtures.MARCH_2026;
import static vn.clinicterm.card.verify.VerifyFixtures.PKI;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.card.ChipAuthentication;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.LdsParsers;
import vn.clinicterm.card.MrzData;
import vn.clinicterm.card.ReadStats;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.TestPki.DocumentSigner;

/** SODs and trust situations the simulator's profiles do not make, plus real documents from the shared samples. */
class VerificationFixturesTest {

    private static final String SHA1 = "1.3.14.3.2.26";
    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    private static final String LDS_SECURITY_OBJECT = "2.23.136.1.1.1";
    private static final String LDS_SECURITY_OBJECT_OLD = "1.3.27.1.1.1";
    private static final Instant SIGNED = Instant.parse("2025-06-01T02:00:00Z");

    @TempDir
    Path temp;

    /** The card's files with the SOD replaced by {@code sod} (DG3 left out, as a reader leaves it). */
    private static ChipEvidence withSod(CardImage image, byte[] sod) {
        Map<Integer, byte[]> files = VerifyFixtures.filesOf(image);
        files.put(ChipEvidence.EF_SOD, sod);
        return VerifyFixtures.evidence(image, confirmedCa(), files);
    }

    private static ChipAuthentication confirmedCa() {
        return new ChipAuthentication.Ca(BigInteger.ZERO, VerifyFixtures.CA_PROTOCOL, true, "confirmed");
    }

    private static byte[] brainpoolSod(Map<Integer, byte[]> groups, String hashOid, String hashName,
            String contentType) {
        return VerifyFixtures.sod(groups, hashOid, hashName, "SHA256withECDSA", contentType,
                PKI.documentSigner(DocumentSigner.BRAINPOOL), PKI.documentSignerPrivateKey(DocumentSigner.BRAINPOOL),
                SIGNED);
    }

    @Test
    void sha1DataGroupHashesUnderASha256SignatureVerifyAndAreFlagged() {
        TrustStore store = VerifyFixtures.simStore(temp, MARCH_2026);
        CardImage image = VerifyFixtures.card(3);
        byte[] sod = brainpoolSod(VerifyFixtures.signedDataGroups(image), SHA1, "SHA-1", LDS_SECURITY_OBJECT);

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026).verify(withSod(image, sod));

        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.PASSED);
        CheckResult hashes = report.check(CheckId.DATA_GROUP_HASHES).orElseThrow();
        assertThat(hashes.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(hashes.args()).contains("SHA-1");
        CheckResult algorithms = report.check(CheckId.ALGORITHMS).orElseThrow();
        assertThat(algorithms.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(algorithms.subIndication()).contains(SubIndication.ALGORITHM_FLAGGED);
    }

    @Test
    void sha1IsRejectedWhenThePolicySaysSo() {
        TrustStore store = VerifyFixtures.simStore(temp, MARCH_2026);
        CardImage image = VerifyFixtures.card(3);
        byte[] sod = brainpoolSod(VerifyFixtures.signedDataGroups(image), SHA1, "SHA-1", LDS_SECURITY_OBJECT);
        VerificationPolicy strict =
                VerificationPolicy.clinicDefault().toBuilder().sha1Level(VerificationPolicy.Level.FAIL).build();

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026, strict).verify(withSod(image, sod));

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).contains(SubIndication.ALGORITHM_REJECTED);
    }

    @Test
    void theOlderSecurityObjectOidIsAccepted() {
        TrustStore store = VerifyFixtures.simStore(temp, MARCH_2026);
        CardImage image = VerifyFixtures.card(3);
        byte[] sod = brainpoolSod(VerifyFixtures.signedDataGroups(image), SHA256, "SHA-256", LDS_SECURITY_OBJECT_OLD);

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026).verify(withSod(image, sod));

        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.PASSED);
        assertThat(report.check(CheckId.SOD_FORMAT).orElseThrow().args()).first().isEqualTo(LDS_SECURITY_OBJECT_OLD);
    }

    @Test
    void aDg14WhoseSetIsNotInDerOrderIsHashedAsRead() throws Exception {
        TrustStore store = VerifyFixtures.simStore(temp, MARCH_2026);
        CardImage image = VerifyFixtures.card(3);
        byte[] dg14 = image.file(CardImage.EF_DG14);
        byte[] unsorted = reversedSet(dg14);
        ASN1Primitive reparsed = ASN1Primitive.fromByteArray(java.util.Arrays.copyOfRange(unsorted, 2 + lengthBytes(unsorted), unsorted.length));
        assertThat(reparsed.getEncoded(ASN1Encoding.DER)).as("a DER re-encoding sorts the SET")
                .isNotEqualTo(java.util.Arrays.copyOfRange(unsorted, 2 + lengthBytes(unsorted), unsorted.length));
        Map<Integer, byte[]> groups = VerifyFixtures.signedDataGroups(image);
        groups.put(14, unsorted);
        byte[] sod = brainpoolSod(groups, SHA256, "SHA-256", LDS_SECURITY_OBJECT);
        Map<Integer, byte[]> files = VerifyFixtures.filesOf(image);
        files.put(ChipEvidence.dataGroup(14), unsorted);
        files.put(ChipEvidence.EF_SOD, sod);

        VerificationReport report =
                VerifyFixtures.verifier(store, MARCH_2026).verify(VerifyFixtures.evidence(image, confirmedCa(), files));

        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.PASSED);
        assertThat(report.check(CheckId.DATA_GROUP_HASHES).orElseThrow().args().getFirst()).contains("DG14");
        assertThat(report.status(CheckId.CHIP_AUTHENTICATION)).isEqualTo(CheckStatus.PASSED);
    }

    /** DG14 with its SET OF SecurityInfo elements in reverse order (not DER's sorted order). */
    private static byte[] reversedSet(byte[] dg14) throws Exception {
        int header = 2 + lengthBytes(dg14);
        ASN1Set set = (ASN1Set) ASN1Primitive.fromByteArray(java.util.Arrays.copyOfRange(dg14, header, dg14.length));
        List<byte[]> elements = new ArrayList<>();
        for (ASN1Encodable e : set) {
            elements.add(e.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (int i = elements.size() - 1; i >= 0; i--) {
            content.writeBytes(elements.get(i));
        }
        return VerifyFixtures.tlv(0x6E, VerifyFixtures.tlv(0x31, content.toByteArray()));
    }

    private static int lengthBytes(byte[] tlv) {
        int first = tlv[1] & 0xFF;
        return first < 0x80 ? 0 : first & 0x7F;
    }

    @Test
    void aSignerUnderANewCscaKeyChainsThroughALinkCertificateToTheOldGeneration() throws Exception {
        KeyPair oldKey = ecKeys();
        KeyPair newKey = ecKeys();
        KeyPair signerKey = ecKeys();
        X500Principal name = new X500Principal("CN=CSCA Rollover Test, O=ClinicTerm Test PKI, C=VN");
        X509Certificate oldCsca = certificate(name, oldKey, name, oldKey.getPublic(), 1, true);
        X509Certificate link = certificate(name, oldKey, name, newKey.getPublic(), 2, true);
        X509Certificate signer = certificateWithAki(name, newKey, new X500Principal("CN=DS Rollover, C=VN"),
                signerKey.getPublic(), 3);
        TrustStore store = TrustStore.open(temp.resolve("store"), VerifyFixtures.clock(MARCH_2026));
        ImportReport first = store.importFile(Files.write(temp.resolve("old.der"), oldCsca.getEncoded()));
        ImportReport second = store.importFile(Files.write(temp.resolve("link.der"), link.getEncoded()));
        assertThat(first.accepted()).as(first.message()).isTrue();
        assertThat(second.accepted()).as(second.message()).isTrue();
        CardImage image = VerifyFixtures.card(3);
        byte[] sod = VerifyFixtures.sod(VerifyFixtures.signedDataGroups(image), SHA256, "SHA-256", "SHA256withECDSA",
                LDS_SECURITY_OBJECT, signer, signerKey.getPrivate(), SIGNED);

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026).verify(withSod(image, sod));

        CheckResult path = report.check(CheckId.CERTIFICATE_PATH).orElseThrow();
        assertThat(path.status()).as(report.toString()).isEqualTo(CheckStatus.PASSED);
        assertThat(path.messageKey()).isEqualTo("pki.path.okViaLink");
        assertThat(path.args()).containsExactly(name.getName(), "2");
        // no CRL for this CSCA: a warning under the clinic default
        assertThat(report.indication()).isEqualTo(Indication.PASSED);
        assertThat(report.status(CheckId.REVOCATION)).isEqualTo(CheckStatus.WARNING);
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", VerifyFixtures.BC);
        generator.initialize(new ECGenParameterSpec("brainpoolP256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(X500Principal issuer, KeyPair issuerKeys, X500Principal subject,
            java.security.PublicKey subjectKey, long serial, boolean ca) throws Exception {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial),
                Date.from(Instant.parse("2024-01-01T00:00:00Z")), Date.from(Instant.parse("2034-01-01T00:00:00Z")),
                subject, subjectKey)
                .addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
        if (ca) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        }
        return new JcaX509CertificateConverter().setProvider(VerifyFixtures.BC).getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").setProvider(VerifyFixtures.BC)
                        .build(issuerKeys.getPrivate())));
    }

    private static X509Certificate certificateWithAki(X500Principal issuer, KeyPair issuerKeys, X500Principal subject,
            java.security.PublicKey subjectKey, long serial) throws Exception {
        return certificate(issuer, issuerKeys, subject, subjectKey, serial, false);
    }

    @Test
    void aStaleCrlMakesRevocationUnknownAWarningByDefaultAndDecisiveWhenStrict() {
        TrustStore store = VerifyFixtures.simStore(temp, JULY_2027);
        var evidence = VerifyFixtures.evidence(VerifyFixtures.card(1));
        VerificationPolicy strict = VerificationPolicy.clinicDefault().toBuilder()
                .revocationUnknownLevel(VerificationPolicy.Level.FAIL).build();

        VerificationReport lenient = VerifyFixtures.verifier(store, JULY_2027).verify(evidence);
        VerificationReport decisive = VerifyFixtures.verifier(store, JULY_2027, strict).verify(evidence);

        CheckResult revocation = lenient.check(CheckId.REVOCATION).orElseThrow();
        assertThat(revocation.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(revocation.messageKey()).isEqualTo("pki.revocation.staleCrl");
        assertThat(revocation.subIndication()).contains(SubIndication.REVOCATION_UNKNOWN);
        assertThat(lenient.indication()).isEqualTo(Indication.PASSED);
        assertThat(decisive.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(decisive.subIndication()).contains(SubIndication.REVOCATION_UNKNOWN);
    }

    @Test
    void aRevokedSignerIsStillRevokedWhenTheCrlIsStale() {
        TrustStore store = VerifyFixtures.simStore(temp, JULY_2027);

        VerificationReport report = VerifyFixtures.verifier(store, JULY_2027)
                .verify(VerifyFixtures.evidence(VerifyFixtures.card(1, vn.clinicterm.cardsim.FaultProfile.REVOKED_DSC)));

        assertThat(report.indication()).isEqualTo(Indication.FAILED);
        assertThat(report.subIndication()).contains(SubIndication.REVOKED);
    }

    @Test
    void aStoreWithoutCrlsReportsRevocationUnknown() {
        TrustStore store = VerifyFixtures.crlLessStore(temp, MARCH_2026);
        var evidence = VerifyFixtures.evidence(VerifyFixtures.card(1));
        VerificationPolicy strict = VerificationPolicy.clinicDefault().toBuilder()
                .revocationUnknownLevel(VerificationPolicy.Level.FAIL).build();

        VerificationReport lenient = VerifyFixtures.verifier(store, MARCH_2026).verify(evidence);
        VerificationReport decisive = VerifyFixtures.verifier(store, MARCH_2026, strict).verify(evidence);

        assertThat(lenient.check(CheckId.REVOCATION).orElseThrow().messageKey()).isEqualTo("pki.revocation.noCrl");
        assertThat(lenient.indication()).isEqualTo(Indication.PASSED);
        assertThat(decisive.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(decisive.subIndication()).contains(SubIndication.REVOCATION_UNKNOWN);
    }

    @Test
    void theRealNewZealandSodChainsIntoTheRealMasterListAtSigningTime() throws Exception {
        TrustStore store = TrustStore.open(temp.resolve("store"), VerifyFixtures.clock(MARCH_2026));
        ImportReport imported =
                store.importFile(VerifyFixtures.sharedDir().resolve("trust").resolve("icao-masterlist.ml"));
        assertThat(imported.accepted()).as(imported.message()).isTrue();
        ChipEvidence evidence = VerifyFixtures.bareEvidence(
                Map.of(ChipEvidence.EF_SOD, VerifyFixtures.shared("lds-samples/nz2011/EF_SOD.bin")));

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026).verify(evidence);

        assertThat(report.status(CheckId.SOD_SIGNATURE)).as(report.toString()).isEqualTo(CheckStatus.PASSED);
        assertThat(report.status(CheckId.CERTIFICATE_PATH)).isEqualTo(CheckStatus.PASSED);
        assertThat(report.check(CheckId.CERTIFICATE_PATH).orElseThrow().args().getFirst())
                .contains("Identity Services Passport CA");
        CheckResult validity = report.check(CheckId.CERTIFICATE_VALIDITY).orElseThrow();
        assertThat(validity.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(validity.args().getFirst()).isEqualTo("2011-10-18");
        // no data group was read: the content is not proven
        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).contains(SubIndication.DATA_GROUP_NOT_READ);
    }

    @Test
    void theBsiTestPassportIsIndeterminateForItsUnlistedCscaWithItsHashesVerified() throws Exception {
        TrustStore store = VerifyFixtures.simStore(temp, MARCH_2026);
        Map<Integer, byte[]> files = new LinkedHashMap<>();
        files.put(ChipEvidence.EF_COM, VerifyFixtures.shared("lds-samples/bsi2008/EF_COM.bin"));
        for (int dg : new int[] {1, 2, 3, 4, 14, 15}) {
            files.put(ChipEvidence.dataGroup(dg), VerifyFixtures.shared("lds-samples/bsi2008/Datagroup" + dg + ".bin"));
        }
        files.put(ChipEvidence.EF_SOD, VerifyFixtures.shared("lds-samples/bsi2008/EF_SOD.bin"));
        MrzData mrz = LdsParsers.dg1(files.get(ChipEvidence.dataGroup(1))).orElseThrow();
        ChipEvidence evidence = new ChipEvidence(MARCH_2026, "test", AccessMethod.BAC,
                new AccessKey.Mrz(mrz.documentNumber(), mrz.dateOfBirth(), mrz.dateOfExpiry()), files,
                new ChipAuthentication.None("not attempted"), new ReadStats(0, 0, 0, 0, 0, true));

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026).verify(evidence);

        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).contains(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(report.status(CheckId.SOD_SIGNATURE)).isEqualTo(CheckStatus.PASSED);
        CheckResult hashes = report.check(CheckId.DATA_GROUP_HASHES).orElseThrow();
        assertThat(hashes.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(hashes.args().getFirst()).isEqualTo("DG1, DG2, DG3, DG14");
        assertThat(report.check(CheckId.UNSIGNED_DATA_GROUPS).orElseThrow().args()).containsExactly("DG4, DG15");
        assertThat(report.status(CheckId.MRZ_ACCESS_KEY)).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void theKnownJmrtdCrasherSodIsAFormatFailureNotAnException() {
        TrustStore store = VerifyFixtures.simStore(temp, MARCH_2026);
        ChipEvidence evidence =
                VerifyFixtures.bareEvidence(Map.of(ChipEvidence.EF_SOD, HexFormat.of().parseHex("776D")));

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026).verify(evidence);

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).contains(SubIndication.FORMAT_FAILURE);
    }

    @Test
    void evidenceWithoutAnySodIsAFormatFailure() {
        TrustStore store = VerifyFixtures.simStore(temp, MARCH_2026);

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026).verify(VerifyFixtures.bareEvidence(Map.of()));

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.check(CheckId.SOD_FORMAT).orElseThrow().messageKey()).isEqualTo("sod.format.missing");
    }
}
