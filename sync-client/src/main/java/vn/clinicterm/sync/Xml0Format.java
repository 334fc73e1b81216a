package vn.clinicterm.sync;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The BHXH check-in record "XML0" (QĐ 4750/QĐ-BYT, amended by QĐ 3176): one {@code TRANG_THAI_KCB} inside
 * {@code CHI_TIEU_TRANG_THAI_KCB/DSACH_TRANG_THAI_KCB}. The field rules here are the single source used by the terminal
 * (to refuse a bad record before sending) and by {@code central-sim} (to refuse it on arrival), so both name the same
 * field for the same fault.
 *
 * <p>Rules are data: each {@link Field} has a maximum length, whether it is mandatory, and a format. Cross-field rules:
 * the card fields ({@code MA_DKBD}, {@code GT_THE_TU}, {@code GT_THE_DEN}) are mandatory when {@code MA_THE_BHYT} is
 * present and {@code GT_THE_TU <= GT_THE_DEN}; at least one of {@code MA_DICH_VU}, {@code MA_THUOC},
 * {@code MA_VAT_TU} names the first billed item; {@code NGAY_YL} is not before {@code NGAY_VAO}. A record that breaks
 * a rule is a list of {@link Violation}s, never an exception.
 */
public final class Xml0Format {

    public static final String ROOT = "CHI_TIEU_TRANG_THAI_KCB";
    public static final String LIST = "DSACH_TRANG_THAI_KCB";
    public static final String ITEM = "TRANG_THAI_KCB";
    /** The unit's XML-DSig signature element (a sibling of {@link #LIST}); absent in unsigned mode. */
    public static final String SIGNATURE = "CHUKYDONVI";

    /** Largest XML0 either side accepts: a single record is a few kilobytes. */
    public static final int MAX_BYTES = 64 * 1024;

    /** How a field's value must look. */
    public enum Format {
        TEXT(null),
        DIGITS(Pattern.compile("[0-9]+")),
        CODE(Pattern.compile("[0-9A-Za-z._/-]+")),
        CCCD(Pattern.compile("[0-9]{12}")),
        CARD(Pattern.compile("[A-Z]{2}[0-9]{13}")),
        FACILITY(Pattern.compile("[0-9A-Za-z]{5}")),
        GENDER(Pattern.compile("[123]")),
        KCB_TYPE(Pattern.compile("0[1-9]|1[0-9]")),
        DATE(null),
        DATE_TIME(null);

        private final Pattern pattern;

        Format(Pattern pattern) {
            this.pattern = pattern;
        }
    }

    /** One element of {@code TRANG_THAI_KCB}, in document order. */
    public enum Field {
        MA_LK(100, true, Format.CODE),
        STT(10, true, Format.DIGITS),
        MA_BN(100, true, Format.CODE),
        HO_TEN(255, true, Format.TEXT),
        SO_CCCD(12, true, Format.CCCD),
        NGAY_SINH(12, true, Format.DATE_TIME),
        GIOI_TINH(1, true, Format.GENDER),
        MA_THE_BHYT(15, false, Format.CARD),
        MA_DKBD(5, false, Format.FACILITY),
        GT_THE_TU(8, false, Format.DATE),
        GT_THE_DEN(8, false, Format.DATE),
        MA_DOITUONG_KCB(4, true, Format.CODE),
        NGAY_VAO(12, true, Format.DATE_TIME),
        MA_LOAI_KCB(2, true, Format.KCB_TYPE),
        MA_CSKCB(5, true, Format.FACILITY),
        MA_DICH_VU(50, false, Format.CODE),
        TEN_DICH_VU(1024, false, Format.TEXT),
        MA_THUOC(255, false, Format.CODE),
        TEN_THUOC(1024, false, Format.TEXT),
        MA_VAT_TU(255, false, Format.CODE),
        TEN_VAT_TU(1024, false, Format.TEXT),
        NGAY_YL(12, true, Format.DATE_TIME),
        DU_PHONG(255, false, Format.TEXT);

        public final int maxLength;
        public final boolean mandatory;
        public final Format format;

        Field(int maxLength, boolean mandatory, Format format) {
            this.maxLength = maxLength;
            this.mandatory = mandatory;
            this.format = format;
        }
    }

    /** Which rule a field broke. */
    public enum Rule { MISSING, TOO_LONG, FORMAT, ORDER, UNKNOWN_ELEMENT, STRUCTURE }

    /** A broken rule, naming the field (or the element) that broke it. */
    public record Violation(String field, Rule rule, String message) {
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmm")
            .withResolverStyle(ResolverStyle.STRICT);

    private Xml0Format() {}

    /** Checks every rule; an empty list means the record may be sent. Values are compared after trimming nothing. */
    public static List<Violation> check(Map<String, String> fields) {
        List<Violation> out = new ArrayList<>();
        for (String name : fields.keySet()) {
            if (!isField(name)) {
                out.add(new Violation(name, Rule.UNKNOWN_ELEMENT, "is not an XML0 field"));
            }
        }
        for (Field f : Field.values()) {
            String v = fields.get(f.name());
            if (v == null || v.isEmpty()) {
                if (f.mandatory) {
                    out.add(new Violation(f.name(), Rule.MISSING, "is mandatory"));
                }
                continue;
            }
            if (v.length() > f.maxLength) {
                out.add(new Violation(f.name(), Rule.TOO_LONG, "is longer than " + f.maxLength + " characters"));
                continue;
            }
            String problem = formatProblem(f.format, v);
            if (problem != null) {
                out.add(new Violation(f.name(), Rule.FORMAT, problem));
            }
        }
        if (present(fields, Field.MA_THE_BHYT)) {
            for (Field f : List.of(Field.MA_DKBD, Field.GT_THE_TU, Field.GT_THE_DEN)) {
                if (!present(fields, f)) {
                    out.add(new Violation(f.name(), Rule.MISSING, "is mandatory when MA_THE_BHYT is given"));
                }
            }
        }
        LocalDate from = date(fields.get(Field.GT_THE_TU.name()));
        LocalDate to = date(fields.get(Field.GT_THE_DEN.name()));
        if (from != null && to != null && from.isAfter(to)) {
            out.add(new Violation(Field.GT_THE_DEN.name(), Rule.ORDER, "is before GT_THE_TU"));
        }
        if (!present(fields, Field.MA_DICH_VU) && !present(fields, Field.MA_THUOC)
                && !present(fields, Field.MA_VAT_TU)) {
            out.add(new Violation(Field.MA_DICH_VU.name(), Rule.MISSING,
                    "one of MA_DICH_VU, MA_THUOC, MA_VAT_TU must name the first billed item"));
        }
        LocalDateTime in = dateTime(fields.get(Field.NGAY_VAO.name()));
        LocalDateTime order = dateTime(fields.get(Field.NGAY_YL.name()));
        if (in != null && order != null && order.isBefore(in)) {
            out.add(new Violation(Field.NGAY_YL.name(), Rule.ORDER, "is before NGAY_VAO"));
        }
        LocalDateTime born = dateTime(fields.get(Field.NGAY_SINH.name()));
        if (born != null && in != null && born.isAfter(in)) {
            out.add(new Violation(Field.NGAY_SINH.name(), Rule.ORDER, "is after NGAY_VAO"));
        }
        return List.copyOf(out);
    }

    private static boolean isField(String name) {
        for (Field f : Field.values()) {
            if (f.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean present(Map<String, String> fields, Field f) {
        String v = fields.get(f.name());
        return v != null && !v.isEmpty();
    }

    private static String formatProblem(Format format, String v) {
        return switch (format) {
            case TEXT -> v.chars().anyMatch(c -> c < 0x20 && c != '\t') ? "contains control characters" : null;
            case DATE -> date(v) == null ? "is not a date yyyyMMdd" : null;
            case DATE_TIME -> dateTime(v) == null ? "is not a time yyyyMMddHHmm" : null;
            case DIGITS, CODE, CCCD, CARD, FACILITY, GENDER, KCB_TYPE ->
                    format.pattern.matcher(v).matches() ? null : switch (format) {
                        case CCCD -> "must be the 12-digit ID number";
                        case CARD -> "must be a 15-character card number (2 letters, 13 digits)";
                        case FACILITY -> "must be a 5-character facility code";
                        case GENDER -> "must be 1 (male), 2 (female) or 3 (unknown)";
                        case KCB_TYPE -> "must be a 2-digit MA_LOAI_KCB";
                        case DIGITS -> "must be digits";
                        default -> "contains characters a code may not have";
                    };
        };
    }

    private static LocalDate date(String v) {
        if (v == null || v.length() != 8) {
            return null;
        }
        try {
            return LocalDate.parse(v, DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDateTime dateTime(String v) {
        if (v == null || v.length() != 12) {
            return null;
        }
        try {
            return LocalDateTime.parse(v, DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ XML

    /** The document for one record, fields in {@link Field} order (empty optional fields are left out). */
    public static Document toDocument(Map<String, String> fields) {
        Document doc = newBuilder().newDocument();
        Element root = doc.createElement(ROOT);
        doc.appendChild(root);
        Element list = doc.createElement(LIST);
        root.appendChild(list);
        Element item = doc.createElement(ITEM);
        list.appendChild(item);
        for (Field f : Field.values()) {
            String v = fields.get(f.name());
            if (v != null && !v.isEmpty()) {
                Element e = doc.createElement(f.name());
                e.setTextContent(v);
                item.appendChild(e);
            }
        }
        return doc;
    }

    /** UTF-8 bytes of {@code doc}, indented for people, with an XML declaration. */
    public static byte[] serialize(Document doc) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise XML0", e);
        }
    }

    /**
     * Reads the fields of a received XML0. Refuses (with a {@link Violation} of rule STRUCTURE) a document that is not
     * well-formed, has a DOCTYPE (no entity tricks), is too large, or does not hold exactly one {@code TRANG_THAI_KCB}.
     */
    public static Parsed parse(byte[] xml) {
        if (xml.length > MAX_BYTES) {
            return Parsed.refused(ROOT, "the document is larger than " + MAX_BYTES + " bytes");
        }
        Document doc;
        try {
            doc = newBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | java.io.IOException e) {
            return Parsed.refused(ROOT, "the document is not well-formed XML");
        }
        Element root = doc.getDocumentElement();
        if (!ROOT.equals(root.getTagName())) {
            return Parsed.refused(ROOT, "the root element must be " + ROOT);
        }
        NodeList items = doc.getElementsByTagName(ITEM);
        NodeList lists = root.getElementsByTagName(LIST);
        if (lists.getLength() != 1 || items.getLength() != 1 || items.item(0).getParentNode() != lists.item(0)) {
            return Parsed.refused(ITEM, "there must be exactly one " + ITEM + " inside " + LIST);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<Violation> problems = new ArrayList<>();
        for (Node n = items.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (fields.containsKey(e.getTagName())) {
                    problems.add(new Violation(e.getTagName(), Rule.STRUCTURE, "appears twice"));
                }
                fields.put(e.getTagName(), e.getTextContent());
            }
        }
        boolean signed = root.getElementsByTagName(SIGNATURE).getLength() > 0;
        return new Parsed(fields, problems, signed);
    }

    /** What {@link #parse} read: the fields, structural problems, and whether a {@code CHUKYDONVI} was present. */
    public record Parsed(Map<String, String> fields, List<Violation> problems, boolean signed) {
        public Parsed {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            problems = List.copyOf(problems);
        }

        static Parsed refused(String field, String message) {
            return new Parsed(Map.of(), List.of(new Violation(field, Rule.STRUCTURE, message)), false);
        }

        /** Structural problems first, then every field rule. */
        public List<Violation> violations() {
            if (!problems.isEmpty() && fields.isEmpty()) {
                return problems;
            }
            List<Violation> all = new ArrayList<>(problems);
            all.addAll(check(fields));
            return List.copyOf(all);
        }
    }

    /** A namespace-aware parser with DOCTYPEs and external entities disabled. */
    public static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.ErrorHandler() {
                // the default handler prints to standard error; a refusal is reported as a Violation instead
                @Override
                public void warning(org.xml.sax.SAXParseException e) {}

                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be configured safely", e);
        }
    }
}
