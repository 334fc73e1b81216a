package vn.clinicterm.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.cardsim.internal.Mrz;

class AccessKeysTest {

    private static final String QR7 = "001085012345|123456789|Nguyễn Văn An|12031985|Nam|Số 1 Phố Huế, Hà Nội|15062021";
    private static final String QR6 = "001085012345|Nguyễn Văn An|12031985|Nam|Số 1 Phố Huế, Hà Nội|15062021";

    /** Citizen 1's MRZ as card-sim writes it. */
    private static final String CCCD_MRZ = """
            IDVNM0850123452001085012345<<3
            8503127M4503129VNM<<<<<<<<<<<8
            NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<
            """;

    /** The Dutch Sdu 2006 specimen's TD3 MRZ (from the shared LDS samples' DG1). */
    private static final String TD3 = "P<NLDMEULENDIJK<<LOES<ALBERTINE<<<<<<<<<<<<<\n"
            + "XX00013286NLD7110195F1110012123456789<<<<<76";

    @Test
    void aSevenFieldQrGivesAllFieldsAndTheCan() {
        CccdQr qr = AccessKeys.parseQr(QR7);

        assertThat(qr.idNumber()).isEqualTo("001085012345");
        assertThat(qr.oldIdNumber()).contains("123456789");
        assertThat(qr.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(qr.dateOfBirth()).isEqualTo(LocalDate.of(1985, 3, 12));
        assertThat(qr.gender()).isEqualTo("Nam");
        assertThat(qr.address()).isEqualTo("Số 1 Phố Huế, Hà Nội");
        assertThat(qr.issueDate()).isEqualTo(LocalDate.of(2021, 6, 15));
        assertThat(AccessKeys.fromQr(QR7)).isEqualTo(new AccessKey.Can("012345"));
    }

    @Test
    void aSixFieldQrHasNoOldId() {
        CccdQr qr = AccessKeys.parseQr(QR6);

        assertThat(qr.oldIdNumber()).isEmpty();
        assertThat(qr.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(AccessKeys.fromQr(QR6).can()).isEqualTo("012345");
    }

    @Test
    void aSevenFieldQrWithAnEmptyOldIdHasNoOldId() {
        assertThat(AccessKeys.parseQr("001085012345||Nguyễn Văn An|12031985|Nam|Hà Nội|15062021").oldIdNumber())
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"  " + QR7 + "  ", QR7 + "\n", QR7 + "\r\n", QR7 + "|", QR7 + "|\r\n", "\t" + QR6 + "|\n"})
    void surroundingWhitespaceLineBreaksAndATrailingPipeAreForgiven(String scanned) {
        assertThat(AccessKeys.isCccdQr(scanned)).isTrue();
        assertThat(AccessKeys.fromQr(scanned).can()).isEqualTo("012345");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "https://example.com/?q=001085012345",
        "8935049500155",
        "001085012345",
        "001085012345|Nguyễn Văn An|12031985",
        "001085012345|123456789|Nguyễn Văn An|12031985|Nam|Hà Nội|15062021|extra|more",
        "00108501234|123456789|Nguyễn Văn An|12031985|Nam|Hà Nội|15062021",
        "0010850123456|123456789|Nguyễn Văn An|12031985|Nam|Hà Nội|15062021",
        "00108501234X|123456789|Nguyễn Văn An|12031985|Nam|Hà Nội|15062021",
        "001085012345|12345678|Nguyễn Văn An|12031985|Nam|Hà Nội|15062021",
        "001085012345|123456789|Nguyễn Văn An|31021985|Nam|Hà Nội|15062021",
        "001085012345|123456789|Nguyễn Văn An|1203198|Nam|Hà Nội|15062021",
        "001085012345|123456789|Nguyễn Văn An|12/03/1985|Nam|Hà Nội|15062021",
        "001085012345|123456789|Nguyễn Văn An|12031985|Nam|Hà Nội|15132021",
        "001085012345|123456789||12031985|Nam|Hà Nội|15062021",
        "001085012345|123456789|Nguyễn Văn An|12031985||Hà Nội|15062021",
    })
    void anythingThatIsNotACccdQrIsRejectedWithoutEchoingIt(String scanned) {
        assertThat(AccessKeys.isCccdQr(scanned)).isFalse();
        assertThatThrownBy(() -> AccessKeys.fromQr(scanned))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a CCCD QR code")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("012345", "123456789", "Nguyễn"));
    }

    @Test
    void aNullQrIsRejectedAsNotACccdQr() {
        assertThat(AccessKeys.isCccdQr(null)).isFalse();
        assertThatThrownBy(() -> AccessKeys.parseQr(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theQrToStringHidesThePersonalData() {
        String text = AccessKeys.parseQr(QR7).toString();

        assertThat(text).doesNotContain("Nguyễn", "012345", "123456789", "Huế");
        assertThat(text).contains("0010••••2345");
    }

    @ParameterizedTest
    @ValueSource(strings = {"001085012345", "001 085 012 345", "001.085.012.345", " 0010-8501-2345 "})
    void anIdNumberTypedWithGroupSeparatorsGivesTheCan(String typed) {
        assertThat(AccessKeys.fromIdNumber(typed)).isEqualTo(new AccessKey.Can("012345"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00108501234", "0010850123456", "00108501234O", "001/085/012/345"})
    void anIdNumberThatIsNotTwelveDigitsIsRejected(String typed) {
        assertThatThrownBy(() -> AccessKeys.fromIdNumber(typed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an ID number must be 12 digits");
    }

    @Test
    void theIdNumberAndDatesGiveTheCccdMrzKey() {
        AccessKey.Mrz key = AccessKeys.fromIdAndDates("001085012345", LocalDate.of(1985, 3, 12),
                LocalDate.of(2045, 3, 12));

        assertThat(key).isEqualTo(new AccessKey.Mrz("085012345", "850312", "450312"));
        assertThat(key.mrzInformation()).isEqualTo("0850123452" + "8503127" + "4503129");
    }

    @Test
    void mrzFieldsAreValidated() {
        assertThat(AccessKeys.fromMrzFields(" l898902c3<< ".toUpperCase(), "740812", "120415"))
                .isEqualTo(new AccessKey.Mrz("L898902C3", "740812", "120415"));
        assertThatThrownBy(() -> AccessKeys.fromMrzFields("085012345", "851312", "450312"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("date of birth");
        assertThatThrownBy(() -> AccessKeys.fromMrzFields("085012345", "850312", "45031"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("date of expiry");
        assertThatThrownBy(() -> AccessKeys.fromMrzFields("085-012345", "850312", "450312"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("document number");
        assertThatThrownBy(() -> AccessKeys.fromMrzFields("", "850312", "450312"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortDocumentNumberIsPaddedWithFillersInTheMrzInformation() {
        // ICAO 9303-11 Appendix D.2: document number L898902C<, DOB 690806, expiry 940623
        assertThat(new AccessKey.Mrz("L898902C", "690806", "940623").mrzInformation())
                .isEqualTo("L898902C<369080619406236");
    }

    @Test
    void aCccdMrzOfThreeLinesGivesTheKey() {
        assertThat(AccessKeys.fromMrz(CCCD_MRZ)).isEqualTo(new AccessKey.Mrz("085012345", "850312", "450312"));
    }

    @Test
    void theFirstTwoLinesAreEnoughAndCaseSpacesAndMissingBreaksAreForgiven() {
        String[] lines = CCCD_MRZ.strip().split("\n");

        assertThat(AccessKeys.fromMrz(lines[0] + "\n" + lines[1]).documentNumber()).isEqualTo("085012345");
        assertThat(AccessKeys.fromMrz(lines[0].toLowerCase() + " \r\n " + lines[1]).documentNumber())
                .isEqualTo("085012345");
        assertThat(AccessKeys.fromMrz(lines[0] + lines[1] + lines[2]).documentNumber()).isEqualTo("085012345");
    }

    @Test
    void theMrzOfEverySimulatedCitizenGivesTheirKey() {
        for (int n = 1; n <= 20; n++) {
            SimCitizen citizen = SyntheticCitizens.citizen(n);
            String mrz = Mrz.of(citizen, null).toString();

            assertThat(AccessKeys.fromMrz(mrz))
                    .isEqualTo(new AccessKey.Mrz(citizen.documentNumber(), citizen.mrzDateOfBirth(),
                            citizen.mrzDateOfExpiry()));
        }
    }

    @Test
    void aPassportMrzGivesTheKey() {
        assertThat(AccessKeys.fromMrz(TD3)).isEqualTo(new AccessKey.Mrz("XX0001328", "711019", "111001"));
    }

    @Test
    void aTd1DocumentNumberLongerThanNineContinuesInTheOptionalData() {
        // document number D23145890734 (12 characters, check digit 9) per ICAO 9303-5 §4.2.4
        String line1 = "I<UTOD23145890<7349<<<<<<<<<<<";
        String line2 = "3407127M9507122UTO<<<<<<<<<<<2";
        String composite = line1.substring(5) + line2.substring(0, 7) + line2.substring(8, 15) + line2.substring(18, 29);
        line2 = line2.substring(0, 29) + vn.clinicterm.card.internal.MrzCheckDigits.of(composite);

        assertThat(AccessKeys.fromMrz(line1 + "\n" + line2).documentNumber()).isEqualTo("D23145890734");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // document number check digit wrong
        "IDVNM0850123453001085012345<<3\n8503127M4503129VNM<<<<<<<<<<<8",
        // date of birth check digit wrong
        "IDVNM0850123452001085012345<<3\n8503128M4503129VNM<<<<<<<<<<<8",
        // date of expiry check digit wrong
        "IDVNM0850123452001085012345<<3\n8503127M4503120VNM<<<<<<<<<<<8",
        // a typo in the optional data: only the composite check catches it
        "IDVNM0850123452001085012346<<3\n8503127M4503129VNM<<<<<<<<<<<8",
        // passport: expiry check digit wrong
        "P<NLDMEULENDIJK<<LOES<ALBERTINE<<<<<<<<<<<<<\nXX00013286NLD7110195F1110013123456789<<<<<76",
    })
    void aWrongCheckDigitIsRejected(String mrz) {
        assertThatThrownBy(() -> AccessKeys.fromMrz(mrz))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("check digit")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("085012345", "850312"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "IDVNM0850123452001085012345<<3", "IDVNM085012345\n8503127M450312",
        "IDVNM0850123452001085012345<<3\n8503127M4503129VNM<<<<<<<<<<<8\nNGUYEN<<VAN<AN<<<<<<<<<<<<<<<<\nX",
        "IDVNM085012345200108501234-<<3\n8503127M4503129VNM<<<<<<<<<<<8"})
    void textThatIsNotAnMrzIsRejected(String text) {
        assertThatThrownBy(() -> AccessKeys.fromMrz(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysNeverShowTheirDigits() {
        AccessKey.Can can = new AccessKey.Can("012345");
        AccessKey.Mrz mrz = new AccessKey.Mrz("085012345", "850312", "450312");

        assertThat(can.toString()).isEqualTo("CAN(******)");
        assertThat(mrz.toString()).isEqualTo("MRZ(******)");
        assertThat(java.util.List.of(can, mrz).toString()).doesNotContain("012345", "0850", "850312", "450312");
        assertThat(Optional.of(can).toString()).doesNotContain("012345");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1234567", "12345a", "", "１２３４５６"})
    void aCanMustBeSixAsciiDigits(String can) {
        assertThatThrownBy(() -> new AccessKey.Can(can))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a CAN must be exactly 6 digits");
    }
}
