package vn.clinicterm.card.trust.internal;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Checks an ICAO CSCA master list (ICAO 9303-12 §9, RFC 5652) and reads its certificates.
 *
 * <p>Strict on purpose: the file must be DER, carry exactly one signer with signed attributes (content type and
 * message digest), and every certificate in the CMS must be on the signer's path to an anchor. Together with the
 * signature this makes any changed bit a rejection, not only the bits the signature covers.
 */
final class MasterListVerifier {

    static final ASN1ObjectIdentifier CSCA_MASTER_LIST = new ASN1ObjectIdentifier("2.23.136.1.1.2");
    private static final int MAX_PATH = 4;

    private final Set<String> anchors;
    private final Collection<X509CertificateHolder> knownCertificates;
    private final Instant now;

    /**
     * @param knownCertificates certificates that may hold an anchor or intermediate besides the CMS's own (the
     *     store's CSCAs); they are used only if a signature path through them verifies
     */
    MasterListVerifier(Set<String> anchors, Collection<X509CertificateHolder> knownCertificates, Instant now) {
        this.anchors = anchors;
        this.knownCertificates = knownCertificates;
        this.now = now;
    }

    /** One certificate of the list, parsed, or the reason it did not parse. */
    record Entry(int index, byte[] der, X509CertificateHolder holder, X509Certificate certificate, String problem) {}

    sealed interface Outcome {}

    record Rejected(String reason) implements Outcome {}

    record Verified(String signer, String anchor, Instant signingTime, List<Entry> entries) implements Outcome {}

    /** Never throws on bad input: a malformed list is a rejection like any other. */
    Outcome verify(byte[] der) {
        try {
            return verifyOrThrow(der);
        } catch (RuntimeException e) {
            return new Rejected("the master list is malformed (" + e.getMessage() + ")");
        }
    }

    private Outcome verifyOrThrow(byte[] der) {
        ContentInfo contentInfo;
        try {
            contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
            if (!Arrays.equals(contentInfo.getEncoded(ASN1Encoding.DER), der)) {
                return new Rejected("the master list is not DER-encoded as ICAO requires (corrupted?)");
            }
        } catch (IOException | RuntimeException e) {
            return new Rejected("the master list does not parse as CMS (" + e.getMessage() + ")");
        }
        if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
            return new Rejected("not CMS SignedData");
        }
        CMSSignedData cms;
        SignedData signedData;
        try {
            cms = new CMSSignedData(contentInfo);
            signedData = SignedData.getInstance(contentInfo.getContent());
        } catch (CMSException | RuntimeException e) {
            return new Rejected("the CMS SignedData does not parse (" + e.getMessage() + ")");
        }
        String type = cms.getSignedContentTypeOID();
        if (!CSCA_MASTER_LIST.getId().equals(type)) {
            return new Rejected("wrong eContentType " + type + " (a CSCA master list is " + CSCA_MASTER_LIST.getId() + ")");
        }
        if (cms.getSignedContent() == null) {
            return new Rejected("the master list has no content (detached signature)");
        }
        if (signedData.getVersion().intValueExact() != 3) {
            return new Rejected("SignedData version " + signedData.getVersion() + " (must be 3 for this content type)");
        }
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            return new Rejected("the master list has " + signers.size() + " signers (one expected)");
        }
        SignerInformation signer = signers.iterator().next();
        int expectedSignerVersion = signer.getSID().getSubjectKeyIdentifier() != null ? 3 : 1;
        if (signer.getVersion() != expectedSignerVersion) {
            return new Rejected("SignerInfo version " + signer.getVersion() + " does not fit its signer identifier");
        }
        if (!digestAlgorithmListed(signedData, signer.getDigestAlgorithmID())) {
            return new Rejected("the signer's digest algorithm is not among the SignedData's digest algorithms");
        }
        AttributeTable signed = signer.getSignedAttributes();
        if (signed == null || signed.get(CMSAttributes.messageDigest) == null || signed.get(CMSAttributes.contentType) == null) {
            return new Rejected("the signer has no signed content-type and message-digest attributes");
        }

        List<X509CertificateHolder> cmsCertificates = new ArrayList<>();
        for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
            cmsCertificates.add(holder);
        }
        X509CertificateHolder signerCertificate = cmsCertificates.stream()
                .filter(c -> signer.getSID().match(c))
                .findFirst().orElse(null);
        if (signerCertificate == null) {
            return new Rejected("the signer's certificate is not in the CMS");
        }
        try {
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER).build(signerCertificate))) {
                return new Rejected("the CMS signature does not verify");
            }
        } catch (CMSException | OperatorCreationException | java.security.cert.CertificateException | RuntimeException e) {
            return new Rejected("the CMS signature does not verify (" + e.getMessage() + ")");
        }

        Instant signingTime = signingTime(signed);
        Instant checkAt = signingTime != null ? signingTime : now;
        if (!signerCertificate.isValidOn(Date.from(checkAt))) {
            return new Rejected("the master list signer's certificate was not valid when the list was signed ("
                    + checkAt + ")");
        }
        List<X509CertificateHolder> pool = new ArrayList<>(cmsCertificates);
        pool.addAll(knownCertificates);
        List<X509CertificateHolder> path = pathToAnchor(signerCertificate, pool, new ArrayList<>());
        if (path == null) {
            return new Rejected("the master list signer " + Certs.rfc2253(signerCertificate.getSubject())
                    + " does not chain to a configured anchor");
        }
        for (X509CertificateHolder extra : cmsCertificates) {
            if (!path.contains(extra) && !anchors.contains(fingerprint(extra))) {
                return new Rejected("the CMS carries a certificate outside the signer's path: "
                        + Certs.rfc2253(extra.getSubject()) + " (corrupted?)");
            }
        }
        X509CertificateHolder anchor = path.getLast();

        List<Entry> entries;
        try {
            entries = entries(cms.getSignedContent().getContent());
        } catch (RuntimeException e) {
            return new Rejected("the signed content is not a CscaMasterList (" + e.getMessage() + ")");
        }
        if (entries == null) {
            return new Rejected("the signed content is not a CscaMasterList version 0");
        }
        return new Verified(Certs.rfc2253(signerCertificate.getSubject()),
                Certs.rfc2253(anchor.getSubject()) + " sha256 " + fingerprint(anchor), signingTime, entries);
    }

    private static boolean digestAlgorithmListed(SignedData signedData, AlgorithmIdentifier digest) {
        for (ASN1Encodable a : signedData.getDigestAlgorithms()) {
            if (AlgorithmIdentifier.getInstance(a).getAlgorithm().equals(digest.getAlgorithm())) {
                return true;
            }
        }
        return false;
    }

    private static Instant signingTime(AttributeTable signed) {
        Attribute attribute = signed.get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return null;
        }
        return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
    }

    /** The path from {@code certificate} to an anchor, anchor last, or null. Any anchor validity is accepted. */
    private List<X509CertificateHolder> pathToAnchor(X509CertificateHolder certificate,
            List<X509CertificateHolder> pool, List<X509CertificateHolder> sofar) {
        List<X509CertificateHolder> path = new ArrayList<>(sofar);
        path.add(certificate);
        if (anchors.contains(fingerprint(certificate))) {
            return path;
        }
        if (path.size() > MAX_PATH) {
            return null;
        }
        byte[] aki = Certs.authorityKeyIdentifier(certificate.getExtensions());
        Set<X509CertificateHolder> candidates = new LinkedHashSet<>();
        for (X509CertificateHolder c : pool) {
            if (c.getSubject().equals(certificate.getIssuer()) && !path.contains(c)) {
                byte[] ski = Certs.subjectKeyIdentifier(c.getExtensions());
                if (aki == null || ski == null || Arrays.equals(aki, ski)) {
                    candidates.add(c);
                }
            }
        }
        // anchors first, so a path ends at the configured certificate rather than a link copy of its key
        List<X509CertificateHolder> ordered = new ArrayList<>(candidates);
        ordered.sort((a, b) -> Boolean.compare(!anchors.contains(fingerprint(a)), !anchors.contains(fingerprint(b))));
        for (X509CertificateHolder issuer : ordered) {
            if (Certs.signedBy(certificate, issuer)) {
                List<X509CertificateHolder> found = pathToAnchor(issuer, pool, path);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String fingerprint(X509CertificateHolder holder) {
        try {
            return Certs.sha256(holder.getEncoded());
        } catch (IOException e) {
            return "";
        }
    }

    /** CscaMasterList ::= SEQUENCE { version CscaMasterListVersion (v0), certList SET OF Certificate }. */
    private static List<Entry> entries(Object content) {
        if (!(content instanceof byte[] bytes)) {
            return null;
        }
        ASN1Sequence list;
        try {
            list = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(bytes));
        } catch (IOException e) {
            return null;
        }
        if (list.size() != 2 || !(list.getObjectAt(0) instanceof ASN1Integer version) || version.intValueExact() != 0) {
            return null;
        }
        ASN1Set set = ASN1Set.getInstance(list.getObjectAt(1));
        List<Entry> entries = new ArrayList<>(set.size());
        int index = 0;
        for (ASN1Encodable element : set) {
            index++;
            byte[] der = null;
            try {
                der = element.toASN1Primitive().getEncoded(ASN1Encoding.DER);
                X509CertificateHolder holder = new X509CertificateHolder(Certificate.getInstance(element));
                entries.add(new Entry(index, der, holder, Certs.toX509(holder), null));
            } catch (Exception e) {
                entries.add(new Entry(index, der, null, null, "certificate #" + index + ": " + e.getMessage()));
            }
        }
        return entries;
    }

    static String hex(byte[] bytes) {
        return bytes == null ? "" : HexFormat.of().formatHex(bytes);
    }
}
