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
}
