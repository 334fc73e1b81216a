package vn.clinicterm.card.trust.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import vn.clinicterm.card.trust.ImportKind;

/**
 * Splits one file into the things a trust store takes, recognising its format by content: DER (CMS SignedData,
 * certificate or CRL), PEM (any number of CERTIFICATE / X509 CRL / CMS blocks) or ICAO PKD LDIF.
 */
record Input(ImportKind kind, List<Item> items, String problem) {

    sealed interface Item {
        /** Where in the file, for messages: "", "block 2", "entry 17"… */
        String where();
    }

    record MasterListItem(String where, byte[] der) implements Item {}

    record CertificateItem(String where, byte[] der, X509CertificateHolder holder) implements Item {}

    record CrlItem(String where, byte[] der, X509CRLHolder holder) implements Item {}

    /** Something that looked like a certificate, CRL or list but did not parse. */
    record BadItem(String where, String problem) implements Item {}

    static Input decode(byte[] bytes) {
        if (bytes.length == 0) {
            return new Input(ImportKind.UNRECOGNISED, List.of(), "the file is empty");
        }
        if (isText(bytes)) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.contains("-----BEGIN ")) {
                return pem(text);
            }
            String head = text.stripLeading().toLowerCase(Locale.ROOT);
            if (head.startsWith("dn:") || head.startsWith("version:") || head.startsWith("#")) {
                return ldif(text);
            }
            return new Input(ImportKind.UNRECOGNISED, List.of(), "a text file that is neither PEM nor LDIF");
        }
        return der(bytes, "");
    }

    /**
     * Text when the first 512 bytes hold no control characters but tab/CR/LF. DER cannot pass: INTEGER (0x02), OID
     * (0x06) and [0] version (A0 03) tags and short lengths are control bytes and come within the first few dozen.
     */
    private static boolean isText(byte[] bytes) {
        int n = Math.min(bytes.length, 512);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x09 || (b > 0x0D && b < 0x20)) {
                return false;
            }
        }
        return true;
    }

    private static Input der(byte[] bytes, String where) {
        ASN1Primitive object;
        try (ASN1InputStream in = new ASN1InputStream(new ByteArrayInputStream(bytes), bytes.length)) {
            object = in.readObject();
            if (object == null) {
                return new Input(ImportKind.UNRECOGNISED, List.of(), "no ASN.1 object in the file");
            }
            if (in.readObject() != null) {
                return new Input(ImportKind.UNRECOGNISED, List.of(), "bytes after the first ASN.1 object");
            }
        } catch (IOException | RuntimeException e) {
            return new Input(ImportKind.UNRECOGNISED, List.of(), "not DER, PEM or LDIF (" + e.getMessage() + ")");
        }
        Item item = item(object, bytes, where);
        ImportKind kind = switch (item) {
            case MasterListItem m -> ImportKind.MASTER_LIST;
            case CertificateItem c -> ImportKind.CERTIFICATE;
            case CrlItem c -> ImportKind.CRL;
            case BadItem b -> ImportKind.UNRECOGNISED;
        };
        if (item instanceof BadItem bad) {
            return new Input(kind, List.of(), bad.problem());
        }
        return new Input(kind, List.of(item), null);
    }

    private static Item item(ASN1Primitive object, byte[] der, String where) {
        if (!(object instanceof ASN1Sequence seq) || seq.size() < 2) {
            return new BadItem(where, "not a certificate, CRL or CMS structure");
        }
        if (seq.getObjectAt(0) instanceof ASN1ObjectIdentifier oid) {
            if (oid.equals(CMSObjectIdentifiers.signedData)) {
                return new MasterListItem(where, der);
            }
            return new BadItem(where, "a CMS/PKCS#7 structure of type " + oid.getId() + ", not SignedData");
        }
        try {
            if (looksLikeCertificate(ASN1Sequence.getInstance(seq.getObjectAt(0)))) {
                return new CertificateItem(where, der, new X509CertificateHolder(Certificate.getInstance(seq)));
            }
            return new CrlItem(where, der, new X509CRLHolder(CertificateList.getInstance(seq).getEncoded()));
        } catch (IOException | RuntimeException e) {
            return new BadItem(where, "neither a certificate nor a CRL (" + e.getMessage() + ")");
        }
    }

    /**
     * TBSCertificate: [0] version, or (v1) serial, signature, issuer, validity SEQUENCE. TBSCertList: optional
     * version, signature, issuer, thisUpdate (a time, not a SEQUENCE).
     */
    private static boolean looksLikeCertificate(ASN1Sequence tbs) {
        if (tbs.size() < 4) {
            return false;
        }
        if (tbs.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1TaggedObject) {
            return true;
        }
        int afterIssuer = tbs.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1Integer ? 3 : 2;
        return tbs.getObjectAt(afterIssuer) instanceof ASN1Sequence;
    }

    private static Input pem(String text) {
        List<Item> items = new ArrayList<>();
        boolean sawCertificate = false;
        boolean sawCrl = false;
        boolean sawList = false;
        int block = 0;
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                break;
            }
            int typeEnd = text.indexOf("-----", begin + 11);
            if (typeEnd < 0) {
                break;
            }
            String type = text.substring(begin + 11, typeEnd).trim();
            String endMarker = "-----END " + type + "-----";
            int end = text.indexOf(endMarker, typeEnd);
            block++;
            String where = "PEM block " + block;
            if (end < 0) {
                items.add(new BadItem(where, "no END line for " + type));
                break;
            }
            at = end + endMarker.length();
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(text.substring(typeEnd + 5, end).trim());
            } catch (IllegalArgumentException e) {
                items.add(new BadItem(where, "bad base64 (" + e.getMessage() + ")"));
                continue;
            }
            switch (type) {
                case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CRL", "CMS", "PKCS7" -> {
                    Input inner = der(der, where);
                    if (inner.items().isEmpty()) {
                        items.add(new BadItem(where, inner.problem()));
                    }
                    for (Item item : inner.items()) {
                        items.add(item);
                        sawCertificate |= item instanceof CertificateItem;
                        sawCrl |= item instanceof CrlItem;
                        sawList |= item instanceof MasterListItem;
                    }
                }
                default -> { } // keys, requests…: not trust material, and not worth failing a bundle over
            }
        }
        if (items.isEmpty()) {
            return new Input(ImportKind.UNRECOGNISED, List.of(), "PEM without certificates, CRLs or master lists");
        }
        ImportKind kind = sawList ? ImportKind.MASTER_LIST : sawCertificate || !sawCrl ? ImportKind.CERTIFICATE : ImportKind.CRL;
        return new Input(kind, items, null);
    }

    /**
     * ICAO PKD LDIF: {@code userCertificate;binary::}, {@code certificateRevocationList;binary::} and
     * {@code CscaMasterListData::} (also {@code pkdMasterListContent::}) attributes, base64 after "::", folded lines
     * continuing with one space.
     */
    private static Input ldif(String text) {
        List<String> lines = new ArrayList<>();
        try (java.io.BufferedReader reader = new java.io.BufferedReader(new StringReader(text))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(" ") && !lines.isEmpty()) {
                    lines.set(lines.size() - 1, lines.getLast() + line.substring(1));
                } else {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringReader does not fail
        }
        List<Item> items = new ArrayList<>();
        int entry = 0;
        boolean inEntry = false;
        for (String line : lines) {
            if (line.isBlank()) {
                inEntry = false;
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (!inEntry) {
                inEntry = true;
                entry++;
            }
            int colon = line.indexOf("::");
            if (colon < 0) {
                continue;
            }
            String attribute = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String where = "LDIF entry " + entry;
            boolean wanted = attribute.startsWith("usercertificate") || attribute.startsWith("cacertificate")
                    || attribute.startsWith("certificaterevocationlist") || attribute.equals("cscamasterlistdata")
                    || attribute.equals("pkdmasterlistcontent");
            if (!wanted) {
                continue;
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(line.substring(colon + 2).trim());
            } catch (IllegalArgumentException e) {
                items.add(new BadItem(where, "bad base64 in " + attribute));
                continue;
            }
            Input inner = der(der, where);
            if (inner.items().isEmpty()) {
                items.add(new BadItem(where, inner.problem()));
            }
            items.addAll(inner.items());
        }
        if (items.isEmpty()) {
            return new Input(ImportKind.LDIF, List.of(), "LDIF without certificates, CRLs or master lists");
        }
        return new Input(ImportKind.LDIF, items, null);
    }
}
