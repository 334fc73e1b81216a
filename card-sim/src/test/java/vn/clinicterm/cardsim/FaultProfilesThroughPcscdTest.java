package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import javax.smartcardio.Card;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import net.sf.scuba.smartcards.CardServiceException;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jmrtd.lds.SODFile;
import org.jmrtd.lds.icao.DG2File;
import org.junit.jupiter.api.Test;

/** Every fault profile, observed from the terminal side (JMRTD or raw APDUs) through the real PC/SC stack. */
class FaultProfilesThroughPcscdTest {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static SimCard card(FaultProfile... profiles) {
        SimCard.Builder builder = SimCard.builder().citizen(8);
        for (FaultProfile p : profiles) {
            builder.profile(p);
        }
        return builder.build();
    }

    /** Reads SOD and one DG after PACE-CAN. */
    private static byte[][] readSodAnd(SimCard card, short fid) throws Exception {
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.paceWithCan(card.citizen().can());
            return new byte[][] {session.readFile(CardImage.EF_SOD), session.readFile(fid)};
        }
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static CMSSignedData cms(byte[] sodFile) throws Exception {
        // strip the application tag 77 and its length
        ASN1InputStream in = new ASN1InputStream(sodFile);
        byte[] content = ((org.bouncycastle.asn1.ASN1TaggedObject) in.readObject()).getBaseObject().toASN1Primitive()
                .getEncoded();
        return new CMSSignedData(content);
    }

    private static boolean signatureVerifies(byte[] sodFile) throws Exception {
        CMSSignedData signed = cms(sodFile);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        X509Certificate dsc = new SODFile(new ByteArrayInputStream(sodFile)).getDocSigningCertificate();
        return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(dsc));
    }

    @Test
    void aGenuineCardHasMatchingHashesAndAGoodSignature() throws Exception {
        byte[][] files = readSodAnd(card(), CardImage.EF_DG1);
        SODFile sod = new SODFile(new ByteArrayInputStream(files[0]));
        assertThat(sod.getDataGroupHashes().get(1)).isEqualTo(sha256(files[1]));
        assertThat(signatureVerifies(files[0])).isTrue();
    }

    @Test
    void tamperedDataGroupShowsAHashMismatch() throws Exception {
        byte[][] files = readSodAnd(card(FaultProfile.TAMPERED_DG), CardImage.EF_DG1);
        SODFile sod = new SODFile(new ByteArrayInputStream(files[0]));
        assertThat(sod.getDataGroupHashes().get(1)).isNotEqualTo(sha256(files[1]));
        assertThat(signatureVerifies(files[0])).isTrue();
    }

    @Test
    void badSodSignatureDoesNotVerify() throws Exception {
        byte[][] files = readSodAnd(card(FaultProfile.BAD_SOD_SIGNATURE), CardImage.EF_DG1);
        SODFile sod = new SODFile(new ByteArrayInputStream(files[0]));
        assertThat(sod.getDataGroupHashes().get(1)).isEqualTo(sha256(files[1]));
        boolean verifies;
        try {
            verifies = signatureVerifies(files[0]);
        } catch (org.bouncycastle.cms.CMSException e) {
            verifies = false;
        }
        assertThat(verifies).isFalse();
    }

    @Test
    void signerUnderAnUnknownCscaDoesNotChainToTheTestCsca() throws Exception {
        byte[][] files = readSodAnd(card(FaultProfile.UNKNOWN_CSCA), CardImage.EF_DG1);
        X509Certificate dsc = new SODFile(new ByteArrayInputStream(files[0])).getDocSigningCertificate();
        X509Certificate csca = TestPki.standard().csca(TestPki.Csca.BRAINPOOL);
        assertThat(dsc.getIssuerX500Principal()).isNotEqualTo(csca.getSubjectX500Principal());
        assertThatThrownBy(() -> dsc.verify(csca.getPublicKey(), BC)).isInstanceOf(Exception.class);
    }

    @Test
    void expiredSignerCertificateIsPastItsValidity() throws Exception {
        byte[][] files = readSodAnd(card(FaultProfile.EXPIRED_DSC), CardImage.EF_DG1);
        X509Certificate dsc = new SODFile(new ByteArrayInputStream(files[0])).getDocSigningCertificate();
        assertThat(dsc.getNotAfter().toInstant()).isBefore(Instant.parse("2026-11-28T00:00:00Z"));
        dsc.verify(TestPki.standard().csca(TestPki.Csca.BRAINPOOL).getPublicKey(), BC);
    }

    @Test
    void revokedSignerCertificateIsOnTheCscaRevocationList() throws Exception {
        byte[][] files = readSodAnd(card(FaultProfile.REVOKED_DSC), CardImage.EF_DG1);
        X509Certificate dsc = new SODFile(new ByteArrayInputStream(files[0])).getDocSigningCertificate();
        X509CRL crl = TestPki.standard().crl();
        assertThat(crl.isRevoked(dsc)).isTrue();
        byte[][] genuine = readSodAnd(card(), CardImage.EF_DG1);
        assertThat(crl.isRevoked(new SODFile(new ByteArrayInputStream(genuine[0])).getDocSigningCertificate()))
                .isFalse();
    }

    @Test
    void rsaPssProfileSignsTheSodWithRsassaPss() throws Exception {
        byte[][] files = readSodAnd(card(FaultProfile.RSA_PSS), CardImage.EF_DG1);
        SignerInformation signer = cms(files[0]).getSignerInfos().getSigners().iterator().next();
        assertThat(signer.getEncryptionAlgOID()).isEqualTo("1.2.840.113549.1.1.10");
        assertThat(signatureVerifies(files[0])).isTrue();
    }

    @Test
    void malformedDg13IsServedAsIsButDoesNotParse() throws Exception {
        SimCard card = card(FaultProfile.MALFORMED_DG13);
        byte[][] files = readSodAnd(card, CardImage.EF_DG13);
        assertThat(files[1]).isEqualTo(card.image().file(CardImage.EF_DG13));
        assertThatThrownBy(() -> {
            try (ASN1InputStream in = new ASN1InputStream(files[1])) {
                org.bouncycastle.asn1.ASN1Primitive outer = in.readObject();
                ((org.bouncycastle.asn1.ASN1TaggedObject) outer).getBaseObject().toASN1Primitive();
                org.bouncycastle.asn1.ASN1Sequence.getInstance(
                        ((org.bouncycastle.asn1.ASN1TaggedObject) outer).getBaseObject()).getObjects();
                // the inner structure must be walked to notice the broken length
                for (var e : org.bouncycastle.asn1.ASN1Sequence.getInstance(
                        ((org.bouncycastle.asn1.ASN1TaggedObject) outer).getBaseObject())) {
                    e.toASN1Primitive().getEncoded();
                }
            }
        }).isInstanceOf(Exception.class);
    }

    @Test
    void malformedSodIsServedAsIsButJmrtdCannotParseIt() throws Exception {
        SimCard card = card(FaultProfile.MALFORMED_SOD);
        byte[][] files = readSodAnd(card, CardImage.EF_DG1);
        assertThat(files[0]).isEqualTo(card.image().file(CardImage.EF_SOD));
        assertThatThrownBy(() -> new SODFile(new ByteArrayInputStream(files[0]))).isInstanceOf(Exception.class);
    }

    @Test
    void jpeg2000ProfileCarriesAJpeg2000Face() throws Exception {
        byte[][] files = readSodAnd(card(FaultProfile.JPEG2000), CardImage.EF_DG2);
        DG2File dg2 = new DG2File(new ByteArrayInputStream(files[1]));
        assertThat(dg2.getFaceInfos().get(0).getFaceImageInfos().get(0).getMimeType()).isEqualTo("image/jp2");
    }

    @Test
    void passportLikeChipHasNoCardAccessAndNoDg13ButReadsWithBac() throws Exception {
        SimCard card = card(FaultProfile.NO_PACE);
        assertThat(card.image().file(CardImage.EF_CARD_ACCESS)).isNull();
        assertThat(card.image().file(CardImage.EF_DG13)).isNull();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            assertThatThrownBy(session::cardAccess).isInstanceOf(CardServiceException.class);
        }
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.bac(card.citizen());
            assertThat(session.readFile(CardImage.EF_DG1)).isEqualTo(card.image().file(CardImage.EF_DG1));
        }
    }

    @Test
    void noExtendedLengthRefusesExtendedApdusWith6700() throws Exception {
        byte[] extendedSelect = {0x00, (byte) 0xA4, 0x04, 0x0C, 0x00, 0x00, 0x07,
            (byte) 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
        assertThat(rawSw(card(), extendedSelect)).isEqualTo(0x9000);
        assertThat(rawSw(card(FaultProfile.NO_EXTENDED_LENGTH), extendedSelect)).isEqualTo(0x6700);
    }

    @Test
    void noExtendedLengthStillServesJmrtdWhichFallsBackToShortReads() throws Exception {
        SimCard card = card(FaultProfile.NO_EXTENDED_LENGTH);
        ApduTrace trace = ApduTrace.recording();
        try (PcscdReader reader = PcscdReader.insert(trace.wrap(card.chip()));
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal(), 65536, false)) {
            session.paceWithCan(card.citizen().can());
            assertThat(session.readFile(CardImage.EF_DG2, 4096)).isEqualTo(card.image().file(CardImage.EF_DG2));
        }
        assertThat(trace.exchanges()).anyMatch(e -> e.statusWord() == 0x6700);
    }

    @Test
    void responseCapLimitsEveryAnswerTo1024DataBytes() throws Exception {
        SimCard card = card(FaultProfile.RESPONSE_CAP_1024);
        ApduTrace trace = ApduTrace.recording();
        try (PcscdReader reader = PcscdReader.insert(trace.wrap(card.chip()));
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal(), 65536, false)) {
            session.paceWithCan(card.citizen().can());
            assertThat(session.readFile(CardImage.EF_DG2, 4096)).isEqualTo(card.image().file(CardImage.EF_DG2));
        }
        // 1024 plaintext bytes become 1040 encrypted: DO'87' (4-byte header + padding indicator), DO'99', DO'8E'
        assertThat(trace.exchanges()).allMatch(e -> e.responseDataLength() <= 1040 + 5 + 4 + 10);
        assertThat(trace.exchanges()).anyMatch(e -> e.responseDataLength() > 1000);
    }

    @Test
    void dropsSecureMessagingAfterAnError() throws Exception {
        assertThat(readDg1AfterAnError(card())).isTrue();
        assertThat(readDg1AfterAnError(card(FaultProfile.DROPS_SM_AFTER_ERROR))).isFalse();
    }

    private static boolean readDg1AfterAnError(SimCard card) throws Exception {
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.paceWithCan(card.citizen().can());
            assertThatThrownBy(() -> session.readFile(CardImage.EF_DG3)).isInstanceOf(CardServiceException.class);
            try {
                return Arrays.equals(session.readFile(CardImage.EF_DG1), card.image().file(CardImage.EF_DG1));
            } catch (CardServiceException e) {
                return false;
            }
        }
    }

    @Test
    void slowChipAddsLatencyToEveryApdu() throws Exception {
        SimCard card = card(FaultProfile.SLOW);
        ApduTrace trace = ApduTrace.recording();
        try (PcscdReader reader = PcscdReader.insert(trace.wrap(card.chip()));
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.paceWithCan(card.citizen().can());
        }
        assertThat(trace.exchanges()).isNotEmpty()
                .allMatch(e -> e.elapsed().toMillis() >= 50);
    }

    @Test
    void tornCardVanishesFromTheReaderMidRead() throws Exception {
        SimCard card = SimCard.builder().citizen(8).profile(FaultProfile.TEAR).tearAfterApdus(12).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.paceWithCan(card.citizen().can());
            assertThatThrownBy(() -> session.readFile(CardImage.EF_DG2)).isInstanceOf(Exception.class);
            assertThat(reader.cardTerminal().waitForCardAbsent(5_000)).isTrue();
        }
        assertThat(card.apduCount()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void plainCommandDuringSecureMessagingEndsTheSession() throws Exception {
        SimCard card = card();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.paceWithCan(card.citizen().can());
            Card raw = reader.cardTerminal().connect("*");
            ResponseAPDU answer = raw.getBasicChannel().transmit(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, 8));
            assertThat(answer.getSW()).isEqualTo(0x6988);
            assertThatThrownBy(() -> session.readFile(CardImage.EF_DG1)).isInstanceOf(CardServiceException.class);
        }
    }

    @Test
    void malformedAndUnknownCommandsGetRealStatusWords() throws Exception {
        SimCard card = card();
        try (PcscdReader reader = PcscdReader.insert(card.chip())) {
            Card raw = reader.cardTerminal().connect("*");
            var channel = raw.getBasicChannel();
            // SELECT MF: the real CCCD says "instruction not supported"
            assertThat(channel.transmit(new CommandAPDU(0x00, 0xA4, 0x00, 0x0C, new byte[] {0x3F, 0x00})).getSW())
                    .isEqualTo(0x6D00);
            assertThat(channel.transmit(new CommandAPDU(0x00, 0xCA, 0x01, 0x00, 0x10)).getSW()).isEqualTo(0x6D00);
            assertThat(channel.transmit(new CommandAPDU(0x80, 0xA4, 0x04, 0x0C,
                    new byte[] {(byte) 0xA0, 0, 0, 2, 0x47, 0x10, 1})).getSW()).isEqualTo(0x6E00);
            assertThat(channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C,
                    new byte[] {(byte) 0xA0, 0, 0, 0, 0})).getSW()).isEqualTo(0x6A82);
            assertThat(channel.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C,
                    new byte[] {(byte) 0xA0, 0, 0, 2, 0x47, 0x10, 1})).getSW()).isEqualTo(0x9000);
            assertThat(channel.transmit(new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, new byte[] {1, 0x7F})).getSW())
                    .isEqualTo(0x6A82);
            assertThat(channel.transmit(new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, new byte[] {1, 1})).getSW())
                    .isEqualTo(0x9000);
            assertThat(channel.transmit(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, 8)).getSW()).isEqualTo(0x6982);
            assertThat(channel.transmit(new CommandAPDU(0x0C, 0xB0, 0x00, 0x00, 8)).getSW()).isEqualTo(0x6988);
            assertThat(channel.transmit(new CommandAPDU(0x00, 0x82, 0x00, 0x00, new byte[40], 40)).getSW())
                    .isEqualTo(0x6985);
            assertThat(channel.transmit(new CommandAPDU(0x00, 0x22, 0xC1, 0xA4, new byte[] {(byte) 0x80, 0x01, 0x00}))
                    .getSW()).isEqualTo(0x6A80);
            raw.disconnect(false);
        }
    }

    private static int rawSw(SimCard card, byte[] apdu) throws Exception {
        try (PcscdReader reader = PcscdReader.insert(card.chip())) {
            Card raw = reader.cardTerminal().connect("*");
            int sw = raw.getBasicChannel().transmit(new CommandAPDU(apdu)).getSW();
            raw.disconnect(false);
            return sw;
        }
    }
}
