package vn.clinicterm.card.verify.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The verifier's BouncyCastle instance and small crypto facts. A private provider instance, passed explicitly: SunEC
 * refuses explicit EC parameters (Vietnam's CSCA), and the JVM's provider list stays untouched.
 */
final class Crypto {

    static final Provider BC = new BouncyCastleProvider();

    static final String MD5_OID = "1.2.840.113549.2.5";
    static final String SHA1_OID = "1.3.14.3.2.26";

    private static final Map<String, String> DIGESTS = Map.of(
            MD5_OID, "MD5",
            SHA1_OID, "SHA-1",
            "2.16.840.1.101.3.4.2.4", "SHA-224",
            "2.16.840.1.101.3.4.2.1", "SHA-256",
            "2.16.840.1.101.3.4.2.2", "SHA-384",
            "2.16.840.1.101.3.4.2.3", "SHA-512");

    private Crypto() {}

    /** The JCA name of a digest OID, e.g. {@code SHA-256}; empty for an unknown OID. */
    static Optional<String> digestName(String oid) {
        return Optional.ofNullable(DIGESTS.get(oid));
    }

    static MessageDigest digest(String oid) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance(digestName(oid).orElse(oid), BC);
    }

    /** Whether {@code key} verifies {@code certificate}'s signature; any failure to verify is false. */
    static boolean signedBy(X509Certificate certificate, PublicKey key) {
        try {
            X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
            return holder.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC).build(key));
        } catch (Exception e) {
            return false;
        }
    }

    /** The authority key identifier's keyIdentifier, or null. */
    static byte[] authorityKeyIdentifier(X509Certificate certificate) {
        try {
            byte[] extension = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
            if (extension == null) {
                return null;
            }
            return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                    .getKeyIdentifierOctets();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        try {
            byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
            if (extension == null) {
                return null;
            }
            return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                    .getKeyIdentifier();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Self-signed: same name, and either no key identifiers or equal ones, and its own key verifies it. */
    static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        byte[] aki = authorityKeyIdentifier(certificate);
        byte[] ski = subjectKeyIdentifier(certificate);
        if (aki != null && ski != null && !Arrays.equals(aki, ski)) {
            return false;
        }
        return signedBy(certificate, certificate.getPublicKey());
    }
}
