package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.List;
import net.sf.scuba.smartcards.CardServiceException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.signers.ISO9796d2Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jmrtd.PACEKeySpec;
import org.jmrtd.lds.ChipAuthenticationInfo;
import org.jmrtd.lds.ChipAuthenticationPublicKeyInfo;
import org.jmrtd.lds.icao.DG14File;
import org.jmrtd.lds.icao.DG15File;
import org.jmrtd.protocol.AAResult;
import org.junit.jupiter.api.Test;

/**
 * JMRTD's PassportService, an independent terminal, talks to the simulated chip through the real PC/SC stack
 * (javax.smartcardio → libpcsclite → pcscd → vpcd → our chip) with every access protocol the CCCD supports.
 */
class JmrtdThroughPcscdTest {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final short[] LDS_FILES = {
        CardImage.EF_COM, CardImage.EF_SOD, CardImage.EF_DG1, CardImage.EF_DG2,
        CardImage.EF_DG13, CardImage.EF_DG14, CardImage.EF_DG15};

    @Test
    void paceWithTheCanReadsEveryFileByteIdentical() throws Exception {
        SimCard card = SimCard.builder().citizen(1).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            assertThat(session.readFile(CardImage.EF_CARD_ACCESS)).isEqualTo(card.image().file(CardImage.EF_CARD_ACCESS));
            session.paceWithCan(card.citizen().can());
            for (short fid : LDS_FILES) {
                assertThat(session.readFile(fid)).as("file %04X", fid).isEqualTo(card.image().file(fid));
            }
        }
    }

    @Test
    void paceWithTheMrzReadsTheIdentity() throws Exception {
        SimCard card = SimCard.builder().citizen(2).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.pace(PACEKeySpec.createMRZKey(JmrtdSession.bacKey(card.citizen())));
            assertThat(session.readFile(CardImage.EF_DG1)).isEqualTo(card.image().file(CardImage.EF_DG1));
            assertThat(session.readFile(CardImage.EF_DG13)).isEqualTo(card.image().file(CardImage.EF_DG13));
        }
    }

    @Test
    void basicAccessControlReadsEveryFileByteIdentical() throws Exception {
        SimCard card = SimCard.builder().citizen(3).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.bac(card.citizen());
            for (short fid : LDS_FILES) {
                assertThat(session.readFile(fid)).as("file %04X", fid).isEqualTo(card.image().file(fid));
            }
        }
    }

    @Test
    void sfiReadsWithLargeBlocksAndOddInsAreServedToo() throws Exception {
        SimCard card = SimCard.builder().citizen(4).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal(), 65536, true)) {
            session.paceWithCan(card.citizen().can());
            for (short fid : LDS_FILES) {
                assertThat(session.readFile(fid, 4096)).as("file %04X", fid).isEqualTo(card.image().file(fid));
            }
        }
    }

    @Test
    void aWrongCanIsRefusedWithAStatusWordAndTheChipStaysUsable() throws Exception {
        SimCard card = SimCard.builder().citizen(1).build();
        String wrong = card.citizen().can().equals("000000") ? "111111" : "000000";
        try (PcscdReader reader = PcscdReader.insert(card.chip())) {
            try (JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
                assertThatThrownBy(() -> session.paceWithCan(wrong))
                        .isInstanceOf(CardServiceException.class)
                        .satisfies(e -> assertThat(((CardServiceException) e).getSW()).isIn(0x6300, 0x6982));
            }
            try (JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
                session.paceWithCan(card.citizen().can());
                assertThat(session.readFile(CardImage.EF_DG1)).isEqualTo(card.image().file(CardImage.EF_DG1));
            }
        }
    }

    @Test
    void chipAuthenticationSwitchesToNewKeysThatOnlyTheGenuineChipCanDerive() throws Exception {
        SimCard card = SimCard.builder().citizen(1).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.paceWithCan(card.citizen().can());
            chipAuthentication(session);
            // reading under the new session keys works only when both sides derived the same secret
            assertThat(session.readFile(CardImage.EF_DG2)).isEqualTo(card.image().file(CardImage.EF_DG2));
        }
    }

    @Test
    void chipAuthenticationAfterBacWorksToo() throws Exception {
        SimCard card = SimCard.builder().citizen(5).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.bac(card.citizen());
            chipAuthentication(session);
            assertThat(session.readFile(CardImage.EF_DG1)).isEqualTo(card.image().file(CardImage.EF_DG1));
        }
    }

    @Test
    void aCloneFailsChipAuthenticationAndActiveAuthentication() throws Exception {
        SimCard card = SimCard.builder().citizen(1).profile(FaultProfile.CLONE).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.paceWithCan(card.citizen().can());
            byte[] challenge = new byte[8];
            new SecureRandom().nextBytes(challenge);
            assertThat(activeAuthenticationVerifies(session, challenge)).isFalse();
            chipAuthentication(session);
            // the clone derived other keys: its first answer under "new" keys fails the MAC check
            assertThatThrownBy(() -> session.readFile(CardImage.EF_DG1)).isInstanceOf(Exception.class);
        }
    }

    @Test
    void activeAuthenticationSignsAFreshChallengeWithTheDg15Key() throws Exception {
        SimCard card = SimCard.builder().citizen(1).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.paceWithCan(card.citizen().can());
            byte[] challenge = new byte[8];
            new SecureRandom().nextBytes(challenge);
            assertThat(activeAuthenticationVerifies(session, challenge)).isTrue();
        }
    }

    @Test
    void activeAuthenticationWithAnRsaKeyUsesIso9796Part2() throws Exception {
        SimCard card = SimCard.builder().citizen(6).profile(FaultProfile.RSA_AA).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.paceWithCan(card.citizen().can());
            byte[] challenge = new byte[8];
            new SecureRandom().nextBytes(challenge);
            assertThat(activeAuthenticationVerifies(session, challenge)).isTrue();
        }
    }

    @Test
    void dg3IsProtectedByExtendedAccessControl() throws Exception {
        SimCard card = SimCard.builder().citizen(1).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.paceWithCan(card.citizen().can());
            assertThatThrownBy(() -> session.readFile(CardImage.EF_DG3))
                    .isInstanceOf(CardServiceException.class);
        }
    }

    @Test
    void dataGroupsAreNotReadableWithoutAccessControl() throws Exception {
        SimCard card = SimCard.builder().citizen(1).build();
        try (PcscdReader reader = PcscdReader.insert(card.chip());
                JmrtdSession session = JmrtdSession.open(reader.cardTerminal())) {
            session.service.sendSelectApplet(false);
            // JMRTD reports the chip's 6982 as "access denied" (its SW field is not always filled in)
            assertThatThrownBy(() -> session.readFile(CardImage.EF_DG1))
                    .isInstanceOf(CardServiceException.class);
        }
    }

    static void chipAuthentication(JmrtdSession session) throws Exception {
        DG14File dg14 = new DG14File(new java.io.ByteArrayInputStream(session.readFile(CardImage.EF_DG14)));
        ChipAuthenticationInfo info = dg14.getChipAuthenticationInfos().get(0);
        List<ChipAuthenticationPublicKeyInfo> keys = dg14.getChipAuthenticationPublicKeyInfos();
        ChipAuthenticationPublicKeyInfo key = keys.get(0);
        session.service.doEACCA(info.getKeyId(), info.getObjectIdentifier(), key.getObjectIdentifier(),
                key.getSubjectPublicKey());
    }

    static boolean activeAuthenticationVerifies(JmrtdSession session, byte[] challenge) throws Exception {
        PublicKey key = new DG15File(new java.io.ByteArrayInputStream(session.readFile(CardImage.EF_DG15)))
                .getPublicKey();
        boolean ec = key.getAlgorithm().startsWith("EC");
        AAResult result = session.service.doAA(key, ec ? "SHA-256" : "SHA-1",
                ec ? "SHA256withECDSA" : "SHA1withRSA/ISO9796-2", challenge);
        byte[] response = result.getResponse();
        if (ec) {
            Signature verifier = Signature.getInstance("SHA256withPLAIN-ECDSA", BC);
            verifier.initVerify(key);
            verifier.update(challenge);
            return verifier.verify(response);
        }
        // ISO 9796-2 scheme 1, partial recovery: the recovered M1 followed by the challenge must hash as signed
        ISO9796d2Signer verifier = new ISO9796d2Signer(new RSAEngine(), new SHA1Digest(), true);
        verifier.init(false, PublicKeyFactory.createKey(key.getEncoded()));
        verifier.updateWithRecoveredMessage(response);
        verifier.update(challenge, 0, challenge.length);
        return verifier.verifySignature(response);
    }
}
