package vn.clinicterm.cardsim.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The chip side of Basic Access Control (ICAO 9303-11 §4.3): GET CHALLENGE, then EXTERNAL AUTHENTICATE with the
 * terminal's cryptogram; on success 3DES secure messaging starts with SSC = RND.IC[4..8] ‖ RND.IFD[4..8].
 */
public final class BacChip {

    /** Outcome of EXTERNAL AUTHENTICATE: response data + SW, and the session once authenticated. */
    public record Result(byte[] data, int sw, SecureMessaging session) {}

    private final SecureRandom random;
    private final byte[] kEnc;
    private final byte[] kMac;
    private byte[] challenge;

    /** @param mrzKeySeedInput document number, DOB and expiry, each followed by its check digit */
    public BacChip(SecureRandom random, String mrzKeySeedInput) {
        this(random, Arrays.copyOf(ChipCrypto.sha1(mrzKeySeedInput.getBytes(StandardCharsets.US_ASCII)), 16));
    }

    BacChip(SecureRandom random, byte[] keySeed) {
        this.random = random;
        this.kEnc = ChipCrypto.deriveKey(keySeed, 1, true);
        this.kMac = ChipCrypto.deriveKey(keySeed, 2, true);
    }

    public byte[] getChallenge() {
        challenge = new byte[8];
        random.nextBytes(challenge);
        return challenge.clone();
    }

    public void reset() {
        challenge = null;
    }

    public Result externalAuthenticate(byte[] data) {
        byte[] rndIc = challenge;
        challenge = null;
        if (rndIc == null) {
            return new Result(new byte[0], 0x6985, null);
        }
        if (data.length != 40) {
            return new Result(new byte[0], 0x6700, null);
        }
        byte[] eIfd = Arrays.copyOf(data, 32);
        byte[] mIfd = Arrays.copyOfRange(data, 32, 40);
        if (!MessageDigest.isEqual(mIfd, ChipCrypto.retailMac(kMac, ChipCrypto.pad(eIfd, 8)))) {
            return new Result(new byte[0], 0x6300, null);
        }
        byte[] s = ChipCrypto.desEdeCbc(false, kEnc, eIfd);
        byte[] rndIfd = Arrays.copyOf(s, 8);
        if (!MessageDigest.isEqual(rndIc, Arrays.copyOfRange(s, 8, 16))) {
            return new Result(new byte[0], 0x6300, null);
        }
        byte[] kIfd = Arrays.copyOfRange(s, 16, 32);
        byte[] kIc = new byte[16];
        random.nextBytes(kIc);
        return respond(rndIc, rndIfd, kIfd, kIc);
    }

    Result respond(byte[] rndIc, byte[] rndIfd, byte[] kIfd, byte[] kIc) {
        byte[] r = Bytes.concat(rndIc, rndIfd, kIc);
        byte[] eIc = ChipCrypto.desEdeCbc(true, kEnc, r);
        byte[] mIc = ChipCrypto.retailMac(kMac, ChipCrypto.pad(eIc, 8));
        byte[] seed = new byte[16];
        for (int i = 0; i < 16; i++) {
            seed[i] = (byte) (kIfd[i] ^ kIc[i]);
        }
        byte[] ssc = Bytes.concat(Arrays.copyOfRange(rndIc, 4, 8), Arrays.copyOfRange(rndIfd, 4, 8));
        SecureMessaging session = new SecureMessaging.DesEde(
                ChipCrypto.deriveKey(seed, 1, true), ChipCrypto.deriveKey(seed, 2, true), ssc);
        return new Result(Bytes.concat(eIc, mIc), 0x9000, session);
    }

    /** The MRZ information that seeds BAC and PACE-MRZ: each field followed by its ICAO check digit. */
    public static String mrzKeySeedInput(String documentNumber, String dateOfBirth, String dateOfExpiry) {
        String doc = documentNumber.length() < 9
                ? documentNumber + "<".repeat(9 - documentNumber.length()) : documentNumber;
        return doc + checkDigit(doc) + dateOfBirth + checkDigit(dateOfBirth) + dateOfExpiry + checkDigit(dateOfExpiry);
    }

    /** ICAO 9303-3 check digit: weights 7, 3, 1; digits as themselves, A–Z as 10–35, '<' as 0. */
    public static char checkDigit(String field) {
        int[] weights = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : 0;
            sum += v * weights[i % 3];
        }
        return (char) ('0' + sum % 10);
    }
}
