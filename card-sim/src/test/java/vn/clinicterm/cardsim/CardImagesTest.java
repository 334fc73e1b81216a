package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.icao.LDSSecurityObject;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.jmrtd.lds.CardAccessFile;
import org.jmrtd.lds.SODFile;
import org.jmrtd.lds.icao.COMFile;
import org.jmrtd.lds.icao.DG14File;
import org.jmrtd.lds.icao.DG15File;
import org.jmrtd.lds.icao.DG1File;
import org.jmrtd.lds.icao.DG2File;
import org.jmrtd.lds.icao.MRZInfo;
import org.jmrtd.lds.iso19794.FaceImageInfo;
import org.junit.jupiter.api.Test;
import vn.clinicterm.cardsim.TestPki.Csca;
import vn.clinicterm.cardsim.TestPki.DocumentSigner;

class CardImagesTest {

    private static final TestPki PKI = TestPki.standard();
    private static final SimCitizen AN = SyntheticCitizens.citizen(1);

    private static CardImage card(FaultProfile... profiles) {
        return CardImages.build(AN, PKI, profiles.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(profiles)));
    }

    @Test
    void jmrtdParsesEveryFileOfAGenuineCard() throws Exception {
        CardImage card = card();

        assertThat(new COMFile(in(card, CardImage.EF_COM)).getTagList())
                .containsExactly(0x61, 0x75, 0x63, 0x6D, 0x6E, 0x6F);
        assertThat(new CardAccessFile(in(card, CardImage.EF_CARD_ACCESS)).getSecurityInfos()).hasSize(3);
        assertThat(new DG1File(in(card, CardImage.EF_DG1)).getMRZInfo().getDocumentCode()).isEqualTo("ID");
        assertThat(new DG2File(in(card, CardImage.EF_DG2)).getFaceInfos()).hasSize(1);
        DG14File dg14 = new DG14File(in(card, CardImage.EF_DG14));
        assertThat(dg14.getChipAuthenticationInfos()).hasSize(1);
        assertThat(dg14.getChipAuthenticationPublicKeyInfos()).hasSize(1);
        assertThat(dg14.getActiveAuthenticationInfos()).hasSize(1);
        assertThat(dg14.getTerminalAuthenticationInfos()).hasSize(1);
        assertThat(new DG15File(in(card, CardImage.EF_DG15)).getPublicKey().getAlgorithm()).isIn("EC", "ECDSA");
        assertThat(new SODFile(in(card, CardImage.EF_SOD)).getDocSigningCertificate())
                .isEqualTo(PKI.documentSigner(DocumentSigner.BRAINPOOL));
        assertThat(card.file(CardImage.EF_DG3)[0]).isEqualTo((byte) 0x63);
    }

    @Test
    void cardAccessOffersPaceGmOnBrainpoolP256() throws Exception {
        String described = new CardAccessFile(in(card(), CardImage.EF_CARD_ACCESS)).getSecurityInfos().toString();

        assertThat(described).contains("id-PACE-ECDH-GM-AES-CBC-CMAC-128", "version: 2", "BrainpoolP256r1",
                "id-CA-ECDH-AES-CBC-CMAC-128", "id-TA");
    }

    @Test
    void dg1CarriesTheCccdMrz() throws Exception {
        MRZInfo mrz = new DG1File(in(card(), CardImage.EF_DG1)).getMRZInfo();

        assertThat(mrz.getIssuingState()).isEqualTo("VNM");
        assertThat(mrz.getNationality()).isEqualTo("VNM");
        assertThat(mrz.getDocumentNumber()).isEqualTo("085012345");
        assertThat(mrz.getOptionalData1()).isEqualTo("001085012345<<" + MRZInfo.checkDigit("001085012345"));
        assertThat(mrz.getDateOfBirth()).isEqualTo("850312");
        assertThat(mrz.getDateOfExpiry()).isEqualTo(AN.mrzDateOfExpiry()).isEqualTo("450312");
        assertThat(mrz.getPrimaryIdentifier()).isEqualTo("NGUYEN");
        assertThat(mrz.getSecondaryIdentifier()).isEqualTo("VAN AN");
        assertThat(mrz.toString()).startsWith("IDVNM0850123452001085012345<<");
    }

    @Test
    void dg2HoldsARealisticallySizedJpegFace() throws Exception {
        FaceImageInfo face = new DG2File(in(card(), CardImage.EF_DG2)).getFaceInfos().get(0).getFaceImageInfos().get(0);

        assertThat(face.getImageDataType()).isEqualTo(FaceImageInfo.IMAGE_DATA_TYPE_JPEG);
        assertThat(face.getImageLength()).isBetween(15_000, 20_000);
        var image = ImageIO.read(face.getImageInputStream());
        assertThat(image.getWidth()).isEqualTo(240);
        assertThat(image.getHeight()).isEqualTo(320);
    }

    @Test
    void dg13FieldsComeInFieldOrderWithDiacriticsIntact() throws Exception {
        byte[] dg13 = card().file(CardImage.EF_DG13);
        assertThat(dg13[0]).isEqualTo((byte) 0x6D);

        ASN1Sequence content = (ASN1Sequence) new ASN1InputStream(value(dg13)).readObject();
        assertThat(((ASN1Integer) content.getObjectAt(0)).intValueExact()).isEqualTo(1);
        assertThat(content.getObjectAt(1)).isEqualTo(new ASN1ObjectIdentifier("1.0.10646.1.0.8"));
        List<Integer> numbers = new ArrayList<>();
        List<ASN1Encodable> values = new ArrayList<>();
        for (ASN1Encodable field : (ASN1Set) content.getObjectAt(2)) {
            ASN1Sequence pair = (ASN1Sequence) field;
            numbers.add(((ASN1Integer) pair.getObjectAt(0)).intValueExact());
            values.add(pair.getObjectAt(1));
        }

        assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertThat(text(values.get(0))).isEqualTo("001085012345");
        assertThat(text(values.get(1))).isEqualTo("Nguyễn Văn An");
        assertThat(text(values.get(2))).isEqualTo("12/03/1985");
        assertThat(text(values.get(3))).isEqualTo("Nam");
        assertThat(text(values.get(4))).isEqualTo("Việt Nam");
        assertThat(text(values.get(7))).isEqualTo(AN.placeOfOrigin());
        assertThat(text(values.get(8))).isEqualTo(AN.residence());
        assertThat(text(values.get(10))).isEqualTo("09/06/2025");
        assertThat(text(values.get(11))).isEqualTo("12/03/2045");
        ASN1Sequence parents = (ASN1Sequence) values.get(12);
        assertThat(text(parents.getObjectAt(0))).isEqualTo(AN.fatherName());
        assertThat(text(parents.getObjectAt(1))).isEqualTo(AN.motherName());
        assertThat(text(((ASN1Sequence) values.get(13)).getObjectAt(0))).isEqualTo(AN.spouseName().orElseThrow());
        assertThat(text(values.get(14))).isEqualTo(AN.oldIdNumber().orElseThrow());
        assertThat(new String(dg13, StandardCharsets.UTF_8)).contains("Nguyễn Văn An");
    }

    @Test
    void dg13OfACardWithoutExpiryOrSpouseSaysSo() throws Exception {
        SimCitizen elder = SyntheticCitizens.citizen(5);
        byte[] dg13 = CardImages.build(elder, PKI, Set.of()).file(CardImage.EF_DG13);

        String text = new String(dg13, StandardCharsets.UTF_8);
        assertThat(text).contains("Không thời hạn");
    }

    @Test
    void sodHashesMatchTheServedBytesOfEveryDataGroup() throws Exception {
        CardImage card = card();
        Map<Integer, byte[]> hashes = new SODFile(in(card, CardImage.EF_SOD)).getDataGroupHashes();

        assertThat(hashes).containsOnlyKeys(1, 2, 3, 13, 14, 15);
        for (Map.Entry<Integer, byte[]> hash : hashes.entrySet()) {
            assertThat(hash.getValue()).as("DG%d", hash.getKey()).isEqualTo(sha256(card.file(fid(hash.getKey()))));
        }
    }

    @Test
    void sodSignatureVerifiesWithBouncyCastleCms() throws Exception {
        CMSSignedData sod = cms(card());
        SignerInformation signer = sod.getSignerInfos().getSigners().iterator().next();

        assertThat(verify(sod)).isTrue();
        assertThat(sod.getSignedContentTypeOID()).isEqualTo("2.23.136.1.1.1");
        assertThat(signer.getSID().getIssuer()).isNotNull();
        assertThat(signer.getSID().getSerialNumber()).isEqualTo(PKI.documentSigner(DocumentSigner.BRAINPOOL).getSerialNumber());
        assertThat(signer.getSignedAttributes().toASN1EncodableVector().size()).isEqualTo(3);
        assertThat(signer.getSignedAttributes().get(CMSAttributes.signingTime)).isNotNull();
        assertThat(signer.getEncryptionAlgOID()).isEqualTo("1.2.840.10045.4.3.2"); // ecdsa-with-SHA256
        LDSSecurityObject lds = LDSSecurityObject.getInstance((byte[]) sod.getSignedContent().getContent());
        assertThat(lds.getVersion()).isZero();
    }

    @Test
    void buildingTheSameCardTwiceGivesTheSameBytes() {
        CardImage first = card();
        CardImage second = card();

        first.files().forEach((fid, bytes) -> assertThat(second.file(fid)).as("%04X", fid).isEqualTo(bytes));
    }

    @Test
    void aTamperedCardServesChangedDg1AndDg13UnderTheGenuineHashes() throws Exception {
        CardImage genuine = card();
        CardImage tampered = card(FaultProfile.TAMPERED_DG);
        Map<Integer, byte[]> hashes = new SODFile(in(tampered, CardImage.EF_SOD)).getDataGroupHashes();

        assertThat(hashes.get(1)).isEqualTo(sha256(genuine.file(CardImage.EF_DG1)))
                .isNotEqualTo(sha256(tampered.file(CardImage.EF_DG1)));
        assertThat(hashes.get(13)).isNotEqualTo(sha256(tampered.file(CardImage.EF_DG13)));
        assertThat(hashes.get(2)).isEqualTo(sha256(tampered.file(CardImage.EF_DG2)));
        MRZInfo mrz = new DG1File(in(tampered, CardImage.EF_DG1)).getMRZInfo();
        assertThat(mrz.getSecondaryIdentifier()).isEqualTo("WAN AN");
        assertThat(mrz.getDocumentNumber()).isEqualTo("085012345");
        assertThat(verify(cms(tampered))).isTrue();
    }

    @Test
    void aBadSodSignatureStillParsesButDoesNotVerify() throws Exception {
        CardImage card = card(FaultProfile.BAD_SOD_SIGNATURE);

        assertThat(new SODFile(in(card, CardImage.EF_SOD)).getDataGroupHashes()).hasSize(6);
        assertThat(verify(cms(card))).isFalse();
    }

    @Test
    void signerProfilesPickTheirDocumentSigner() throws Exception {
        assertThat(signerOf(card(FaultProfile.UNKNOWN_CSCA))).isEqualTo(PKI.documentSigner(DocumentSigner.UNKNOWN_CSCA));
        assertThat(PKI.documentSigner(DocumentSigner.UNKNOWN_CSCA).getIssuerX500Principal())
                .isEqualTo(PKI.csca(Csca.UNKNOWN).getSubjectX500Principal());
        assertThat(signerOf(card(FaultProfile.REVOKED_DSC))).isEqualTo(PKI.documentSigner(DocumentSigner.REVOKED));
        assertThat(PKI.crl().isRevoked(signerOf(card(FaultProfile.REVOKED_DSC)))).isTrue();
        for (FaultProfile profile : List.of(FaultProfile.UNKNOWN_CSCA, FaultProfile.REVOKED_DSC,
                FaultProfile.EXPIRED_DSC, FaultProfile.RSA_PSS)) {
            assertThat(verify(cms(card(profile)))).as(profile.name()).isTrue();
        }
    }

    @Test
    void theExpiredSignerSignedWhileItWasStillValid() throws Exception {
        CardImage card = card(FaultProfile.EXPIRED_DSC);
        var dsc = signerOf(card);
        SignerInformation signer = cms(card).getSignerInfos().getSigners().iterator().next();
        Attribute signingTime = signer.getSignedAttributes().get(CMSAttributes.signingTime);

        assertThat(dsc).isEqualTo(PKI.documentSigner(DocumentSigner.EXPIRED));
        dsc.checkValidity(Time.getInstance(signingTime.getAttrValues().getObjectAt(0)).getDate());
    }

    @Test
    void theRsaPssProfileSignsWithPssUnderTheRsaCsca() throws Exception {
        CardImage card = card(FaultProfile.RSA_PSS);
        SignerInformation signer = cms(card).getSignerInfos().getSigners().iterator().next();

        assertThat(signerOf(card)).isEqualTo(PKI.documentSigner(DocumentSigner.RSA_PSS));
        assertThat(signer.getEncryptionAlgOID()).isEqualTo("1.2.840.113549.1.1.10");
    }

    @Test
    void aMalformedDg13IsServableButNotParseable() {
        byte[] dg13 = card(FaultProfile.MALFORMED_DG13).file(CardImage.EF_DG13);

        assertThat(dg13[0]).isEqualTo((byte) 0x6D);
        assertThat(outerTlvIsSound(dg13)).isTrue();
        assertThat(catchThrowable(() -> new ASN1InputStream(value(dg13)).readObject())).isNotNull();
    }

    @Test
    void aMalformedSodIsServableButNotParseable() {
        byte[] sod = card(FaultProfile.MALFORMED_SOD).file(CardImage.EF_SOD);

        assertThat(sod[0]).isEqualTo((byte) 0x77);
        assertThat(outerTlvIsSound(sod)).isTrue();
        assertThat(catchThrowable(() -> new SODFile(new ByteArrayInputStream(sod)).getDataGroupHashes())).isNotNull();
    }

    @Test
    void aPassportLikeChipHasNeitherCardAccessNorDg13() throws Exception {
        CardImage card = card(FaultProfile.NO_PACE);

        assertThat(card.file(CardImage.EF_CARD_ACCESS)).isNull();
        assertThat(card.file(CardImage.EF_DG13)).isNull();
        assertThat(new COMFile(in(card, CardImage.EF_COM)).getTagList()).doesNotContain(0x6D);
        assertThat(new SODFile(in(card, CardImage.EF_SOD)).getDataGroupHashes()).doesNotContainKey(13);
    }

    @Test
    void theRsaAaProfilePublishesAnRsa2048KeyAndNoAaInfo() throws Exception {
        CardImage card = card(FaultProfile.RSA_AA);

        var key = new DG15File(in(card, CardImage.EF_DG15)).getPublicKey();
        assertThat(key).isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) key).getModulus().bitLength()).isEqualTo(2048);
        assertThat(card.activeAuthenticationKey().getPublic()).isEqualTo(key);
        assertThat(new DG14File(in(card, CardImage.EF_DG14)).getActiveAuthenticationInfos()).isEmpty();
    }

    @Test
    void aGenuineChipHoldsTheKeysItsFilesPublish() throws Exception {
        CardImage card = card();

        var published = new DG14File(in(card, CardImage.EF_DG14)).getChipAuthenticationPublicKeyInfos().get(0)
                .getSubjectPublicKey();

        // JMRTD hands keys back with explicit curve parameters: compare the points
        assertThat(((ECPublicKey) card.chipAuthenticationKey().getPublic()).getW())
                .isEqualTo(((ECPublicKey) published).getW());
        assertThat(((ECPublicKey) card.activeAuthenticationKey().getPublic()).getW())
                .isEqualTo(((ECPublicKey) new DG15File(in(card, CardImage.EF_DG15)).getPublicKey()).getW());
    }

    @Test
    void aCloneServesTheGenuineFilesWithOtherKeys() {
        CardImage genuine = card();
        CardImage clone = card(FaultProfile.CLONE);

        assertThat(clone.file(CardImage.EF_DG14)).isEqualTo(genuine.file(CardImage.EF_DG14));
        assertThat(clone.file(CardImage.EF_DG15)).isEqualTo(genuine.file(CardImage.EF_DG15));
        assertThat(clone.chipAuthenticationKey().getPublic()).isNotEqualTo(genuine.chipAuthenticationKey().getPublic());
        assertThat(clone.activeAuthenticationKey().getPublic())
                .isNotEqualTo(genuine.activeAuthenticationKey().getPublic());
    }

    @Test
    void theJpeg2000FaceNeedsAnEncoderOnTheClassPath() throws Exception {
        if (ImageIO.getImageWritersByFormatName("jpeg2000").hasNext()) {
            FaceImageInfo face = new DG2File(in(card(FaultProfile.JPEG2000), CardImage.EF_DG2))
                    .getFaceInfos().get(0).getFaceImageInfos().get(0);
            assertThat(face.getImageDataType()).isEqualTo(FaceImageInfo.IMAGE_DATA_TYPE_JPEG2000);
        } else {
            assertThatThrownBy(() -> card(FaultProfile.JPEG2000)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void everyCatalogueCitizenGetsACardJmrtdCanRead() throws Exception {
        for (int n = 1; n <= SyntheticCitizens.count(); n++) {
            SimCitizen citizen = SyntheticCitizens.citizen(n);
            CardImage card = CardImages.build(citizen, PKI, Set.of());
            MRZInfo mrz = new DG1File(in(card, CardImage.EF_DG1)).getMRZInfo();
            assertThat(mrz.getDocumentNumber()).isEqualTo(citizen.documentNumber());
            assertThat(mrz.getDateOfExpiry()).isEqualTo(citizen.mrzDateOfExpiry());
            assertThat(new SODFile(in(card, CardImage.EF_SOD)).getDataGroupHashes().get(13))
                    .isEqualTo(sha256(card.file(CardImage.EF_DG13)));
        }
    }

    private static ByteArrayInputStream in(CardImage card, short fid) {
        byte[] bytes = card.file(fid);
        assertThat(bytes).as("file %04X", fid).isNotNull();
        return new ByteArrayInputStream(bytes);
    }

    private static short fid(int dataGroup) {
        return (short) (0x0100 + dataGroup);
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static CMSSignedData cms(CardImage card) throws Exception {
        return new CMSSignedData(value(card.file(CardImage.EF_SOD)));
    }

    private static boolean verify(CMSSignedData sod) throws Exception {
        SignerInformation signer = sod.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        X509CertificateHolder certificate =
                (X509CertificateHolder) sod.getCertificates().getMatches(signer.getSID()).iterator().next();
        return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider("BC").build(certificate));
    }

    private static java.security.cert.X509Certificate signerOf(CardImage card) throws Exception {
        return new SODFile(in(card, CardImage.EF_SOD)).getDocSigningCertificate();
    }

    private static String text(ASN1Encodable value) {
        return ((ASN1String) value).getString();
    }

    /** The value of a TLV with a one-byte tag. */
    private static byte[] value(byte[] tlv) {
        return Arrays.copyOfRange(tlv, headerLength(tlv), tlv.length);
    }

    private static int headerLength(byte[] tlv) {
        int first = tlv[1] & 0xFF;
        return first < 0x80 ? 2 : 2 + (first & 0x7F);
    }

    private static boolean outerTlvIsSound(byte[] tlv) {
        int first = tlv[1] & 0xFF;
        int length = first;
        if (first >= 0x80) {
            length = 0;
            for (int i = 0; i < (first & 0x7F); i++) {
                length = (length << 8) | (tlv[2 + i] & 0xFF);
            }
        }
        return headerLength(tlv) + length == tlv.length;
    }
}
