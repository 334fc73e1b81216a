package vn.clinicterm.cardsim.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.ISO9796d2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.VirtualCard;

/**
 * The simulated CCCD chip: an ICAO 9303 eMRTD application as the Vietnamese citizen ID card has it.
 *
 * <p>It answers every command with the status word a real chip would give and never lets an exception escape
 * {@link #transmit}: malformed, unknown or out-of-order commands are outcomes. Secure messaging is strict: a
 * plain command or a bad MAC while a session is open answers {@code 6988} and ends the session.
 */
public final class CccdChip implements VirtualCard {

    private static final System.Logger LOG = System.getLogger(CccdChip.class.getName());
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    public static final byte[] AID = Bytes.unhex("A0000002471001");
    static final byte[] OID_CA_ECDH_AES_128 = Bytes.unhex("04007F00070202030202");

    /** ISO 14443-4 card as PC/SC part 3 reports it: 3B 8n 80 01, historical bytes, TCK. */
    private static final byte[] ATR = atr(Bytes.unhex("0000000077818100"));

    /** How this chip misbehaves, derived from its fault profiles. */
    public record Behaviour(int tearAfterApdus, Duration latency, boolean noExtendedLength, int responseCap,
            boolean dropsSmAfterError) {
        public static Behaviour of(CardImage image, int tearAfterApdus) {
            return new Behaviour(
                    image.has(FaultProfile.TEAR) ? (tearAfterApdus > 0 ? tearAfterApdus : 40) : 0,
                    image.has(FaultProfile.SLOW) ? Duration.ofMillis(50) : Duration.ZERO,
                    image.has(FaultProfile.NO_EXTENDED_LENGTH),
                    image.has(FaultProfile.RESPONSE_CAP_1024) ? 1024 : 65536,
                    image.has(FaultProfile.DROPS_SM_AFTER_ERROR));
        }
    }

    private record Reply(byte[] data, int sw) {
        static Reply of(int sw) {
            return new Reply(new byte[0], sw);
        }
    }

    private final CardImage image;
    private final Behaviour behaviour;
    private final SecureRandom random;
    private final BacChip bac;
    private final PaceChip pace;

    private boolean poweredOn;
    private boolean removed;
    private long apduCount;
    private boolean appletSelected;
    private short currentFile = -1;
    private SecureMessaging sm;
    private SecureMessaging pendingSm;
    private boolean chipAuthenticationReady;

    public CccdChip(CardImage image, Behaviour behaviour, SecureRandom random) {
        this.image = image;
        this.behaviour = behaviour;
        this.random = random;
        String seed = BacChip.mrzKeySeedInput(image.citizen().documentNumber(), image.citizen().mrzDateOfBirth(),
                image.citizen().mrzDateOfExpiry());
        this.bac = new BacChip(random, seed);
        this.pace = new PaceChip(random, image.citizen().can(), seed);
    }

    @Override
    public byte[] atr() {
        return ATR.clone();
    }

    @Override
    public synchronized void powerOn() {
        resetSession();
        poweredOn = true;
    }

    @Override
    public synchronized void powerOff() {
        resetSession();
        poweredOn = false;
    }

    /** How many APDUs this chip has answered since it was made. */
    public synchronized long apduCount() {
        return apduCount;
    }

    /** Whether a secure-messaging session is open (for tests of the access rules). */
    public synchronized boolean secureMessagingActive() {
        return sm != null;
    }

    private void resetSession() {
        appletSelected = false;
        currentFile = -1;
        sm = null;
        pendingSm = null;
        chipAuthenticationReady = false;
        bac.reset();
        pace.reset();
    }

    @Override
    public synchronized byte[] transmit(byte[] commandApdu) {
        if (removed) {
            throw new CardRemovedException("card has left the field");
        }
        apduCount++;
        if (behaviour.tearAfterApdus() > 0 && apduCount > behaviour.tearAfterApdus()) {
            removed = true;
            resetSession();
            throw new CardRemovedException("card torn away after " + behaviour.tearAfterApdus() + " APDUs");
        }
        if (!behaviour.latency().isZero()) {
            try {
                Thread.sleep(behaviour.latency());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!poweredOn) {
            // a reader always powers the card first; be lenient, as a field that is on is implied by a command
            poweredOn = true;
        }
        try {
            return handle(commandApdu);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "chip fault while handling INS {0}: {1}",
                    commandApdu.length > 1 ? String.format("%02X", commandApdu[1]) : "?", e.getClass().getName());
            endSession();
            return Bytes.sw(0x6F00);
        }
    }

    private void endSession() {
        sm = null;
        pendingSm = null;
        chipAuthenticationReady = false;
    }

    private byte[] handle(byte[] raw) {
        if (behaviour.noExtendedLength() && Command.isExtended(raw)) {
            // refused by the transport layer before the application (and its SSC) sees it
            return Bytes.sw(0x6700);
        }
        Command command;
        try {
            command = Command.parse(raw);
        } catch (Command.WrongLengthException e) {
            endSession();
            return Bytes.sw(0x6700);
        }
        boolean protectedCommand = (command.cla() & 0x0C) == 0x0C;
        if (sm == null) {
            if (protectedCommand) {
                return Bytes.sw(0x6988);
            }
            Reply reply = dispatch(command, false);
            return Bytes.withSw(reply.data(), reply.sw());
        }
        if (!protectedCommand) {
            endSession();
            return Bytes.sw(0x6988);
        }
        byte[] sscBefore = sm.ssc();
        Command plain;
        try {
            plain = sm.unwrap(command);
        } catch (SecureMessaging.SmException e) {
            LOG.log(System.Logger.Level.DEBUG, "secure messaging ended: {0}", e.getMessage());
            endSession();
            return Bytes.sw(0x6988);
        }
        SecureMessaging session = sm;
        Reply reply = dispatch(plain, true);
        if (behaviour.dropsSmAfterError() && isError(reply.sw())) {
            endSession();
            return Bytes.sw(reply.sw());
        }
        if ((reply.sw() & 0xFF00) == 0x6700 || (reply.sw() & 0xFF00) == 0x6F00) {
            // wrong length and unknown errors come back plain, and the command does not count: terminals
            // (JMRTD among them) retry such a command with the counter they had before it
            session.restoreSsc(sscBefore);
            return Bytes.sw(reply.sw());
        }
        byte[] wrapped = session.wrap(reply.data(), reply.sw(), (plain.ins() & 1) == 1);
        if (pendingSm != null) {
            sm = pendingSm;
            pendingSm = null;
        }
        return wrapped;
    }

    private static boolean isError(int sw) {
        return sw != 0x9000 && (sw >> 8) != 0x61 && (sw >> 8) != 0x62;
    }

    private Reply dispatch(Command c, boolean secured) {
        if ((c.cla() & ~0x1C) != 0) {
            return Reply.of(0x6E00);
        }
        return switch (c.ins()) {
            case 0xA4 -> select(c);
            case 0xB0, 0xB1 -> readBinary(c, secured);
            case 0x84 -> getChallenge(c, secured);
            case 0x82 -> externalAuthenticate(c, secured);
            case 0x22 -> manageSecurityEnvironment(c, secured);
            case 0x86 -> generalAuthenticate(c, secured);
            case 0x88 -> internalAuthenticate(c, secured);
            default -> Reply.of(0x6D00);
        };
    }

    private Reply select(Command c) {
        byte[] data = c.data();
        switch (c.p1()) {
            case 0x04 -> {
                if (!Arrays.equals(data, AID)) {
                    return Reply.of(0x6A82);
                }
                appletSelected = true;
                currentFile = -1;
                if (c.p2() == 0x0C) {
                    return Reply.of(0x9000);
                }
                return new Reply(Tlv.encode(0x6F, Tlv.encode(0x84, AID)), 0x9000);
            }
            case 0x00, 0x01, 0x02 -> {
                if (data.length == 0 || (data.length == 2 && data[0] == 0x3F && data[1] == 0x00)) {
                    // the real CCCD answers SELECT MF with "instruction not supported"
                    return Reply.of(0x6D00);
                }
                if (data.length != 2) {
                    return Reply.of(0x6700);
                }
                short fid = (short) (((data[0] & 0xFF) << 8) | (data[1] & 0xFF));
                if (!visible(fid)) {
                    return Reply.of(0x6A82);
                }
                currentFile = fid;
                if (c.p2() == 0x0C) {
                    return Reply.of(0x9000);
                }
                byte[] file = image.files().get(fid);
                byte[] fcp = Tlv.encode(0x62, Bytes.concat(
                        Tlv.encode(0x80, new byte[] {(byte) (file.length >> 8), (byte) file.length}),
                        Tlv.encode(0x82, new byte[] {0x01}),
                        Tlv.encode(0x83, data)));
                return new Reply(fcp, 0x9000);
            }
            default -> {
                return Reply.of(0x6A86);
            }
        }
    }

    /** EF.CardAccess lives in the MF; the LDS files live in the eMRTD application. */
    private boolean visible(short fid) {
        if (!image.files().containsKey(fid)) {
            return false;
        }
        return appletSelected ? fid != CardImage.EF_CARD_ACCESS : fid == CardImage.EF_CARD_ACCESS;
    }

    private short fileForSfi(int sfi) {
        short fid = switch (sfi) {
            case 0x1C -> CardImage.EF_CARD_ACCESS;
            case 0x1D -> CardImage.EF_SOD;
            case 0x1E -> CardImage.EF_COM;
            default -> (sfi >= 1 && sfi <= 16) ? (short) (0x0100 | sfi) : -1;
        };
        return fid != -1 && visible(fid) ? fid : -1;
    }

    private Reply readBinary(Command c, boolean secured) {
        short fid;
        int offset;
        if (c.ins() == 0xB0) {
            if ((c.p1() & 0x80) != 0) {
                if ((c.p1() & 0x60) != 0) {
                    return Reply.of(0x6A86);
                }
                fid = fileForSfi(c.p1() & 0x1F);
                if (fid == -1) {
                    return Reply.of(0x6A82);
                }
                currentFile = fid;
                offset = c.p2();
            } else {
                fid = currentFile;
                offset = ((c.p1() & 0x7F) << 8) | c.p2();
            }
        } else {
            if (c.p1p2() != 0) {
                short requested = (short) c.p1p2();
                if (!visible(requested)) {
                    return Reply.of(0x6A82);
                }
                currentFile = requested;
            }
            fid = currentFile;
            try {
                Tlv offsetObject = Tlv.parseSingle(c.data());
                if (offsetObject.tag() != 0x54 || offsetObject.value().length == 0
                        || offsetObject.value().length > 3) {
                    return Reply.of(0x6A80);
                }
                offset = new BigInteger(1, offsetObject.value()).intValueExact();
            } catch (Tlv.MalformedException | ArithmeticException e) {
                return Reply.of(0x6A80);
            }
        }
        if (fid == -1) {
            return Reply.of(0x6986);
        }
        if (fid == CardImage.EF_DG3 || (fid != CardImage.EF_CARD_ACCESS && !secured)) {
            return Reply.of(0x6982);
        }
        byte[] file = image.files().get(fid);
        if (offset >= file.length) {
            return Reply.of(0x6B00);
        }
        if (c.ne() == 0) {
            return Reply.of(0x6700);
        }
        int room = Math.min(c.ne(), behaviour.responseCap());
        if (c.ins() == 0xB1) {
            // Le counts the whole answer, DO'53' header included
            room -= room > 0x102 ? 4 : room > 0x81 ? 3 : 2;
            if (room < 1) {
                return Reply.of(0x6700);
            }
        }
        int length = Math.min(room, file.length - offset);
        byte[] chunk = Arrays.copyOfRange(file, offset, offset + length);
        return new Reply(c.ins() == 0xB1 ? Tlv.encode(0x53, chunk) : chunk, 0x9000);
    }

    private Reply getChallenge(Command c, boolean secured) {
        if (c.ne() != 8) {
            return Reply.of(0x6700);
        }
        if (secured) {
            // a challenge for Terminal Authentication: not offered by this chip to unauthorised terminals
            return Reply.of(0x6982);
        }
        if (!appletSelected) {
            return Reply.of(0x6985);
        }
        return new Reply(bac.getChallenge(), 0x9000);
    }

    private Reply externalAuthenticate(Command c, boolean secured) {
        if (secured) {
            return Reply.of(0x6982);
        }
        BacChip.Result result = bac.externalAuthenticate(c.data());
        if (result.session() != null) {
            sm = result.session();
            LOG.log(System.Logger.Level.DEBUG, "BAC established");
        } else {
            LOG.log(System.Logger.Level.DEBUG, "BAC refused with {0}", Integer.toHexString(result.sw()));
        }
        return new Reply(result.data(), result.sw());
    }

    private Reply manageSecurityEnvironment(Command c, boolean secured) {
        if (c.p1() == 0xC1 && c.p2() == 0xA4) {
            if (secured || image.files().get(CardImage.EF_CARD_ACCESS) == null) {
                return Reply.of(secured ? 0x6985 : 0x6A88);
            }
            return Reply.of(pace.setAuthenticationTemplate(c.data()));
        }
        if (c.p1() == 0x41 && c.p2() == 0xA4) {
            if (!secured) {
                return Reply.of(0x6982);
            }
            List<Tlv> objects;
            try {
                objects = Tlv.parseAll(c.data());
            } catch (Tlv.MalformedException e) {
                return Reply.of(0x6A80);
            }
            byte[] oid = Tlv.find(objects, 0x80).map(Tlv::value).orElse(null);
            if (!Arrays.equals(oid, OID_CA_ECDH_AES_128)) {
                return Reply.of(0x6A80);
            }
            chipAuthenticationReady = true;
            return Reply.of(0x9000);
        }
        return Reply.of(0x6A86);
    }

    private Reply generalAuthenticate(Command c, boolean secured) {
        if (!secured) {
            PaceChip.Step step = pace.generalAuthenticate(c.data(), (c.cla() & 0x10) != 0);
            if (step.sessionKeys() != null) {
                sm = step.sessionKeys();
                LOG.log(System.Logger.Level.DEBUG, "PACE established");
            } else if (step.sw() == 0x6300) {
                LOG.log(System.Logger.Level.DEBUG, "PACE refused: wrong password");
            }
            return new Reply(step.data(), step.sw());
        }
        if (!chipAuthenticationReady) {
            return Reply.of(0x6985);
        }
        chipAuthenticationReady = false;
        try {
            Tlv template = Tlv.parseSingle(c.data());
            byte[] terminalKey = Tlv.find(Tlv.parseAll(template.value()), 0x80).map(Tlv::value).orElse(null);
            if (template.tag() != 0x7C || terminalKey == null) {
                return Reply.of(0x6A80);
            }
            EcGroup group = EcGroup.BRAINPOOL_P256R1;
            BigInteger chipPrivate = ((ECPrivateKey) image.chipAuthenticationKey().getPrivate()).getS();
            byte[] secret = group.sharedSecret(chipPrivate, group.decode(terminalKey));
            pendingSm = new SecureMessaging.Aes(ChipCrypto.deriveKey(secret, 1, false),
                    ChipCrypto.deriveKey(secret, 2, false));
            LOG.log(System.Logger.Level.DEBUG, "chip authentication: new session keys after this response");
            return new Reply(Tlv.encode(0x7C, new byte[0]), 0x9000);
        } catch (Tlv.MalformedException | IllegalArgumentException e) {
            return Reply.of(0x6A80);
        }
    }

    private Reply internalAuthenticate(Command c, boolean secured) {
        if (!secured) {
            return Reply.of(0x6982);
        }
        if (c.data().length != 8) {
            return Reply.of(0x6700);
        }
        PrivateKey key = image.activeAuthenticationKey().getPrivate();
        try {
            if (key instanceof ECPrivateKey) {
                Signature signature = Signature.getInstance("SHA256withPLAIN-ECDSA", BC);
                signature.initSign(key, random);
                signature.update(c.data());
                return new Reply(signature.sign(), 0x9000);
            }
            if (key instanceof RSAPrivateKey) {
                AsymmetricKeyParameter rsa = PrivateKeyFactory.createKey(key.getEncoded());
                ISO9796d2Signer signer = new ISO9796d2Signer(new RSABlindedEngine(), new SHA1Digest(), true);
                signer.init(true, rsa);
                int keyBytes = (((RSAPrivateKey) key).getModulus().bitLength() + 7) / 8;
                byte[] m1 = new byte[keyBytes - 20 - 2];
                random.nextBytes(m1);
                signer.update(m1, 0, m1.length);
                signer.update(c.data(), 0, c.data().length);
                return new Reply(signer.generateSignature(), 0x9000);
            }
            return Reply.of(0x6A81);
        } catch (GeneralSecurityException | java.io.IOException | org.bouncycastle.crypto.CryptoException e) {
            LOG.log(System.Logger.Level.WARNING, "active authentication failed: {0}", e.getClass().getName());
            return Reply.of(0x6F00);
        }
    }

    private static byte[] atr(byte[] historical) {
        byte[] atr = new byte[4 + historical.length + 1];
        atr[0] = 0x3B;
        atr[1] = (byte) (0x80 | historical.length);
        atr[2] = (byte) 0x80;
        atr[3] = 0x01;
        System.arraycopy(historical, 0, atr, 4, historical.length);
        byte tck = 0;
        for (int i = 1; i < atr.length - 1; i++) {
            tck ^= atr[i];
        }
        atr[atr.length - 1] = tck;
        return atr;
    }
}
