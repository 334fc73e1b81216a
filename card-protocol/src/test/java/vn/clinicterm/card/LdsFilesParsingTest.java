package vn.clinicterm.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.cardsim.TestPki;

/** Real files from test documents (shared LDS samples) and the simulated CCCD's files. */
class LdsFilesParsingTest {

    @Test
    void theGermanTestPassportsDg1IsATd3Mrz() {
        MrzData mrz = LdsParsers.dg1(TestFiles.sample("bsi2008/Datagroup1.bin")).orElseThrow();

        assertThat(mrz.documentCode()).isEqualTo("P");
        assertThat(mrz.issuingState()).isEqualTo("D");
        assertThat(mrz.documentNumber()).isEqualTo("C11T002JM");
        assertThat(mrz.dateOfBirth()).isEqualTo("960812");
        assertThat(mrz.dateOfExpiry()).isEqualTo("131031");
        assertThat(mrz.gender()).isEqualTo("F");
        assertThat(mrz.name()).isEqualTo("MUSTERMANN ERIKA");
        assertThat(mrz.fullIdNumber()).isEmpty();
    }

    @Test
    void theDutchSpecimensDg1HasTwoGivenNamesAndAPersonalNumber() {
        MrzData mrz = LdsParsers.dg1(TestFiles.sample("nl-sdu2006/Datagroup1.bin")).orElseThrow();

        assertThat(mrz.issuingState()).isEqualTo("NLD");
        assertThat(mrz.documentNumber()).isEqualTo("XX0001328");
        assertThat(mrz.secondaryIdentifiers()).containsExactly("LOES", "ALBERTINE");
        assertThat(mrz.name()).isEqualTo("MEULENDIJK LOES ALBERTINE");
        assertThat(mrz.optionalData1()).isEqualTo("123456789");
        assertThat(mrz.fullIdNumber()).isEmpty();
    }

    @Test
    void aCccdDg1IsATd1MrzWithTheFullIdInItsOptionalData() {
        MrzData mrz = LdsParsers.dg1(TestFiles.card(1).file(CardImage.EF_DG1)).orElseThrow();

        assertThat(mrz.documentCode()).isEqualTo("ID");
        assertThat(mrz.issuingState()).isEqualTo("VNM");
        assertThat(mrz.documentNumber()).isEqualTo("085012345");
        assertThat(mrz.dateOfBirth()).isEqualTo("850312");
        assertThat(mrz.dateOfExpiry()).isEqualTo("450312");
        assertThat(mrz.gender()).isEqualTo("M");
        assertThat(mrz.name()).isEqualTo("NGUYEN VAN AN");
        assertThat(mrz.fullIdNumber()).contains("001085012345");
        assertThat(mrz.toString()).doesNotContain("NGUYEN", "085012345");
    }

    @Test
    void realDg2FacesAreJpeg2000AndDecode() {
        for (String file : List.of("bsi2008/Datagroup2.bin", "nl-sdu2006/Datagroup2.bin")) {
            FaceImage face = LdsParsers.dg2(TestFiles.sample(file)).orElseThrow();

            assertThat(face.mimeType()).as(file).isEqualTo(FaceImage.JPEG_2000);
            assertThat(face.width()).as(file).isPositive();
            BufferedImage image = face.decode();
            // The German sample's header states 337x449 for a 413x531 image: headers are not to be trusted.
            assertThat(image.getWidth()).as(file).isGreaterThan(300);
            assertThat(image.getHeight()).as(file).isGreaterThan(400);
        }
    }

    @Test
    void theIcaoSilverFaceDecodesAsJpeg2000() {
        BufferedImage image = new FaceImage(FaceImage.JPEG_2000, TestFiles.sample("icao-spec/face-silver.jp2"), 0, 0)
                .decode();

        assertThat(image.getWidth()).isEqualTo(413);
        assertThat(image.getHeight()).isEqualTo(531);
    }

    @Test
    void theSimulatedFaceIsAJpegThatDecodes() {
        FaceImage face = LdsParsers.dg2(TestFiles.card(1).file(CardImage.EF_DG2)).orElseThrow();

        assertThat(face.mimeType()).isEqualTo(FaceImage.JPEG);
        assertThat(face.width()).isEqualTo(240);
        assertThat(face.height()).isEqualTo(320);
        assertThat(face.decode().getWidth()).isEqualTo(240);
    }

    @Test
    void aFaceThatIsNotAnImageFailsToDecodeWithAClearException() {
        FaceImage junk = new FaceImage(FaceImage.JPEG_2000, new byte[] {0, 0, 0, 12, 'j', 'P', ' ', ' ', 1, 2}, 1, 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(junk::decode)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("image/jp2");
    }

    @Test
    void comFilesListTheirDataGroups() {
        ComData german = LdsParsers.com(TestFiles.sample("bsi2008/EF_COM.bin")).orElseThrow();
        ComData dutch = LdsParsers.com(TestFiles.sample("nl-sdu2006/EF_COM.bin")).orElseThrow();
        ComData cccd = LdsParsers.com(TestFiles.card(1).file(CardImage.EF_COM)).orElseThrow();

        assertThat(german.ldsVersion()).isEqualTo("1.7");
        assertThat(german.dataGroups()).containsExactly(1, 2, 3, 14);
        assertThat(dutch.dataGroups()).contains(1, 2, 15);
        assertThat(cccd.tags()).containsExactly(0x61, 0x75, 0x63, 0x6D, 0x6E, 0x6F);
        assertThat(cccd.dataGroups()).containsExactly(1, 2, 3, 13, 14, 15);
        assertThat(cccd.unicodeVersion()).isEqualTo("4.0.0");
    }

    @Test
    void theGermanSodHashesDataGroupsOneTwoThreeAndFourteenWithSha1() throws Exception {
        SodData sod = LdsParsers.sod(TestFiles.sample("bsi2008/EF_SOD.bin")).orElseThrow();

        assertThat(sod.dataGroupHashes()).containsOnlyKeys(1, 2, 3, 14);
        assertThat(sod.digestAlgorithm()).isEqualTo("SHA-1");
        assertThat(sod.signatureAlgorithmOid()).startsWith("1.2.840.10045.4."); // ECDSA
        assertThat(sod.signerCertificate()).isPresent();
        assertThat(sod.signerCertificate().get().getIssuerX500Principal().getName()).contains("CSCA BDR TEST");
        byte[] dg1 = TestFiles.sample("bsi2008/Datagroup1.bin");
        assertThat(sod.hashOf(1)).hasValueSatisfying(hash ->
                assertThat(hash).isEqualTo(sha("SHA-1", dg1)));
    }

    @Test
    void theDutchAndNewZealandSodsAreRsaSha256() throws Exception {
        SodData dutch = LdsParsers.sod(TestFiles.sample("nl-sdu2006/EF_SOD.bin")).orElseThrow();
        SodData nz = LdsParsers.sod(TestFiles.sample("nz2011/EF_SOD.bin")).orElseThrow();

        assertThat(dutch.dataGroupHashes()).containsOnlyKeys(1, 2, 15);
        assertThat(dutch.digestAlgorithm()).isEqualTo("SHA-256");
        assertThat(dutch.hashOf(15)).hasValueSatisfying(hash ->
                assertThat(hash).isEqualTo(sha("SHA-256", TestFiles.sample("nl-sdu2006/Datagroup15.bin"))));
        assertThat(nz.digestAlgorithm()).isEqualTo("SHA-256");
        assertThat(nz.signerCertificate()).hasValueSatisfying(cert ->
                assertThat(cert.getSubjectX500Principal().getName()).contains("Document Signer 201106300002"));
        assertThat(nz.securityObjectOid()).isIn("2.23.136.1.1.1", "1.3.27.1.1.1");
    }

    @Test
    void theSimulatedSodHashesEveryServedFileAndKeepsTheContentInfoBytes() throws Exception {
        CardImage card = TestFiles.card(1);
        byte[] file = card.file(CardImage.EF_SOD);

        SodData sod = LdsParsers.sod(file).orElseThrow();

        assertThat(sod.dataGroupHashes()).containsOnlyKeys(1, 2, 3, 13, 14, 15);
        assertThat(sod.hashOf(13)).hasValueSatisfying(hash ->
                assertThat(hash).isEqualTo(sha("SHA-256", card.file(CardImage.EF_DG13))));
        assertThat(sod.digestAlgorithmOid()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(sod.signerCertificate()).contains(TestPki.standard().documentSigner(TestPki.DocumentSigner.BRAINPOOL));
        assertThat(sod.signatureAlgorithmOid()).isEqualTo("1.2.840.10045.4.3.2");
        byte[] contentInfo = sod.contentInfo();
        assertThat(contentInfo).isEqualTo(java.util.Arrays.copyOfRange(file, file.length - contentInfo.length,
                file.length));
        assertThat(contentInfo[0]).isEqualTo((byte) 0x30);
    }

    @Test
    void aSodUnderTheOldSecurityObjectOidIsAccepted() throws Exception {
        byte[] file = oldOidSod();

        SodData sod = LdsParsers.sod(file).orElseThrow();

        assertThat(sod.securityObjectOid()).isEqualTo("1.3.27.1.1.1");
        assertThat(sod.dataGroupHashes()).containsOnlyKeys(1, 2);
        assertThat(sod.ldsVersion()).isEmpty();
    }

    /** An SOD as some early passports wrote it: eContentType 1.3.27.1.1.1, LDS security object version 0. */
    private static byte[] oldOidSod() throws Exception {
        TestPki pki = TestPki.standard();
        org.bouncycastle.asn1.icao.LDSSecurityObject lds = new org.bouncycastle.asn1.icao.LDSSecurityObject(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                        org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256),
                new org.bouncycastle.asn1.icao.DataGroupHash[] {
                    new org.bouncycastle.asn1.icao.DataGroupHash(1, new org.bouncycastle.asn1.DEROctetString(new byte[32])),
                    new org.bouncycastle.asn1.icao.DataGroupHash(2, new org.bouncycastle.asn1.DEROctetString(new byte[32]))});
        var generator = new org.bouncycastle.cms.CMSSignedDataGenerator();
        var provider = new org.bouncycastle.jce.provider.BouncyCastleProvider();
        generator.addSignerInfoGenerator(new org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder(
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().setProvider(provider).build())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(provider)
                        .build(pki.documentSignerPrivateKey(TestPki.DocumentSigner.BRAINPOOL)),
                        pki.documentSigner(TestPki.DocumentSigner.BRAINPOOL)));
        byte[] contentInfo = generator.generate(new org.bouncycastle.cms.CMSProcessableByteArray(
                new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.27.1.1.1"), lds.getEncoded("DER")), true)
                .getEncoded("DER");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x77);
        out.write(0x82);
        out.write(contentInfo.length >> 8);
        out.write(contentInfo.length);
        out.write(contentInfo);
        return out.toByteArray();
    }

    @Test
    void dg14sGiveChipAuthenticationKeysAndInfos() {
        Dg14Data german = LdsParsers.dg14(TestFiles.sample("bsi2008/Datagroup14.bin")).orElseThrow();
        Dg14Data icao = LdsParsers.dg14(TestFiles.sample("icao-spec/Datagroup14.bin")).orElseThrow();
        Dg14Data cccd = LdsParsers.dg14(TestFiles.card(1).file(CardImage.EF_DG14)).orElseThrow();

        assertThat(german.chipAuthenticationKeys()).singleElement().satisfies(key -> {
            assertThat(key.publicKey()).isInstanceOf(ECPublicKey.class);
            assertThat(key.protocolOid()).isEqualTo("0.4.0.127.0.7.2.2.1.2");
            assertThat(key.keyId()).isEmpty();
        });
        assertThat(german.chipAuthenticationInfos()).singleElement()
                .satisfies(info -> assertThat(info.version()).isEqualTo(1));
        assertThat(german.activeAuthenticationAlgorithmOid()).isEmpty();

        assertThat(icao.chipAuthenticationKeys()).singleElement()
                .satisfies(key -> assertThat(key.protocolOid()).isEqualTo("0.4.0.127.0.7.2.2.1.1")); // id-PK-DH

        assertThat(cccd.chipAuthenticationKeys()).singleElement().satisfies(key ->
                assertThat(((ECPublicKey) key.publicKey()).getW()).isEqualTo(
                        ((ECPublicKey) TestFiles.card(1).chipAuthenticationKey().getPublic()).getW()));
        assertThat(cccd.chipAuthenticationInfos()).singleElement()
                .satisfies(info -> assertThat(info.oid()).isEqualTo("0.4.0.127.0.7.2.2.3.2.2"));
        assertThat(cccd.activeAuthenticationAlgorithmOid()).contains("0.4.0.127.0.7.1.1.4.1.3");
    }

    @Test
    void aCccdWithRsaActiveAuthenticationHasNoActiveAuthenticationInfo() {
        Dg14Data dg14 = LdsParsers.dg14(TestFiles.card(2, FaultProfile.RSA_AA).file(CardImage.EF_DG14))
                .orElseThrow();

        assertThat(dg14.activeAuthenticationAlgorithmOid()).isEmpty();
        assertThat(LdsParsers.dg15(TestFiles.card(2, FaultProfile.RSA_AA).file(CardImage.EF_DG15)).orElseThrow())
                .isInstanceOf(RSAPublicKey.class);
    }

    @Test
    void dg15sGiveTheActiveAuthenticationKey() {
        PublicKey german = LdsParsers.dg15(TestFiles.sample("bsi2008/Datagroup15.bin")).orElseThrow();
        PublicKey dutch = LdsParsers.dg15(TestFiles.sample("nl-sdu2006/Datagroup15.bin")).orElseThrow();
        PublicKey cccd = LdsParsers.dg15(TestFiles.card(1).file(CardImage.EF_DG15)).orElseThrow();

        assertThat(german).isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) dutch).getModulus().bitLength()).isGreaterThan(512);
        assertThat(((ECPublicKey) cccd).getW())
                .isEqualTo(((ECPublicKey) TestFiles.card(1).activeAuthenticationKey().getPublic()).getW());
    }

    @Test
    void aPassportLikeSimulatedChipParsesWithoutDg13() {
        CardImage card = TestFiles.card(7, FaultProfile.NO_PACE);
        SimCitizen citizen = SyntheticCitizens.citizen(7);

        assertThat(card.file(CardImage.EF_DG13)).isNull();
        assertThat(LdsParsers.com(card.file(CardImage.EF_COM)).orElseThrow().dataGroups()).doesNotContain(13);
        assertThat(LdsParsers.dg1(card.file(CardImage.EF_DG1)).orElseThrow().fullIdNumber())
                .contains(citizen.idNumber());
        assertThat(LdsParsers.sod(card.file(CardImage.EF_SOD)).orElseThrow().dataGroupHashes())
                .doesNotContainKey(13);
    }

    private static byte[] sha(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
