package vn.clinicterm.card.trust.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/** Small facts about certificates and CRLs, all through the store's own BouncyCastle instance. */
final class Certs {

    /** Attributes CSCA names use that RFC 2253 output would otherwise print as OID=#hex. */
    private static final java.util.Map<String, String> DISPLAY_KEYWORDS = java.util.Map.of(
            "2.5.4.5", "SERIALNUMBER", "2.5.4.97", "organizationIdentifier", "1.2.840.113549.1.9.1", "emailAddress");

    private Certs() {}

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static X509Certificate toX509(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(holder);
    }

    static X509CRL toX509(X509CRLHolder holder) throws GeneralSecurityException {
        return new JcaX509CRLConverter().setProvider(Bc.PROVIDER).getCRL(holder);
    }

    /** A name in a form where equal names compare equal whatever their string types and case. */
    static String nameKey(X500Name name) throws IOException {
        return new X500Principal(name.getEncoded()).getName(X500Principal.CANONICAL);
    }

    static String nameKey(X500Principal name) {
        return name.getName(X500Principal.CANONICAL);
    }

    static String rfc2253(X500Name name) {
        try {
            return new X500Principal(name.getEncoded()).getName(X500Principal.RFC2253, DISPLAY_KEYWORDS);
        } catch (IOException | IllegalArgumentException e) {
            return name.toString();
        }
    }

    /** The C attribute, upper case, or "" when the name has none. */
    static String country(X500Name name) {
        for (RDN rdn : name.getRDNs(BCStyle.C)) {
            ASN1Encodable value = rdn.getFirst().getValue();
            String s = value instanceof ASN1String str ? str.getString() : value.toString();
            return s.trim().toUpperCase(Locale.ROOT);
        }
        return "";
    }

    static byte[] subjectKeyIdentifier(Extensions extensions) {
        if (extensions == null) {
            return null;
        }
        Extension ext = extensions.getExtension(Extension.subjectKeyIdentifier);
        return ext == null ? null : SubjectKeyIdentifier.getInstance(ext.getParsedValue()).getKeyIdentifier();
    }

    static byte[] authorityKeyIdentifier(Extensions extensions) {
        if (extensions == null) {
            return null;
        }
        Extension ext = extensions.getExtension(Extension.authorityKeyIdentifier);
        if (ext == null) {
            return null;
        }
        org.bouncycastle.asn1.ASN1OctetString id = AuthorityKeyIdentifier.getInstance(ext.getParsedValue())
                .getKeyIdentifierObject();
        return id == null ? null : id.getOctets();
    }

    static boolean isCa(X509CertificateHolder holder) {
        Extensions extensions = holder.getExtensions();
        if (extensions == null) {
            return false;
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(extensions);
        if (bc != null) {
            return bc.isCA();
        }
        KeyUsage ku = KeyUsage.fromExtensions(extensions);
        return ku != null && ku.hasUsages(KeyUsage.keyCertSign);
    }

    /** Issued by another key than its own: another name, or key identifiers that differ. */
    static boolean isLink(X509CertificateHolder holder) {
        if (!holder.getIssuer().equals(holder.getSubject())) {
            return true;
        }
        byte[] ski = subjectKeyIdentifier(holder.getExtensions());
        byte[] aki = authorityKeyIdentifier(holder.getExtensions());
        return ski != null && aki != null && !Arrays.equals(ski, aki);
    }

    static ContentVerifierProvider verifierFor(X509CertificateHolder issuer) throws OperatorCreationException {
        try {
            return new JcaContentVerifierProviderBuilder().setProvider(Bc.PROVIDER).build(issuer);
        } catch (java.security.cert.CertificateException e) {
            throw new OperatorCreationException("cannot use the key of " + issuer.getSubject(), e);
        }
    }

    /** Whether {@code issuer}'s key verifies {@code subject}'s signature; false on any failure. */
    static boolean signedBy(X509CertificateHolder subject, X509CertificateHolder issuer) {
        try {
            return subject.isSignatureValid(verifierFor(issuer));
        } catch (Exception e) {
            return false;
        }
    }

    static boolean signedBy(X509CRLHolder crl, X509CertificateHolder issuer) {
        try {
            return crl.isSignatureValid(verifierFor(issuer));
        } catch (Exception e) {
            return false;
        }
    }
}
