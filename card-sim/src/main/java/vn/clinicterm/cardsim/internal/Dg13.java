package vn.clinicterm.cardsim.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import vn.clinicterm.cardsim.SimCitizen;

/**
 * DG13, the CCCD's own data group: {@code 6D { SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET OF SEQUENCE { INTEGER
 * fieldNo, value } } } }. The SET's elements are written in field order 1..15, as real cards do; a DER encoder would
 * sort them by encoding and scramble that order.
 */
public final class Dg13 {

    public static final int TAG = 0x6D;
    public static final String CHARSET_OID = "1.0.10646.1.0.8";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private Dg13() {}

    public static byte[] encode(SimCitizen c) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        fields.writeBytes(field(1, new DERPrintableString(c.idNumber())));
        fields.writeBytes(field(2, new DERUTF8String(c.fullName())));
        fields.writeBytes(field(3, new DERUTF8String(c.dateOfBirth().format(DATE))));
        fields.writeBytes(field(4, new DERUTF8String(c.gender().vietnamese())));
        fields.writeBytes(field(5, new DERUTF8String(c.nationality())));
        fields.writeBytes(field(6, new DERUTF8String(c.ethnicity())));
        fields.writeBytes(field(7, new DERUTF8String(c.religion())));
        fields.writeBytes(field(8, new DERUTF8String(c.placeOfOrigin())));
        fields.writeBytes(field(9, new DERUTF8String(c.residence())));
        fields.writeBytes(field(10, new DERUTF8String(c.identifyingMarks())));
        fields.writeBytes(field(11, new DERUTF8String(c.issueDate().format(DATE))));
        fields.writeBytes(field(12, new DERUTF8String(c.expiryDate().map(Dg13::date).orElse("Không thời hạn"))));
        fields.writeBytes(field(13, new DERSequence(new ASN1Encodable[] {
                new DERUTF8String(c.fatherName()), new DERUTF8String(c.motherName())})));
        fields.writeBytes(field(14, new DERSequence(new DERUTF8String(c.spouseName().orElse("")))));
        fields.writeBytes(field(15, new DERUTF8String(c.oldIdNumber().orElse(""))));

        byte[] content = Der.tlv(0x30,
                der(new ASN1Integer(1)),
                der(new ASN1ObjectIdentifier(CHARSET_OID)),
                Der.tlv(0x31, fields.toByteArray()));
        return Der.tlv(TAG, content);
    }

    /**
     * A DG13 that a terminal can read (the outer {@code 6D} TLV is sound) but not parse: the inner SEQUENCE claims
     * 64 bytes more than the file holds.
     */
    public static byte[] malformed(SimCitizen c) {
        byte[] genuine = encode(c);
        byte[] inner = innerValue(genuine);
        byte[] innerValue = innerValue(inner);
        byte[] broken = Der.tlvWithLength(0x30, innerValue.length + 64, innerValue);
        return Der.tlv(TAG, broken);
    }

    private static String date(LocalDate date) {
        return date.format(DATE);
    }

    private static byte[] field(int number, ASN1Encodable value) {
        return Der.tlv(0x30, der(new ASN1Integer(number)), der(value));
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of a TLV with a one-byte tag. */
    private static byte[] innerValue(byte[] tlv) {
        int lengthByte = tlv[1] & 0xFF;
        int headerLength = lengthByte < 0x80 ? 2 : 2 + (lengthByte & 0x7F);
        return java.util.Arrays.copyOfRange(tlv, headerLength, tlv.length);
    }
}
