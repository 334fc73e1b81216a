package vn.clinicterm.card.verify.internal;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import vn.clinicterm.card.SodData;
import vn.clinicterm.card.internal.SodParser;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/**
 * The SOD's signature, with the SignerInfo's own algorithm (RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA on named or explicit
 * curves, all through BouncyCastle) and the document signer's key; first the signed attributes ICAO 9303-10 requires:
 * contentType equal to the eContentType (an LDS security object) and messageDigest equal to the digest of the
 * eContent. A signature that does not verify is FAILED, never an exception.
 */
final class SodSignatureCheck implements Check {

    @Override
    public CheckId id() {
        return CheckId.SOD_SIGNATURE;
    }

    @Override
    public Finding run(VerificationContext context) throws Exception {
        Optional<SodData> parsed = context.sodIfParsed();
        if (parsed.isEmpty()) {
            return Finding.skipped("check.skipped.noSod");
        }
        SodData sod = parsed.get();
        if (sod.signerCertificate().isEmpty()) {
            return Finding.indeterminate(SubIndication.NO_SIGNING_CERTIFICATE_FOUND, "sod.signature.noCertificate");
        }
        X509Certificate signer = sod.signerCertificate().get();
        CMSSignedData cms = new CMSSignedData(sod.contentInfo());
        SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
        byte[] content = (byte[]) cms.getSignedContent().getContent();
        context.signerDigestOid(info.getDigestAlgOID());

        AttributeTable attributes = info.getSignedAttributes();
        if (attributes == null) {
            return Finding.failed(SubIndication.SIG_CONSTRAINTS_FAILURE, "sod.signature.noSignedAttributes");
        }
        String eContentType = cms.getSignedContentTypeOID();
        Optional<ASN1Encodable> contentType = single(attributes.get(CMSAttributes.contentType));
        if (contentType.isEmpty() || !(contentType.get() instanceof ASN1ObjectIdentifier type)
                || !type.getId().equals(eContentType)
                || !(eContentType.equals(SodParser.LDS_SECURITY_OBJECT)
                        || eContentType.equals(SodParser.LDS_SECURITY_OBJECT_OLD))) {
            return Finding.failed(SubIndication.SIG_CONSTRAINTS_FAILURE, "sod.signature.contentType", eContentType);
        }
        Optional<ASN1Encodable> messageDigest = single(attributes.get(CMSAttributes.messageDigest));
        if (messageDigest.isEmpty() || !(messageDigest.get() instanceof ASN1OctetString digest)) {
            return Finding.failed(SubIndication.SIG_CONSTRAINTS_FAILURE, "sod.signature.noMessageDigest");
        }
        MessageDigest md;
        try {
            md = Crypto.digest(info.getDigestAlgOID());
        } catch (java.security.NoSuchAlgorithmException e) {
            return Finding.indeterminate(SubIndication.ALGORITHM_REJECTED, "sod.signature.unsupported",
                    info.getDigestAlgOID());
        }
        if (!MessageDigest.isEqual(md.digest(content), digest.getOctets())) {
            return Finding.failed(SubIndication.HASH_FAILURE, "sod.signature.messageDigest");
        }

        SignerInformationVerifier verifier;
        try {
            verifier = new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC).build(signer.getPublicKey());
        } catch (OperatorCreationException e) {
            return Finding.indeterminate(SubIndication.ALGORITHM_REJECTED, "sod.signature.unsupported",
                    info.getEncryptionAlgOID());
        }
        boolean valid;
        try {
            valid = info.verify(verifier);
        } catch (org.bouncycastle.cms.CMSException e) {
            if (e.getCause() instanceof OperatorCreationException
                    || e.getCause() instanceof java.security.NoSuchAlgorithmException) {
                return Finding.indeterminate(SubIndication.ALGORITHM_REJECTED, "sod.signature.unsupported",
                        info.getEncryptionAlgOID());
            }
            valid = false; // an undecodable signature value is a signature that does not verify
        }
        if (!valid) {
            return Finding.failed(SubIndication.SIG_CRYPTO_FAILURE, "sod.signature.invalid",
                    info.getEncryptionAlgOID());
        }
        Optional<Instant> signingTime = single(attributes.get(CMSAttributes.signingTime))
                .map(t -> Time.getInstance(t).getDate().toInstant());
        context.sodSignatureVerified(signingTime);
        return Finding.passed("sod.signature.ok", algorithmName(info), signingTime.map(Instant::toString).orElse("-"));
    }

    private static Optional<ASN1Encodable> single(Attribute attribute) {
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return Optional.empty();
        }
        return Optional.of(attribute.getAttrValues().getObjectAt(0));
    }

    private static String algorithmName(SignerInformation info) {
        String digest = Crypto.digestName(info.getDigestAlgOID()).orElse(info.getDigestAlgOID());
        String oid = info.getEncryptionAlgOID();
        String scheme = switch (oid) {
            case "1.2.840.113549.1.1.10" -> "RSASSA-PSS";
            case "1.2.840.113549.1.1.1", "1.2.840.113549.1.1.5", "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12",
                    "1.2.840.113549.1.1.13", "1.2.840.113549.1.1.14" -> "RSA PKCS#1 v1.5";
            case "1.2.840.10045.2.1", "1.2.840.10045.4.1", "1.2.840.10045.4.3.1", "1.2.840.10045.4.3.2",
                    "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4" -> "ECDSA";
            default -> oid;
        };
        return scheme + " " + digest;
    }
}
