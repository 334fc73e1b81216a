package vn.clinicterm.terminal.selftest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

/**
 * The crypto the verifier needs: BouncyCastle on the class path, and ECDSA over brainpoolP512r1 (the curve of
 * Vietnam's CSCA) signing, verifying, and refusing a changed message. Also notes that the JDK's SunEC cannot do it,
 * which is why BouncyCastle must ship with the app.
 */
final class CryptoCheck implements Check {

    static final String NAME = "crypto";
    static final String BOUNCY_CASTLE = "org.bouncycastle.jce.provider.BouncyCastleProvider";
    static final String CURVE = "brainpoolP512r1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(SelfTestContext context) throws GeneralSecurityException {
        Provider bc;
        try {
            // by name, so that a bundle without BouncyCastle fails this check rather than loading the class
            bc = (Provider) Class.forName(BOUNCY_CASTLE).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return CheckResult.fail(NAME, "BouncyCastle is missing from this installation (" + BOUNCY_CASTLE
                    + " cannot be loaded: " + e.getClass().getSimpleName() + "); chips signed over " + CURVE
                    + " cannot be verified");
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", bc);
        generator.initialize(new ECGenParameterSpec(CURVE));
        KeyPair pair = generator.generateKeyPair();
        byte[] message = "ClinicTerm self-test".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA512withECDSA", bc);
        signer.initSign(pair.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA512withECDSA", bc);
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        boolean verifies = verifier.verify(signature);
        message[0] ^= 1;
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        boolean changedVerifies = verifier.verify(signature);
        if (!verifies || changedVerifies) {
            return CheckResult.fail(NAME, "BouncyCastle " + bc.getVersionStr() + ": ECDSA over " + CURVE
                    + (verifies ? " accepted a changed message" : " rejected its own signature"));
        }
        return CheckResult.ok(NAME, "BouncyCastle " + bc.getVersionStr() + ": ECDSA over " + CURVE
                + " signs and verifies (a changed message is refused); " + sunEc());
    }

    private static String sunEc() {
        Provider sunEc = Security.getProvider("SunEC");
        if (sunEc == null) {
            return "SunEC absent";
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", sunEc);
            g.initialize(new ECGenParameterSpec(CURVE));
            g.generateKeyPair();
            return "SunEC supports " + CURVE + " too";
        } catch (GeneralSecurityException | RuntimeException e) {
            return "SunEC cannot (" + e.getClass().getSimpleName() + "), as expected";
        }
    }
}
