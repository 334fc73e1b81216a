package vn.clinicterm.card.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import vn.clinicterm.card.Dg13Data;

/**
 * DG13, the CCCD's Vietnamese data group: {@code 6D { SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET OF SEQUENCE {
 * INTEGER fieldNo, value } } } }.
 *
 * <p>Tolerant where cards differ harmlessly: the version and character-set OID may be missing or other; the field list
 * may be a SET or a SEQUENCE, or the fields may sit directly in the outer SEQUENCE; fields may come in any order; a
 * value may be any ASN.1 string type (or an OCTET STRING of UTF-8), or a SEQUENCE/SET of them, or several values
 * after the number; unknown field numbers are ignored; a date that is not a date is left empty.
 *
 * <p>Strict where the structure is broken: a bad TLV, bytes after the SEQUENCE, a field that is not a SEQUENCE
 * starting with its number, a known field holding something other than text, the same field twice, a missing or
 * non-12-digit ID number (field 1) or a missing name (field 2).
 */
public final class Dg13Parser {

    public static final int TAG = 0x6D;
    private static final int MAX_VALUE_DEPTH = 4;
    private static final Pattern DATE = Pattern.compile("(\\d{2})[/.\\-]?(\\d{2})[/.\\-]?(\\d{4})");

    private Dg13Parser() {}

    public static Dg13Data parse(byte[] file, int offset, int length) throws Exception {
        ASN1Primitive root;
        try (ASN1InputStream in = new ASN1InputStream(java.util.Arrays.copyOfRange(file, offset, offset + length))) {
            root = in.readObject();
            if (root == null) {
                throw new LdsFormatException("DG13 is empty");
            }
            if (in.readObject() != null) {
                throw new LdsFormatException("DG13 holds more than one object");
            }
        }
        if (!(root instanceof ASN1Sequence sequence)) {
            throw new LdsFormatException("DG13 does not hold a SEQUENCE");
        }
        Map<Integer, List<String>> fields = new HashMap<>();
        boolean sawFields = false;
        for (ASN1Encodable element : sequence) {
            ASN1Primitive item = element.toASN1Primitive();
            if (item instanceof ASN1Integer || item instanceof ASN1ObjectIdentifier) {
                continue; // version and character set: we read UTF-8 whatever they say
            }
            if (isField(item)) {
                readField((ASN1Sequence) item, fields);
                sawFields = true;
            } else if (item instanceof ASN1Set || item instanceof ASN1Sequence) {
                for (ASN1Encodable inner : collection(item)) {
                    if (!isField(inner.toASN1Primitive())) {
                        throw new LdsFormatException("a DG13 field is not a SEQUENCE starting with its number");
                    }
                    readField((ASN1Sequence) inner.toASN1Primitive(), fields);
                }
                sawFields = true;
            } else {
                throw new LdsFormatException("DG13 holds an unexpected " + item.getClass().getSimpleName());
            }
        }
        if (!sawFields) {
            throw new LdsFormatException("DG13 has no field list");
        }
        return data(fields);
    }

    private static boolean isField(ASN1Primitive item) {
        return item instanceof ASN1Sequence s && s.size() >= 1 && s.getObjectAt(0).toASN1Primitive() instanceof ASN1Integer;
    }

    private static Iterable<ASN1Encodable> collection(ASN1Primitive item) {
        return item instanceof ASN1Set set ? set : (ASN1Sequence) item;
    }

    private static void readField(ASN1Sequence field, Map<Integer, List<String>> fields) throws LdsFormatException {
        BigInteger number = ((ASN1Integer) field.getObjectAt(0).toASN1Primitive()).getValue();
        if (number.signum() <= 0 || number.compareTo(BigInteger.valueOf(15)) > 0) {
            return; // a field this version does not know
        }
        int n = number.intValue();
        List<String> values = new ArrayList<>();
        for (int i = 1; i < field.size(); i++) {
            flatten(field.getObjectAt(i).toASN1Primitive(), n, values, 0);
        }
        if (fields.put(n, values) != null) {
            throw new LdsFormatException("DG13 field " + n + " appears twice");
        }
    }

    private static void flatten(ASN1Primitive value, int field, List<String> out, int depth) throws LdsFormatException {
        if (depth > MAX_VALUE_DEPTH) {
            throw new LdsFormatException("DG13 field " + field + " is nested too deeply");
        }
        if (value instanceof ASN1String string) {
            out.add(clean(string.getString()));
        } else if (value instanceof ASN1OctetString octets) {
            out.add(clean(utf8(octets.getOctets(), field)));
        } else if (value instanceof ASN1Sequence || value instanceof ASN1Set) {
            for (ASN1Encodable inner : collection(value)) {
                flatten(inner.toASN1Primitive(), field, out, depth + 1);
            }
        } else if (value instanceof ASN1TaggedObject tagged) {
            flatten(tagged.getBaseObject().toASN1Primitive(), field, out, depth + 1);
        } else if (!(value instanceof ASN1Null)) {
            throw new LdsFormatException("DG13 field " + field + " holds a " + value.getClass().getSimpleName()
                    + ", not text");
        }
    }

    private static String utf8(byte[] bytes, int field) throws LdsFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new LdsFormatException("DG13 field " + field + " is not valid UTF-8");
        }
    }

    /** NFC, so text compares equal whichever normalization the card used; NULs and outer spaces dropped. */
    private static String clean(String text) {
        return Normalizer.normalize(text.replace("\u0000", "").strip(), Normalizer.Form.NFC);
    }

    private static Dg13Data data(Map<Integer, List<String>> fields) throws LdsFormatException {
        String id = text(fields, 1).replaceAll("\\s", "");
        if (id.isEmpty()) {
            throw new LdsFormatException("DG13 has no ID number (field 1)");
        }
        if (!id.matches("[0-9]{12}")) {
            throw new LdsFormatException("DG13 field 1 is not a 12-digit ID number");
        }
        String name = text(fields, 2);
        if (name.isEmpty()) {
            throw new LdsFormatException("DG13 has no full name (field 2)");
        }
        List<String> parents = fields.getOrDefault(13, List.of()).stream().filter(s -> !s.isEmpty()).toList();
        return new Dg13Data(
                id,
                name,
                date(text(fields, 3)),
                text(fields, 4),
                text(fields, 5),
                text(fields, 6),
                text(fields, 7),
                text(fields, 8),
                text(fields, 9),
                text(fields, 10),
                date(text(fields, 11)),
                date(text(fields, 12)),
                parents.size() > 0 ? parents.get(0) : "",
                parents.size() > 1 ? parents.get(1) : "",
                optional(text(fields, 14)),
                optional(text(fields, 15).replaceAll("\\s", "")));
    }

    /** The field's non-empty strings joined by a space; {@code ""} when absent. */
    private static String text(Map<Integer, List<String>> fields, int number) {
        return String.join(" ", fields.getOrDefault(number, List.of()).stream().filter(s -> !s.isEmpty()).toList());
    }

    private static Optional<String> optional(String text) {
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** {@code dd/MM/yyyy} or {@code ddMMyyyy} (also with - or .); anything else, "Không thời hạn" included, is empty. */
    private static Optional<LocalDate> date(String text) {
        Matcher m = DATE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(1))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
