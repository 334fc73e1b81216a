package vn.clinicterm.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DLSequence;
import org.bouncycastle.asn1.DLSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;

class Dg13ParsingTest {

    @Test
    void aTypicalCitizensDg13KeepsEveryFieldWithDiacritics() {
        Dg13Data dg13 = LdsParsers.dg13(TestFiles.card(1).file(CardImage.EF_DG13)).orElseThrow();

        assertThat(dg13.idNumber()).isEqualTo("001085012345");
        assertThat(dg13.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(dg13.dateOfBirth()).contains(LocalDate.of(1985, 3, 12));
        assertThat(dg13.gender()).isEqualTo("Nam");
        assertThat(dg13.expiryDate()).contains(LocalDate.of(2045, 3, 12));
        assertThat(dg13.identifyingMarks()).isEqualTo("Sẹo C:2cm trên sau mày phải");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 5, 6, 14, 18, 19, 20, 33, 47})
    void everyFieldOfASimulatedCitizenSurvivesTheRoundTrip(int n) {
        SimCitizen c = SyntheticCitizens.citizen(n);

        Dg13Data dg13 = LdsParsers.dg13(TestFiles.card(n).file(CardImage.EF_DG13)).orElseThrow();

        assertThat(dg13).isEqualTo(new Dg13Data(c.idNumber(), c.fullName(), Optional.of(c.dateOfBirth()),
                c.gender().vietnamese(), c.nationality(), c.ethnicity(), c.religion(), c.placeOfOrigin(),
                c.residence(), c.identifyingMarks(), Optional.of(c.issueDate()), c.expiryDate(), c.fatherName(),
                c.motherName(), c.spouseName(), c.oldIdNumber()));
    }

    @Test
    void aCitizenOverSixtyHasNoExpiry() {
        SimCitizen c = SyntheticCitizens.citizen(5);
        assertThat(c.expiryDate()).as("citizen 5 was born 1940").isEmpty();

        Dg13Data dg13 = LdsParsers.dg13(TestFiles.card(5).file(CardImage.EF_DG13)).orElseThrow();

        assertThat(dg13.expiryDate()).isEmpty();
        assertThat(dg13.issueDate()).contains(c.issueDate());
    }

    @Test
    void aCitizenWithoutOldIdOrSpouseHasBothEmpty() {
        Dg13Data dg13 = LdsParsers.dg13(TestFiles.card(6).file(CardImage.EF_DG13)).orElseThrow();

        assertThat(dg13.oldIdNumber()).isEmpty();
        assertThat(dg13.spouseName()).isEmpty();
        assertThat(dg13.fatherName()).isNotEmpty();
        assertThat(dg13.motherName()).isNotEmpty();
    }

    @Test
    void theSimulatorsMalformedDg13IsMalformed() {
        Parsed<Dg13Data> parsed = LdsParsers.dg13(TestFiles.card(1, FaultProfile.MALFORMED_DG13)
                .file(CardImage.EF_DG13));

        assertThat(parsed).isInstanceOf(Parsed.Malformed.class);
        assertThat(((Parsed.Malformed<Dg13Data>) parsed).fileId()).isEqualTo("DG13");
        assertThat(((Parsed.Malformed<Dg13Data>) parsed).reason()).contains("claims");
    }

    @Test
    void onlyTheIdAndNameAreNeeded() {
        Dg13Data dg13 = LdsParsers.dg13(dg13(field(1, utf8("001085012345")), field(2, utf8("Trần Thị Bình"))))
                .orElseThrow();

        assertThat(dg13.idNumber()).isEqualTo("001085012345");
        assertThat(dg13.fullName()).isEqualTo("Trần Thị Bình");
        assertThat(dg13.dateOfBirth()).isEmpty();
        assertThat(dg13.gender()).isEmpty();
        assertThat(dg13.residence()).isEmpty();
        assertThat(dg13.expiryDate()).isEmpty();
        assertThat(dg13.fatherName()).isEmpty();
        assertThat(dg13.spouseName()).isEmpty();
        assertThat(dg13.oldIdNumber()).isEmpty();
    }

    @Test
    void fieldsOutOfOrderAndUnknownFieldNumbersAreRead() {
        List<ASN1Encodable> fields = new ArrayList<>(List.of(
                field(1, new DERPrintableString("079199000123")),
                field(2, utf8("Phạm Minh Châu")),
                field(3, utf8("01022002")),
                field(12, utf8("01/02/2027")),
                field(16, utf8("something new")),
                field(0, utf8("zero")),
                field(99, new ASN1Integer(7)),
                field(13, new DLSequence(new ASN1Encodable[] {utf8("Phạm Văn Cha"), utf8("Lê Thị Mẹ")}))));
        Collections.reverse(fields);

        Dg13Data dg13 = LdsParsers.dg13(dg13(fields.toArray(ASN1Encodable[]::new))).orElseThrow();

        assertThat(dg13.idNumber()).isEqualTo("079199000123");
        assertThat(dg13.dateOfBirth()).contains(LocalDate.of(2002, 2, 1));
        assertThat(dg13.expiryDate()).contains(LocalDate.of(2027, 2, 1));
        assertThat(dg13.fatherName()).isEqualTo("Phạm Văn Cha");
        assertThat(dg13.motherName()).isEqualTo("Lê Thị Mẹ");
    }

    @Test
    void otherStringTypesAndDecomposedTextAreRead() {
        String decomposed = java.text.Normalizer.normalize("Đặng Thị Hương", java.text.Normalizer.Form.NFD);

        Dg13Data dg13 = LdsParsers.dg13(dg13(
                field(1, new DERIA5String("001085012345")),
                field(2, new DEROctetString(decomposed.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                field(12, utf8("Không thời hạn")),
                field(14, utf8("")),
                field(15, new DERPrintableString("123456789")))).orElseThrow();

        assertThat(dg13.fullName()).isEqualTo("Đặng Thị Hương");
        assertThat(dg13.expiryDate()).isEmpty();
        assertThat(dg13.spouseName()).isEmpty();
        assertThat(dg13.oldIdNumber()).contains("123456789");
    }

    @Test
    void aDg13WithoutVersionAndOidAndWithASequenceOfFieldsIsRead() {
        byte[] file = wrap(new DLSequence(new DLSequence(new ASN1Encodable[] {
                field(1, utf8("001085012345")), field(2, utf8("Nguyễn Văn An"))})));

        assertThat(LdsParsers.dg13(file).orElseThrow().fullName()).isEqualTo("Nguyễn Văn An");
    }

    @Test
    void aDg13WithoutIdOrNameOrWithADuplicateFieldIsMalformed() {
        assertThat(reason(dg13(field(2, utf8("Nguyễn Văn An"))))).contains("no ID number");
        assertThat(reason(dg13(field(1, utf8("001085012345"))))).contains("no full name");
        assertThat(reason(dg13(field(1, utf8("00108501234")), field(2, utf8("An"))))).contains("12-digit");
        assertThat(reason(dg13(field(1, utf8("001085012345")), field(2, utf8("An")), field(2, utf8("Bình")))))
                .contains("twice");
        assertThat(reason(dg13(field(1, utf8("001085012345")), field(2, new ASN1Integer(5))))).contains("not text");
    }

    @Test
    void aDateThatIsNotADateIsLeftEmpty() {
        Dg13Data dg13 = LdsParsers.dg13(dg13(field(1, utf8("001085012345")), field(2, utf8("An")),
                field(3, utf8("31/02/1985")), field(11, utf8("xx/xx/2021")))).orElseThrow();

        assertThat(dg13.dateOfBirth()).isEmpty();
        assertThat(dg13.issueDate()).isEmpty();
    }

    @Test
    void aBrokenLengthIsMalformed() {
        byte[] good = dg13(field(1, utf8("001085012345")), field(2, utf8("Nguyễn Văn An")));

        byte[] longer = good.clone();
        longer[3] = (byte) (longer[3] + 5); // the SEQUENCE's length: 6D L 30 L …
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        byte[] trailing = Arrays.copyOf(good, good.length + 2);
        trailing[trailing.length - 1] = 0x42;

        assertThat(LdsParsers.dg13(longer)).isInstanceOf(Parsed.Malformed.class);
        assertThat(LdsParsers.dg13(truncated)).isInstanceOf(Parsed.Malformed.class);
        assertThat(LdsParsers.dg13(trailing)).isInstanceOf(Parsed.Malformed.class);
    }

    @Test
    void theDg13ToStringHidesThePersonalData() {
        Dg13Data dg13 = LdsParsers.dg13(TestFiles.card(1).file(CardImage.EF_DG13)).orElseThrow();

        assertThat(dg13.toString()).doesNotContain("Nguyễn", "085012", "1985").contains("0010••••2345");
    }

    private static String reason(byte[] file) {
        Parsed<Dg13Data> parsed = LdsParsers.dg13(file);
        assertThat(parsed).isInstanceOf(Parsed.Malformed.class);
        return ((Parsed.Malformed<Dg13Data>) parsed).reason();
    }

    private static DERUTF8String utf8(String text) {
        return new DERUTF8String(text);
    }

    private static ASN1Encodable field(int number, ASN1Encodable value) {
        return new DLSequence(new ASN1Encodable[] {new ASN1Integer(number), value});
    }

    /** A DG13 with the fields in exactly the given order (DL encoding: a SET that is not sorted). */
    private static byte[] dg13(ASN1Encodable... fields) {
        return wrap(new DLSequence(new ASN1Encodable[] {
                new ASN1Integer(1), new ASN1ObjectIdentifier("1.0.10646.1.0.8"), new DLSet(fields)}));
    }

    private static byte[] wrap(DLSequence content) {
        try {
            byte[] value = content.getEncoded("DL");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x6D);
            if (value.length < 0x80) {
                out.write(value.length);
            } else if (value.length < 0x100) {
                out.write(0x81);
                out.write(value.length);
            } else {
                out.write(0x82);
                out.write(value.length >> 8);
                out.write(value.length);
            }
            out.write(value);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
