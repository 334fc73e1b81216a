package vn.clinicterm.centralsim.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.Key;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.XMLStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import vn.clinicterm.sync.Xml0Format;

/**
 * Checks the facility's XML-DSig signature in an XML0's {@code CHUKYDONVI}, as the gateway does: the signature must
 * cover the whole document ({@code Reference URI=""}, enveloped-signature transform, canonical XML), use SHA-256
 * ({@code RSA-SHA256} or {@code ECDSA-SHA256}, digest SHA-256), carry the signer's certificate in
 * {@code KeyInfo/X509Data}, and that certificate must be valid now (and, when the simulator was given trusted
 * signers, be one of them). A forged, tampered or misplaced signature is a {@link Result.Invalid} naming what is
 * wrong, never an exception. The JDK's secure validation mode is on.
 */
public final class Xml0SignatureCheck {

    /** What the check found. */
    public sealed interface Result {
        /** No {@code CHUKYDONVI}, or an empty one. */
        record Absent() implements Result {}

        record Valid(X509Certificate signer) implements Result {}

        record Invalid(String reason) implements Result {}
    }

    private static final Set<String> SIGNATURE_METHODS = Set.of(SignatureMethod.RSA_SHA256,
            SignatureMethod.ECDSA_SHA256);
    private static final Set<String> CANONICALIZATIONS = Set.of(CanonicalizationMethod.INCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE, "http://www.w3.org/2006/12/xml-c14n11");

    private final Clock clock;
    private final List<X509Certificate> trusted;

    /** @param trusted the only certificates accepted as signers; empty: any certificate valid now */
    public Xml0SignatureCheck(Clock clock, List<X509Certificate> trusted) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trusted = List.copyOf(trusted);
    }

    public Result check(byte[] xml0) {
        Document doc;
        try {
            doc = Xml0Format.newBuilder().parse(new ByteArrayInputStream(xml0));
        } catch (SAXException | IOException e) {
            return new Result.Invalid("the document is not well-formed XML");
        }
        Element root = doc.getDocumentElement();
        List<Element> holders = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && Xml0Format.SIGNATURE.equals(e.getLocalName() != null ? e.getLocalName()
                    : e.getTagName())) {
                holders.add(e);
            }
        }
        NodeList all = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
        if (holders.isEmpty() && all.getLength() == 0) {
            return new Result.Absent();
        }
        if (holders.size() > 1) {
            return new Result.Invalid("there is more than one " + Xml0Format.SIGNATURE);
        }
        if (holders.isEmpty()) {
            return new Result.Invalid("a signature outside " + Xml0Format.SIGNATURE);
        }
        Element holder = holders.getFirst();
        if (all.getLength() == 0) {
            return holder.getTextContent().isBlank() ? new Result.Absent()
                    : new Result.Invalid(Xml0Format.SIGNATURE + " holds something that is not an XML-DSig signature");
        }
        if (all.getLength() > 1) {
            return new Result.Invalid("there is more than one signature");
        }
        Element sigElement = (Element) all.item(0);
        if (sigElement.getParentNode() != holder) {
            return new Result.Invalid("the signature is not directly inside " + Xml0Format.SIGNATURE);
        }
        CertificateKeySelector keys = new CertificateKeySelector();
        DOMValidateContext ctx = new DOMValidateContext(keys, sigElement);
        ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        XMLSignature sig;
        try {
            sig = f.unmarshalXMLSignature(ctx);
        } catch (MarshalException e) {
            return new Result.Invalid("the signature is malformed (" + e.getMessage() + ")");
        }
        String shape = shapeProblem(sig);
        if (shape != null) {
            return new Result.Invalid(shape);
        }
        boolean valid;
        try {
            valid = sig.validate(ctx);
        } catch (XMLSignatureException e) {
            Throwable cause = e.getCause() instanceof KeySelectorException k ? k : e;
            return new Result.Invalid(cause instanceof KeySelectorException ? cause.getMessage()
                    : "the signature cannot be checked (" + e.getMessage() + ")");
        }
        if (!valid) {
            Reference ref = sig.getSignedInfo().getReferences().getFirst();
            try {
                if (!ref.validate(ctx)) {
                    return new Result.Invalid("the document was changed after it was signed: the SHA-256 digest of"
                            + " the signed content does not match");
                }
            } catch (XMLSignatureException e) {
                return new Result.Invalid("the signed content cannot be digested (" + e.getMessage() + ")");
            }
            return new Result.Invalid("the signature value does not verify with the certificate's key");
        }
        X509Certificate signer = keys.selected;
        try {
            signer.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            return new Result.Invalid("the signing certificate expired on " + signer.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            return new Result.Invalid("the signing certificate is not valid before "
                    + signer.getNotBefore().toInstant());
        }
        if (!trusted.isEmpty() && !trusted.contains(signer)) {
            return new Result.Invalid("the signing certificate is not registered for this facility");
        }
        return new Result.Valid(signer);
    }

    /** The form the gateway accepts; anything else (other references, transforms or algorithms) is refused. */
    private static String shapeProblem(XMLSignature sig) {
        var si = sig.getSignedInfo();
        if (!CANONICALIZATIONS.contains(si.getCanonicalizationMethod().getAlgorithm())) {
            return "the signature's canonicalization " + si.getCanonicalizationMethod().getAlgorithm()
                    + " is not canonical XML";
        }
        if (!SIGNATURE_METHODS.contains(si.getSignatureMethod().getAlgorithm())) {
            return "the signature algorithm " + si.getSignatureMethod().getAlgorithm()
                    + " is not RSA-SHA256 or ECDSA-SHA256";
        }
        if (si.getReferences().size() != 1) {
            return "the signature must have exactly one reference (the whole document)";
        }
        Reference ref = (Reference) si.getReferences().getFirst();
        if (ref.getURI() == null || !ref.getURI().isEmpty()) {
            return "the signature must cover the whole document (Reference URI=\"\")";
        }
        if (!DigestMethod.SHA256.equals(ref.getDigestMethod().getAlgorithm())) {
            return "the digest algorithm " + ref.getDigestMethod().getAlgorithm() + " is not SHA-256";
        }
        List<?> transforms = ref.getTransforms();
        if (transforms.isEmpty() || !Transform.ENVELOPED.equals(((Transform) transforms.getFirst()).getAlgorithm())) {
            return "the signature must be enveloped (first transform enveloped-signature)";
        }
        for (Object t : transforms.subList(1, transforms.size())) {
            if (!CANONICALIZATIONS.contains(((Transform) t).getAlgorithm())) {
                return "the transform " + ((Transform) t).getAlgorithm() + " is not allowed";
            }
        }
        return null;
    }

    /** Takes the first certificate of {@code KeyInfo/X509Data} as the signer's and checks it fits the algorithm. */
    private static final class CertificateKeySelector extends KeySelector {
        X509Certificate selected;

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                XMLCryptoContext context) throws KeySelectorException {
            if (keyInfo == null) {
                throw new KeySelectorException("the signature carries no certificate (KeyInfo/X509Data)");
            }
            for (XMLStructure s : keyInfo.getContent()) {
                if (s instanceof X509Data data) {
                    for (Object o : data.getContent()) {
                        if (o instanceof X509Certificate cert) {
                            PublicKey key = cert.getPublicKey();
                            String alg = method.getAlgorithm();
                            boolean fits = alg.equals(SignatureMethod.RSA_SHA256) ? key.getAlgorithm().equals("RSA")
                                    : alg.equals(SignatureMethod.ECDSA_SHA256) && key.getAlgorithm().equals("EC");
                            if (!fits) {
                                throw new KeySelectorException("the certificate's " + key.getAlgorithm()
                                        + " key does not fit the signature algorithm");
                            }
                            selected = cert;
                            return () -> (Key) key;
                        }
                    }
                }
            }
            throw new KeySelectorException("the signature carries no certificate (KeyInfo/X509Data)");
        }
    }
}
