package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.clinicterm.cardsim.internal.LinkDelayCard;

class LinkModelTest {

    private static ApduTrace.Exchange exchange(int commandLength, int responseLength) {
        return new ApduTrace.Exchange(commandLength, 0, responseLength, Math.max(0, responseLength - 2), 0xB0,
                0x9000, false, false, Duration.ofMillis(1));
    }

    /** SELECT (13 -> 2 bytes) and a 300-byte READ BINARY (7 -> 302 bytes). */
    private static final ApduTrace KNOWN = ApduTrace.of(List.of(exchange(13, 2), exchange(7, 302)));

    @Test
    void aShortExchangeCostsThreeFramingBytesEachWay() {
        assertThat(LinkModel.airBytes(13, 2)).isEqualTo(16 + 5);
    }

    @Test
    void aMessageLongerThanOneFrameIsChainedWithAnAckPerExtraFrame() {
        assertThat(LinkModel.airBytes(253, 0)).as("fills one 256-byte frame").isEqualTo(256);
        assertThat(LinkModel.airBytes(254, 0)).as("two I-blocks and one R(ACK)").isEqualTo(254 + 2 * 3 + 3);
        assertThat(LinkModel.airBytes(7, 302)).isEqualTo(10 + 302 + 2 * 3 + 3);
    }

    @Test
    void aKnownTraceAt106KbpsTakesItsBitTimesPlusLatencyPerApdu() {
        LinkModel link = new LinkModel(106, Duration.ofMillis(5));

        // (21 + 321) bytes * 9 bits = 3078 bits; 3078 / 106 kbit/s = 29,037,735.8 ns, rounded up
        assertThat(link.modelledTime(KNOWN)).isEqualTo(Duration.ofNanos(29_037_736L + 10_000_000L));
    }

    @Test
    void theSameTraceAt848KbpsIsEightTimesFasterOnTheAir() {
        LinkModel link = new LinkModel(848, Duration.ZERO);

        assertThat(link.modelledTime(KNOWN)).isEqualTo(Duration.ofNanos(3_629_717L));
    }

    @Test
    void onlyTheIso14443BitRatesAreAccepted() {
        assertThatThrownBy(() -> new LinkModel(100, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkModel(212, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDelayingCardWaitsTheModelledTimeOfEachExchange() {
        LinkModel link = new LinkModel(106, Duration.ofMillis(2));
        List<Duration> slept = new ArrayList<>();
        VirtualCard slow = new LinkDelayCard(new FakeEchoCard(), link, slept::add);

        byte[] response = slow.transmit(new byte[] {0x00, (byte) FakeEchoCard.INS_MAKE_RESPONSE, 0x01, 0x2C});

        assertThat(response).hasSize(302);
        assertThat(slept).containsExactly(link.modelledTime(4, 302));
    }
}
