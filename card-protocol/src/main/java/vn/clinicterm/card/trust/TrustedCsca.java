package vn.clinicterm.card.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A country signing CA certificate the store trusts.
 *
 * @param certificate the certificate (parsed with BouncyCastle, so explicit EC parameters work)
 * @param country the issuing state from the subject's C attribute (ISO 3166 alpha-2, upper case; "" if none)
 * @param subject the subject in RFC 2253 form
 * @param serialHex the serial number in hex, lower case
 * @param sha256 SHA-256 of the DER encoding, hex lower case
 * @param link whether this is a link certificate: issued by another CSCA key (issuer differs from subject, or its
 *     authority key identifier differs from its subject key identifier)
 * @param source the name of the file it was first imported from
 * @param publicKeyAlgorithm {@code EC}, {@code RSA}, {@code RSASSA-PSS}, or the algorithm OID
 * @param keySize bits of the modulus (RSA) or of the group order (EC)
 * @param curve the EC curve's name (recognised from explicit parameters too), "" for non-EC keys, {@code unknown}
 *     for explicit parameters of no named curve
 * @param explicitCurveParameters whether the key carries explicit EC domain parameters instead of a curve OID
 */
public record TrustedCsca(
        X509Certificate certificate,
        String country,
        String subject,
        String serialHex,
        Instant notBefore,
        Instant notAfter,
        String sha256,
        boolean link,
        String source,
        String publicKeyAlgorithm,
        int keySize,
        String curve,
        boolean explicitCurveParameters) {

    /** For example {@code EC brainpoolP512r1 (explicit parameters)} or {@code RSA 4096}. */
    public String keyDescription() {
        if (curve.isEmpty()) {
            return publicKeyAlgorithm + " " + keySize;
        }
        return publicKeyAlgorithm + " " + curve + (explicitCurveParameters ? " (explicit parameters)" : "");
    }

    /** Whether {@code at} lies within notBefore..notAfter, both inclusive. */
    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore) && !at.isAfter(notAfter);
    }
}
