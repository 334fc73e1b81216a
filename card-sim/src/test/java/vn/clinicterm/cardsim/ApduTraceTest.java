package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ApduTraceTest {

    private final ApduTrace trace = ApduTrace.recording();
    private final VirtualCard card = trace.wrap(new FakeEchoCard());

    @Test
    void eachExchangeIsRecordedWithItsShape() {
        card.transmit(new byte[] {0x00, 0x2A, 0x00, 0x00, 0x03, 1, 2, 3, 0x00});
        card.transmit(new byte[] {0x0C, (byte) 0xB0, 0x00, 0x00, 0x02, 9, 9});

        assertThat(trace.exchanges()).hasSize(2);
        ApduTrace.Exchange plain = trace.exchanges().get(0);
        assertThat(plain.commandLength()).isEqualTo(9);
        assertThat(plain.commandDataLength()).isEqualTo(3);
        assertThat(plain.responseLength()).isEqualTo(5);
        assertThat(plain.responseDataLength()).isEqualTo(3);
        assertThat(plain.ins()).isEqualTo(0x2A);
        assertThat(plain.statusWord()).isEqualTo(0x9000);
        assertThat(plain.secureMessaging()).isFalse();
        assertThat(trace.exchanges().get(1).secureMessaging()).isTrue();
    }

    @Test
    void aCardLeavingTheFieldIsRecordedAndStillThrown() {
        assertThatThrownBy(() -> card.transmit(new byte[] {0x00, (byte) FakeEchoCard.INS_TEAR, 0x00, 0x00}))
                .isInstanceOf(VirtualCard.CardRemovedException.class);

        ApduTrace.Exchange torn = trace.exchanges().getFirst();
        assertThat(torn.cardRemoved()).isTrue();
        assertThat(torn.responseLength()).isZero();
        assertThat(torn.statusWord()).isEqualTo(-1);
    }

    @Test
    void theSummaryAddsUpBytesAndCountsSecureMessaging() {
        card.transmit(new byte[] {0x00, 0x2A, 0x00, 0x00, 0x03, 1, 2, 3, 0x00});
        card.transmit(new byte[] {0x0C, (byte) 0xB0, 0x00, 0x00, 0x02, 9, 9});
        card.transmit(new byte[] {0x00, (byte) FakeEchoCard.INS_MAKE_RESPONSE, 0x01, 0x2C});

        ApduTrace.Summary summary = trace.summary();

        assertThat(summary.apdus()).isEqualTo(3);
        assertThat(summary.secureMessagingApdus()).isEqualTo(1);
        assertThat(summary.commandBytes()).isEqualTo(9 + 7 + 4);
        assertThat(summary.responseBytes()).isEqualTo(5 + 4 + 302);
        assertThat(summary.payloadBytes()).isEqualTo((3 + 2) + (3 + 2 + 300));
        assertThat(summary.toString()).startsWith("3 APDUs (1 SM), 20 B out / 311 B in, payload 310 B");
    }

    @Test
    void aTraceHoldsNoApduBytes() {
        assertThat(Arrays.stream(ApduTrace.Exchange.class.getRecordComponents()).map(c -> c.getType()).toList())
                .allMatch(type -> type.isPrimitive() || type == java.time.Duration.class, "primitive or Duration");
    }
}
