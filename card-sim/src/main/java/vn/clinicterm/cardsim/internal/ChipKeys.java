package vn.clinicterm.cardsim.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A chip's own key pairs, derived from the PKI seed, the ID number and a purpose label. EC keys are one scalar
 * multiplication (cheap, so not cached); RSA keys take a real key generation and are memoised for the JVM's life.
 */
public final class ChipKeys {

    public static final String CURVE = "brainpoolP256r1";

    private static final ECNamedCurveParameterSpec BRAINPOOL_P256 = ECNamedCurveTable.getParameterSpec(CURVE);
    private static final Map<String, KeyPair> RSA_KEYS = new ConcurrentHashMap<>();

    private ChipKeys() {}

    /** A brainpoolP256r1 key pair whose public key encodes with the named-curve OID. */
    public static KeyPair ecKeyPair(long seed, String idNumber, String label) {
        Bc.ensureRegistered();
        BigInteger n = BRAINPOOL_P256.getN();
        DeterministicRandom random = DeterministicRandom.of(seed, "ec|" + label + "|" + idNumber);
        byte[] wide = new byte[64]; // twice the order's size: the reduction's bias is negligible
        random.nextBytes(wide);
        BigInteger d = new BigInteger(1, wide).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        ECPoint q = BRAINPOOL_P256.getG().multiply(d).normalize();
        try {
            KeyFactory factory = KeyFactory.getInstance("EC", Bc.PROVIDER);
            return new KeyPair(
                    factory.generatePublic(new ECPublicKeySpec(q, BRAINPOOL_P256)),
                    factory.generatePrivate(new ECPrivateKeySpec(d, BRAINPOOL_P256)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle cannot build a " + CURVE + " key", e);
        }
    }

    /** An RSA key pair (e = 65537), generated once per (seed, ID, label, size) and then served from memory. */
    public static KeyPair rsaKeyPair(long seed, String idNumber, String label, int bits) {
        String key = seed + "|" + idNumber + "|" + label + "|" + bits;
        return RSA_KEYS.computeIfAbsent(key, k -> generateRsa(DeterministicRandom.of(seed, "rsa|" + k), bits));
    }

    static KeyPair generateRsa(DeterministicRandom random, int bits) {
        Bc.ensureRegistered();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", Bc.PROVIDER);
            generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle cannot generate an RSA-" + bits + " key", e);
        }
    }
}
