package vn.clinicterm.card.verify.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.ISO9796d2Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Verifies a chip's answer to INTERNAL AUTHENTICATE (ICAO 9303-11 §6.1) with the DG15 key: ECDSA in plain r‖s form
 * (BSI TR-03111) over the challenge, hashed as DG14's ActiveAuthenticationInfo says (SHA-256 when it says nothing);
 * or RSA with ISO/IEC 9796-2 digital signature scheme 1 and SHA-1 (implicit trailer), where the challenge is the
 * non-recoverable part of the message.
 */
final class ActiveAuthenticationSignature {

    /** BSI TR-03111 ecdsa-plain-* and ANSI X9.62 ecdsa-with-* OIDs to their hash. */
    private static final Map<String, String> EC_HASHES = Map.ofEntries(
            Map.entry("0.4.0.127.0.7.1.1.4.1.1", "SHA1"),
            Map.entry("0.4.0.127.0.7.1.1.4.1.2", "SHA224"),
            Map.entry("0.4.0.127.0.7.1.1.4.1.3", "SHA256"),
            Map.entry("0.4.0.127.0.7.1.1.4.1.4", "SHA384"),
            Map.entry("0.4.0.127.0.7.1.1.4.1.5", "SHA512"),
            Map.entry("1.2.840.10045.4.1", "SHA1"),
            Map.entry("1.2.840.10045.4.3.1", "SHA224"),
            Map.entry("1.2.840.10045.4.3.2", "SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "SHA384"),
            Map.entry("1.2.840.10045.4.3.4", "SHA512"));

    private ActiveAuthenticationSignature() {}

    /** The algorithm name for reports, e.g. {@code ECDSA SHA256} or {@code RSA ISO 9796-2 SHA1}. */
    static String describe(PublicKey key, Optional<String> algorithmOid) {
        return isRsa(key) ? "RSA ISO 9796-2 SHA1" : "ECDSA " + ecHash(algorithmOid);
    }

    /** Whether {@code response} is the DG15 key's signature over {@code challenge}; anything malformed is false. */
    static boolean verify(PublicKey key, Optional<String> algorithmOid, byte[] challenge, byte[] response) {
        try {
            if (isRsa(key)) {
                return verifyRsa(key, challenge, response);
            }
            PublicKey ec = KeyFactory.getInstance("EC", Crypto.BC).generatePublic(
                    new X509EncodedKeySpec(key.getEncoded()));
            String hash = ecHash(algorithmOid);
            if (verifyEc(hash + "withPLAIN-ECDSA", ec, challenge, response)) {
                return true;
            }
            // some chips answer with a DER-encoded ECDSA signature
            return response.length > 0 && response[0] == 0x30 && verifyEc(hash + "withECDSA", ec, challenge, response);
        } catch (GeneralSecurityException | CryptoException | DataLengthException | IllegalArgumentException
                | java.io.IOException e) {
            return false;
        }
    }

    private static boolean isRsa(PublicKey key) {
        return key.getAlgorithm().startsWith("RSA");
    }

    private static String ecHash(Optional<String> algorithmOid) {
        return algorithmOid.map(EC_HASHES::get).orElse("SHA256");
    }

    private static boolean verifyEc(String algorithm, PublicKey key, byte[] challenge, byte[] response) {
        try {
            Signature signature = Signature.getInstance(algorithm, Crypto.BC);
            signature.initVerify(key);
            signature.update(challenge);
            return signature.verify(response);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean verifyRsa(PublicKey key, byte[] challenge, byte[] response)
            throws java.io.IOException, CryptoException {
        AsymmetricKeyParameter parameters = PublicKeyFactory.createKey(key.getEncoded());
        ISO9796d2Signer signer = new ISO9796d2Signer(new RSAEngine(), new SHA1Digest(), true);
        signer.init(false, parameters);
        signer.updateWithRecoveredMessage(response);
        signer.update(challenge, 0, challenge.length);
        return signer.verifySignature(response);
    }
}
