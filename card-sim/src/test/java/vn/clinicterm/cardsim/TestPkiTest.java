package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.cardsim.TestPki.Csca;
import vn.clinicterm.cardsim.TestPki.DocumentSigner;

class TestPkiTest {

    private static final Date LATE_2026 = date(2026, 11, 28);

    private final TestPki pki = TestPki.standard();

    @Test
    void theBrainpoolCscaPublishesExplicitDomainParametersNotACurveName() {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(pki.csca(Csca.BRAINPOOL).getPublicKey().getEncoded());

        assertThat(spki.getAlgorithm().getParameters()).isInstanceOf(ASN1Sequence.class);
        assertThat(pki.csca(Csca.BRAINPOOL).getSubjectX500Principal().getName())
                .isEqualTo("CN=CSCA Test ClinicTerm Vietnam,O=ClinicTerm Test PKI,C=VN");
    }

    @Test
    void everyCscaIsASelfSignedCaForCertificatesAndCrls() throws Exception {
        for (Csca csca : Csca.values()) {
            X509Certificate cert = pki.csca(csca);
            cert.verify(cert.getPublicKey(), "BC");
            assertThat(cert.getBasicConstraints()).as(csca.name()).isGreaterThanOrEqualTo(0);
            assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
            assertThat(cert.getKeyUsage()[6]).as("cRLSign").isTrue();
            assertThat(cert.getExtensionValue("2.5.29.14")).as("SKI").isNotNull();
            cert.checkValidity(LATE_2026);
        }
    }

    @Test
    void theSecondCscaIsRsaSignedWithPss() {
        X509Certificate cert = pki.csca(Csca.RSA_PSS);

        assertThat(cert.getSigAlgOID()).isEqualTo("1.2.840.113549.1.1.10");
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void everyDocumentSignerVerifiesUnderItsCscaWithBouncyCastle() throws Exception {
        for (DocumentSigner signer : DocumentSigner.values()) {
            X509CertificateHolder holder = new X509CertificateHolder(pki.documentSigner(signer).getEncoded());
            boolean valid = holder.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider("BC")
                    .build(pki.csca(signer.issuer())));
            assertThat(valid).as(signer.name()).isTrue();
            assertThat(pki.documentSigner(signer).getKeyUsage()[0]).as("digitalSignature").isTrue();
        }
    }

    @Test
    void theExpiredSignerExpiredBeforeLate2026AndTheOthersAreCurrent() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> pki.documentSigner(DocumentSigner.EXPIRED).checkValidity(LATE_2026))
                .isInstanceOf(CertificateExpiredException.class);
        for (DocumentSigner signer : new DocumentSigner[] {DocumentSigner.BRAINPOOL, DocumentSigner.RSA_PSS,
                DocumentSigner.REVOKED, DocumentSigner.UNKNOWN_CSCA}) {
            pki.documentSigner(signer).checkValidity(LATE_2026);
        }
    }

    @Test
    void theCrlIsFreshInLate2026AndListsOnlyTheRevokedSigner() throws Exception {
        var crl = pki.crl();
        crl.verify(pki.csca(Csca.BRAINPOOL).getPublicKey(), "BC");

        assertThat(crl.getThisUpdate()).isEqualTo(date(2026, 1, 1));
        assertThat(crl.getNextUpdate()).isAfter(LATE_2026);
        assertThat(crl.isRevoked(pki.documentSigner(DocumentSigner.REVOKED))).isTrue();
        assertThat(crl.isRevoked(pki.documentSigner(DocumentSigner.BRAINPOOL))).isFalse();
        assertThat(crl.getRevokedCertificates()).hasSize(1);
    }

    @Test
    void theStandardPkiIsGeneratedOncePerJvm() {
        assertThat(TestPki.forSeed(TestPki.STANDARD_SEED)).isSameAs(TestPki.standard());
    }

    @Test
    void exportWritesWhatATrustStoreImportsButNotTheUnknownCsca(@TempDir Path dir) throws Exception {
        pki.exportTo(dir);

        assertThat(dir.resolve("csca-brainpool.der")).hasBinaryContent(pki.csca(Csca.BRAINPOOL).getEncoded());
        assertThat(dir.resolve("csca-rsapss.der")).hasBinaryContent(pki.csca(Csca.RSA_PSS).getEncoded());
        assertThat(Files.readString(dir.resolve("csca-brainpool.pem"))).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(dir.resolve("csca.crl")).hasBinaryContent(pki.crl().getEncoded());
        assertThat(dir.resolve("dsc-revoked.der")).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("unknown")
                    && name.startsWith("csca"));
        }
    }

    private static Date date(int year, int month, int day) {
        return Date.from(LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
