package vn.clinicterm.cardsim.internal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The chip side of PACE with Generic Mapping on brainpoolP256r1 and AES-128 (ICAO 9303-11 §4.4), one run at a time.
 * Each GENERAL AUTHENTICATE step advances the run; anything out of order or malformed resets it and is answered
 * with a status word, never an exception. A wrong password shows up at step 4 as {@code 6300}.
 */
public final class PaceChip {

    /** id-PACE-ECDH-GM-AES-CBC-CMAC-128 as the content of DO'80'. */
    public static final byte[] OID_PACE_ECDH_GM_AES_128 = Bytes.unhex("04007F00070202040202");
    public static final int PASSWORD_MRZ = 1;
    public static final int PASSWORD_CAN = 2;

    /** What a step produced: response data and status word; {@code sessionKeys} is set once PACE succeeded. */
    public record Step(byte[] data, int sw, SecureMessaging sessionKeys) {
        static Step error(int sw) {
            return new Step(new byte[0], sw, null);
        }
    }

    private enum Stage { IDLE, READY, NONCE_SENT, MAPPED, KEY_AGREED }

    private final SecureRandom random;
    private final byte[] canPassword;
    private final byte[] mrzPassword;

    private Stage stage = Stage.IDLE;
    private byte[] password;
    private byte[] nonce;
    private EcGroup mappedGroup;
    private BigInteger ephemeralPrivate;
    private byte[] chipEphemeralPublic;
    private byte[] terminalEphemeralPublic;
    private byte[] kMac;
    private byte[] kEnc;

    /**
     * @param can the card access number (its ASCII bytes are the key material)
     * @param mrzKeySeedInput the MRZ information (document number, DOB, expiry, each with check digit)
     */
    public PaceChip(SecureRandom random, String can, String mrzKeySeedInput) {
        this.random = random;
        this.canPassword = can.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.mrzPassword = ChipCrypto.sha1(mrzKeySeedInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public void reset() {
        stage = Stage.IDLE;
        nonce = null;
        mappedGroup = null;
        ephemeralPrivate = null;
    }

    /** MSE:Set AT for PACE: DO'80' protocol, DO'83' password reference, optional DO'84' parameter id. */
    public int setAuthenticationTemplate(byte[] data) {
        reset();
        List<Tlv> objects;
        try {
            objects = Tlv.parseAll(data);
        } catch (Tlv.MalformedException e) {
            return 0x6A80;
        }
        byte[] oid = Tlv.find(objects, 0x80).map(Tlv::value).orElse(null);
        byte[] reference = Tlv.find(objects, 0x83).map(Tlv::value).orElse(null);
        if (oid == null || reference == null || reference.length != 1) {
            return 0x6A80;
        }
        if (!Arrays.equals(oid, OID_PACE_ECDH_GM_AES_128)) {
            return 0x6A80;
        }
        byte[] parameterId = Tlv.find(objects, 0x84).map(Tlv::value).orElse(null);
        if (parameterId != null && (parameterId.length != 1 || parameterId[0] != 0x0D)) {
            return 0x6A80;
        }
        switch (reference[0]) {
            case PASSWORD_MRZ -> password = mrzPassword;
            case PASSWORD_CAN -> password = canPassword;
            default -> {
                return 0x6A88;
            }
        }
        stage = Stage.READY;
        return 0x9000;
    }

    /** One GENERAL AUTHENTICATE step; {@code chained} is true for CLA '10' (steps 1–3). */
    public Step generalAuthenticate(byte[] data, boolean chained) {
        try {
            return step(data, chained);
        } catch (IllegalArgumentException e) {
            reset();
            return Step.error(0x6A80);
        }
    }

    private Step step(byte[] data, boolean chained) {
        Tlv template;
        List<Tlv> inner;
        try {
            template = Tlv.parseSingle(data);
            inner = Tlv.parseAll(template.value());
        } catch (Tlv.MalformedException e) {
            reset();
            return Step.error(0x6A80);
        }
        if (template.tag() != 0x7C) {
            reset();
            return Step.error(0x6A80);
        }
        EcGroup group = EcGroup.BRAINPOOL_P256R1;
        switch (stage) {
            case READY -> {
                if (!inner.isEmpty() || !chained) {
                    reset();
                    return Step.error(0x6A80);
                }
                nonce = new byte[16];
                random.nextBytes(nonce);
                byte[] kPi = ChipCrypto.deriveKey(password, 3, false);
                byte[] encrypted = ChipCrypto.aesCbc(true, kPi, new byte[16], nonce);
                stage = Stage.NONCE_SENT;
                return ok(Tlv.encode(0x7C, Tlv.encode(0x80, encrypted)));
            }
            case NONCE_SENT -> {
                byte[] terminalMapping = required(inner, 0x81);
                if (terminalMapping == null || !chained) {
                    reset();
                    return Step.error(0x6A80);
                }
                ECPoint terminalPoint = group.decode(terminalMapping);
                BigInteger mappingPrivate = group.randomScalar(random);
                ECPoint chipMapping = group.generator().multiply(mappingPrivate);
                ECPoint h = terminalPoint.multiply(mappingPrivate).normalize();
                if (h.isInfinity()) {
                    reset();
                    return Step.error(0x6A80);
                }
                ECPoint mapped = group.generator().multiply(new BigInteger(1, nonce)).add(h).normalize();
                mappedGroup = group.withGenerator(mapped);
                stage = Stage.MAPPED;
                return ok(Tlv.encode(0x7C, Tlv.encode(0x82, group.encode(chipMapping))));
            }
            case MAPPED -> {
                byte[] terminalKey = required(inner, 0x83);
                if (terminalKey == null || !chained) {
                    reset();
                    return Step.error(0x6A80);
                }
                ECPoint terminalPoint = mappedGroup.decode(terminalKey);
                ephemeralPrivate = mappedGroup.randomScalar(random);
                ECPoint chipPoint = mappedGroup.generator().multiply(ephemeralPrivate);
                chipEphemeralPublic = mappedGroup.encode(chipPoint);
                terminalEphemeralPublic = mappedGroup.encode(terminalPoint);
                if (Arrays.equals(chipEphemeralPublic, terminalEphemeralPublic)) {
                    reset();
                    return Step.error(0x6A80);
                }
                byte[] secret = mappedGroup.sharedSecret(ephemeralPrivate, terminalPoint);
                kEnc = ChipCrypto.deriveKey(secret, 1, false);
                kMac = ChipCrypto.deriveKey(secret, 2, false);
                stage = Stage.KEY_AGREED;
                return ok(Tlv.encode(0x7C, Tlv.encode(0x84, chipEphemeralPublic)));
            }
            case KEY_AGREED -> {
                byte[] terminalToken = required(inner, 0x85);
                if (terminalToken == null || chained) {
                    reset();
                    return Step.error(0x6A80);
                }
                byte[] expected = authenticationToken(kMac, chipEphemeralPublic);
                if (!MessageDigest.isEqual(expected, terminalToken)) {
                    reset();
                    return Step.error(0x6300);
                }
                byte[] chipToken = authenticationToken(kMac, terminalEphemeralPublic);
                SecureMessaging sm = new SecureMessaging.Aes(kEnc, kMac);
                reset();
                return new Step(Tlv.encode(0x7C, Tlv.encode(0x86, chipToken)), 0x9000, sm);
            }
            default -> {
                reset();
                return Step.error(0x6985);
            }
        }
    }

    /** T = CMAC(K_mac, 7F49{06 oid, 86 point}) truncated to 8 bytes, unpadded. */
    static byte[] authenticationToken(byte[] kMac, byte[] otherPartysPoint) {
        byte[] oid = Tlv.encode(0x06, OID_PACE_ECDH_GM_AES_128);
        byte[] input = Tlv.encode(0x7F49, Bytes.concat(oid, Tlv.encode(0x86, otherPartysPoint)));
        return ChipCrypto.aesCmac8(kMac, input);
    }

    private static byte[] required(List<Tlv> objects, int tag) {
        if (objects.size() != 1) {
            return null;
        }
        return Tlv.find(objects, tag).map(Tlv::value).orElse(null);
    }

    private static Step ok(byte[] data) {
        return new Step(data, 0x9000, null);
    }
}
