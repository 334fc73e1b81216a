package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.clinicterm.card.AccessKey;

class AccessKeyInputTest {

    @Test
    void aScannedCccdQrIsRecognisedAndGivesTheCan() {
        AccessKeyInput in = AccessKeyInput.of("001085012345|123456789|Nguyễn Văn An|12031985|Nam|Hà Nội|01012021\n");

        assertThat(in.kind()).isEqualTo(AccessKeyInput.Kind.QR);
        assertThat(in.accessKey()).contains(new AccessKey.Can("012345"));
    }

    @Test
    void sixDigitsAreACanAndTwelveAnIdNumber() {
        assertThat(AccessKeyInput.of("012345").kind()).isEqualTo(AccessKeyInput.Kind.CAN);
        assertThat(AccessKeyInput.of("001 085 012 345").kind()).isEqualTo(AccessKeyInput.Kind.ID_NUMBER);
        assertThat(AccessKeyInput.of("001 085 012 345").accessKey()).contains(new AccessKey.Can("012345"));
        assertThat(AccessKeyInput.of("0123").kind()).isEqualTo(AccessKeyInput.Kind.INCOMPLETE);
        assertThat(AccessKeyInput.of("").ready()).isFalse();
    }

    @Test
    void aQrThatIsNotACccdIsNotAKey() {
        AccessKeyInput in = AccessKeyInput.of("https://example.invalid/|x|y");

        assertThat(in.kind()).isEqualTo(AccessKeyInput.Kind.NOT_A_KEY);
        assertThat(in.accessKey()).isEmpty();
        assertThat(in.toString()).doesNotContain("example");
    }

    @Test
    void theMrzFieldsTakeTheIdOrTheDocumentNumberAndPrintedOrMrzDates() {
        AccessKey.Mrz expected = new AccessKey.Mrz("085012345", "850312", "450312");

        assertThat(AccessKeyInput.mrzFields("001 085 012 345", "12/03/1985", "12.03.2045"))
                .isInstanceOfSatisfying(AccessKeyInput.MrzEntry.Ok.class,
                        ok -> assertThat(ok.input().accessKey()).contains(expected));
        assertThat(AccessKeyInput.mrzFields("085012345", "850312", "12032045"))
                .isInstanceOfSatisfying(AccessKeyInput.MrzEntry.Ok.class, ok -> {
                    assertThat(ok.input().kind()).isEqualTo(AccessKeyInput.Kind.MRZ);
                    assertThat(ok.input().accessKey()).contains(expected);
                    assertThat(ok.input().text()).isEmpty();
                });
    }

    @Test
    void aBadMrzFieldIsNamedAndAMissingOneIsIncomplete() {
        assertThat(AccessKeyInput.mrzFields("08501234", "12/03/1985", "12/03/2045"))
                .isEqualTo(new AccessKeyInput.MrzEntry.Invalid(AccessKeyInput.MrzProblem.DOCUMENT_NUMBER));
        assertThat(AccessKeyInput.mrzFields("085012345", "30/02/1985", "12/03/2045"))
                .isEqualTo(new AccessKeyInput.MrzEntry.Invalid(AccessKeyInput.MrzProblem.DATE_OF_BIRTH));
        assertThat(AccessKeyInput.mrzFields("085012345", "12/03/1985", "451312"))
                .isEqualTo(new AccessKeyInput.MrzEntry.Invalid(AccessKeyInput.MrzProblem.DATE_OF_EXPIRY));
        assertThat(AccessKeyInput.mrzFields("085012345", "", "12/03/2045"))
                .isInstanceOf(AccessKeyInput.MrzEntry.Incomplete.class);
    }

    @Test
    void typedMrzLinesAreAKeyWhenTheirCheckDigitsHold() {
        String id = "001085012345";
        org.jmrtd.lds.icao.MRZInfo mrz = org.jmrtd.lds.icao.MRZInfo.createTD1MRZInfo("ID", "VNM", "085012345",
                id + "<<" + org.jmrtd.lds.icao.MRZInfo.checkDigit(id), "850312", net.sf.scuba.data.Gender.MALE,
                "450312", "VNM", "", "NGUYEN", "VAN<AN");
        String lines = mrz.toString();

        AccessKeyInput in = AccessKeyInput.of(lines);
        assertThat(in.kind()).isEqualTo(AccessKeyInput.Kind.MRZ);
        assertThat(in.accessKey()).contains(new AccessKey.Mrz("085012345", "850312", "450312"));

        String broken = lines.replaceFirst("850312", "850313");
        assertThat(AccessKeyInput.of(broken).kind()).isEqualTo(AccessKeyInput.Kind.NOT_A_KEY);
    }
}
