package vn.clinicterm.card.internal;

import java.math.BigInteger;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import vn.clinicterm.card.SodData;

/**
 * EF.SOD: {@code 77 { ContentInfo { signedData, SignedData { …, eContent LDSSecurityObject } } } }, read with
 * BouncyCastle's CMS classes rather than JMRTD's SODFile: we need the ContentInfo's exact bytes, the SignerInfo's
 * algorithm, and to accept the older eContentType {@code 1.3.27.1.1.1} (which JMRTD refuses) beside
 * {@code 2.23.136.1.1.1}. Nothing is verified here.
 */
public final class SodParser {

    public static final int TAG = 0x77;
    public static final String LDS_SECURITY_OBJECT = "2.23.136.1.1.1";
    public static final String LDS_SECURITY_OBJECT_OLD = "1.3.27.1.1.1";

    private static final Map<String, String> DIGESTS = Map.of(
            "1.3.14.3.2.26", "SHA-1",
            "2.16.840.1.101.3.4.2.4", "SHA-224",
            "2.16.840.1.101.3.4.2.1", "SHA-256",
            "2.16.840.1.101.3.4.2.2", "SHA-384",
            "2.16.840.1.101.3.4.2.3", "SHA-512");

    /** Not registered with java.security: certificates with explicit EC parameters need BC, the JDK refuses them. */
    private static final Provider BC = new BouncyCastleProvider();

    private SodParser() {}

    public static SodData parse(byte[] file, int offset, int length) throws Exception {
        byte[] contentInfo = Arrays.copyOfRange(file, offset, offset + length);
        CMSSignedData signed = new CMSSignedData(contentInfo);
        String contentType = signed.getSignedContentTypeOID();
        if (!LDS_SECURITY_OBJECT.equals(contentType) && !LDS_SECURITY_OBJECT_OLD.equals(contentType)) {
            throw new LdsFormatException("the SOD's content type is " + contentType + ", not an LDS security object");
        }
        if (signed.getSignedContent() == null || !(signed.getSignedContent().getContent() instanceof byte[] content)) {
            throw new LdsFormatException("the SOD carries no LDS security object (detached content)");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new LdsFormatException("the SOD has " + signers.size() + " signer infos, ICAO 9303 requires one");
        }
        SignerInformation signer = signers.iterator().next();
        Optional<X509Certificate> certificate = Optional.empty();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (!matches.isEmpty()) {
            try {
                certificate = Optional.of(new JcaX509CertificateConverter().setProvider(BC)
                        .getCertificate(matches.iterator().next()));
            } catch (Exception e) {
                throw new LdsFormatException("the SOD's embedded signer certificate cannot be read");
            }
        }

        ASN1Sequence object = securityObject(content);
        int index = 0;
        BigInteger version = ((ASN1Integer) object.getObjectAt(index++)).getValue();
        if (version.signum() < 0 || version.compareTo(BigInteger.ONE) > 0) {
            throw new LdsFormatException("the LDS security object has version " + version + ", expected 0 or 1");
        }
        String digestOid = AlgorithmIdentifier.getInstance(object.getObjectAt(index++)).getAlgorithm().getId();
        ASN1Sequence hashes = ASN1Sequence.getInstance(object.getObjectAt(index++));
        Map<Integer, byte[]> byGroup = new TreeMap<>();
        for (ASN1Encodable entry : hashes) {
            ASN1Sequence pair = ASN1Sequence.getInstance(entry);
            if (pair.size() != 2) {
                throw new LdsFormatException("a data group hash is not a (number, hash) pair");
            }
            BigInteger number = ASN1Integer.getInstance(pair.getObjectAt(0)).getValue();
            if (number.signum() <= 0 || number.compareTo(BigInteger.valueOf(16)) > 0) {
                throw new LdsFormatException("the SOD has a hash for data group " + number + ", which cannot exist");
            }
            byte[] hash = ASN1OctetString.getInstance(pair.getObjectAt(1)).getOctets();
            if (byGroup.put(number.intValue(), hash) != null) {
                throw new LdsFormatException("the SOD has two hashes for data group " + number);
            }
        }
        Optional<String> ldsVersion = Optional.empty();
        if (object.size() > index) {
            ASN1Sequence info = ASN1Sequence.getInstance(object.getObjectAt(index));
            if (info.size() >= 1 && info.getObjectAt(0).toASN1Primitive() instanceof ASN1String lds) {
                ldsVersion = Optional.of(lds.getString());
            }
        }
        return new SodData(DIGESTS.getOrDefault(digestOid, digestOid), digestOid, byGroup, ldsVersion, contentInfo,
                certificate, signer.getEncryptionAlgOID(), contentType);
    }

    private static ASN1Sequence securityObject(byte[] content) throws Exception {
        try (ASN1InputStream in = new ASN1InputStream(content)) {
            ASN1Primitive object = in.readObject();
            if (!(object instanceof ASN1Sequence sequence) || sequence.size() < 3 || in.readObject() != null) {
                throw new LdsFormatException("the LDS security object is not a SEQUENCE of at least 3 elements");
            }
            return sequence;
        }
    }
}
