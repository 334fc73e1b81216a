package vn.clinicterm.terminal.checkin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import vn.clinicterm.sync.Xml0Format;

/**
 * Signs an XML0 with the facility's certificate (issue 9 §3): an enveloped XML-DSig signature placed in
 * {@code CHUKYDONVI}, the last child of {@code CHI_TIEU_TRANG_THAI_KCB}, after {@code DSACH_TRANG_THAI_KCB}.
 *
 * <p>The signature follows what the BHXH rules ask of {@code CHUKYDONVI}: it covers the document from the root's
 * opening tag to the end of {@code DSACH_TRANG_THAI_KCB}, with SHA-256. In XML-DSig terms: one {@code Reference} with
 * {@code URI=""} (the whole document), the enveloped-signature transform (the signature itself is left out), inclusive
 * canonical XML 1.0, digest SHA-256, signature RSA-SHA256 or ECDSA-SHA256 by the key's type, and the signer's
 * certificate (then the rest of its chain) in {@code KeyInfo/X509Data}. The document is signed as it will be sent —
 * indentation included — and written out without re-indenting, so nothing changes after signing.
 *
 * <p>The key and certificate come from a PKCS#12 file ({@link #fromPkcs12}). A certificate outside its validity
 * period at signing time is a {@link SigningException}: the gateway would refuse the record.
 * Uses the JDK's {@code java.xml.crypto}; no other library.
 */
public final class Xml0Signer {

    /** The key, its certificate or the document cannot be used for signing; the message names what, never secrets. */
    public static final class SigningException extends RuntimeException {
        public SigningException(String message) {
            super(message);
        }

        public SigningException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final String signatureMethod;
    private final Clock clock;

    private Xml0Signer(PrivateKey key, List<X509Certificate> chain, Clock clock) {
        this.key = key;
        this.chain = List.copyOf(chain);
        this.clock = clock;
        this.signatureMethod = switch (key.getAlgorithm()) {
            case "RSA" -> {
                if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < 2048) {
                    throw new SigningException("the facility's RSA key has fewer than 2048 bits");
                }
                yield SignatureMethod.RSA_SHA256;
            }
            case "EC" -> SignatureMethod.ECDSA_SHA256;
            default -> throw new SigningException("the facility's key is " + key.getAlgorithm()
                    + "; XML0 signing needs an RSA or EC key");
        };
    }

    /** A signer for this key and certificate chain (signer's certificate first). */
    public static Xml0Signer of(PrivateKey key, List<X509Certificate> chain, Clock clock) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clock, "clock");
        if (chain.isEmpty()) {
            throw new SigningException("the facility's certificate is missing");
        }
        if (!chain.getFirst().getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new SigningException("the certificate does not belong to the key");
        }
        return new Xml0Signer(key, chain, clock);
    }

    /**
     * Loads the facility's key and certificate from a PKCS#12 file.
     *
     * @param alias the entry to use; without it the file must hold exactly one private key
     * @throws SigningException when the file cannot be read, the password is wrong, the alias is unknown or not a key,
     *     or the key is neither RSA (2048 bits or more) nor EC
     */
    public static Xml0Signer fromPkcs12(Path file, char[] password, Optional<String> alias, Clock clock) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(alias, "alias");
        KeyStore ks;
        try (InputStream in = Files.newInputStream(file)) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
        } catch (IOException e) {
            throw new SigningException("cannot read the PKCS#12 file " + file + " (missing, not PKCS#12, or wrong"
                    + " password)");
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot open the PKCS#12 file " + file + ": " + e.getClass().getSimpleName());
        }
        try {
            String name;
            if (alias.isPresent()) {
                name = alias.get();
                if (!ks.isKeyEntry(name)) {
                    throw new SigningException("the PKCS#12 file has no private key named " + name);
                }
            } else {
                List<String> keys = new ArrayList<>();
                for (String a : Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(a)) {
                        keys.add(a);
                    }
                }
                if (keys.size() != 1) {
                    throw new SigningException("the PKCS#12 file holds " + keys.size() + " private keys; name one"
                            + " with the alias setting");
                }
                name = keys.getFirst();
            }
            if (!(ks.getKey(name, password) instanceof PrivateKey pk)) {
                throw new SigningException("the entry " + name + " is not a private key");
            }
            Certificate[] certs = ks.getCertificateChain(name);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certs == null ? new Certificate[0] : certs) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
            return of(pk, chain, clock);
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot read the key in " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** The facility's certificate, which the signature carries. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** {@code RSA-SHA256} or {@code ECDSA-SHA256}. */
    public String algorithmName() {
        return signatureMethod.equals(SignatureMethod.RSA_SHA256) ? "RSA-SHA256" : "ECDSA-SHA256";
    }

    /**
     * Signs an unsigned XML0 ({@link Xml0Record#xml()}): returns the same document — the same elements, text and
     * whitespace — with a {@code CHUKYDONVI} holding the signature after {@code DSACH_TRANG_THAI_KCB}.
     *
     * @throws SigningException when the certificate is expired or not yet valid, the document is not an unsigned XML0,
     *     or the signature cannot be made
     */
    public byte[] sign(byte[] unsignedXml0) {
        X509Certificate cert = certificate();
        try {
            cert.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            throw new SigningException("the facility's certificate expired on " + cert.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new SigningException("the facility's certificate is valid only from "
                    + cert.getNotBefore().toInstant());
        }
        Document doc;
        try {
            doc = Xml0Format.newBuilder().parse(new ByteArrayInputStream(unsignedXml0));
        } catch (SAXException | IOException e) {
            throw new SigningException("the record to sign is not well-formed XML");
        }
        Element root = doc.getDocumentElement();
        if (!Xml0Format.ROOT.equals(root.getTagName())) {
            throw new SigningException("the record to sign is not an XML0 (root " + Xml0Format.ROOT + ")");
        }
        Element list = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (Xml0Format.SIGNATURE.equals(e.getTagName())) {
                    throw new SigningException("the record is already signed");
                }
                if (Xml0Format.LIST.equals(e.getTagName())) {
                    list = e;
                }
            }
        }
        if (list == null) {
            throw new SigningException("the record to sign has no " + Xml0Format.LIST);
        }
        Element holder = doc.createElement(Xml0Format.SIGNATURE);
        Node after = list.getNextSibling();
        Node indent = list.getPreviousSibling();
        root.insertBefore(doc.createTextNode(indent instanceof org.w3c.dom.Text t && t.getData().isBlank()
                ? t.getData() : "\n"), after);
        root.insertBefore(holder, after);
        try {
            XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
            Reference ref = f.newReference("", f.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null)), null, null);
            SignedInfo si = f.newSignedInfo(
                    f.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
                    f.newSignatureMethod(signatureMethod, null), List.of(ref));
            KeyInfoFactory kif = f.getKeyInfoFactory();
            KeyInfo ki = kif.newKeyInfo(List.of(kif.newX509Data(List.copyOf(chain))));
            DOMSignContext ctx = new DOMSignContext(key, holder);
            ctx.setDefaultNamespacePrefix("ds");
            f.newXMLSignature(si, ki).sign(ctx);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new SigningException("the XML0 could not be signed: " + e.getClass().getSimpleName(), e);
        }
        // the JDK wraps base64 at 76 characters with CR LF, which comes out as "&#xD;"; these two values are not
        // covered by the signature, so they are written on one line like other signing tools do
        for (String name : List.of("SignatureValue", "X509Certificate")) {
            var nodes = holder.getElementsByTagNameNS(XMLSignature.XMLNS, name);
            for (int i = 0; i < nodes.getLength(); i++) {
                nodes.item(i).setTextContent(nodes.item(i).getTextContent().replaceAll("\\s+", ""));
            }
        }
        return write(doc);
    }

    /** The document as it is in memory: no indentation added (it would break the signature), UTF-8. */
    private static byte[] write(Document doc) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new SigningException("cannot write the signed XML0", e);
        }
    }

    @Override
    public String toString() {
        return "Xml0Signer[" + algorithmName() + ", " + certificate().getSubjectX500Principal().getName() + "]";
    }
}
