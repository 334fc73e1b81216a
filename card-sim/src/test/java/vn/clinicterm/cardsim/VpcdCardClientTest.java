package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Through the real pcscd and vpcd: what a program on this machine sees of a card the client serves. */
class VpcdCardClientTest {

    private static final long SEEN_WITHIN_MS = 5_000;

    private CardTerminal reader;
    private FakeEchoCard card;
    private VpcdCardClient client;

    @BeforeEach
    void setUp() {
        reader = PcscTestSupport.emptyVirtualReader();
        card = new FakeEchoCard();
    }

    @AfterEach
    void tearDown() throws CardException {
        if (client != null) {
            client.close();
        }
        reader.waitForCardAbsent(SEEN_WITHIN_MS);
    }

    private VpcdCardClient started(VpcdCardClient.Builder builder) throws InterruptedException {
        client = builder.port(PcscTestSupport.PORT).build().start();
        assertThat(client.awaitConnected(Duration.ofSeconds(10)))
                .as("pcscd accepted the card on port %d", PcscTestSupport.PORT)
                .isTrue();
        return client;
    }

    @Test
    void aConnectedCardIsPresentInTheVirtualReaderWithItsAtr() throws Exception {
        started(VpcdCardClient.builder().card(card));

        assertThat(reader.waitForCardPresent(SEEN_WITHIN_MS)).isTrue();
        Card connection = reader.connect("*");
        assertThat(HexFormat.of().formatHex(connection.getATR().getBytes())).isEqualTo("3b80800101");
        assertThat(card.powerOns.get()).isPositive();
        connection.disconnect(false);
    }

    @Test
    void anApduReachesTheCardAndItsEchoComesBack() throws Exception {
        started(VpcdCardClient.builder().card(card));
        assertThat(reader.waitForCardPresent(SEEN_WITHIN_MS)).isTrue();

        Card connection = reader.connect("*");
        ResponseAPDU response = connection.getBasicChannel()
                .transmit(new CommandAPDU(0x00, 0x2A, 0x00, 0x00, new byte[] {1, 2, 3, 4}, 256));

        assertThat(response.getSW()).isEqualTo(0x9000);
        assertThat(response.getData()).containsExactly(1, 2, 3, 4);
        connection.disconnect(false);
    }

    @Test
    void anExtendedLengthResponseOf300BytesArrivesIntact() throws Exception {
        started(VpcdCardClient.builder().card(card));
        assertThat(reader.waitForCardPresent(SEEN_WITHIN_MS)).isTrue();

        Card connection = reader.connect("*");
        ResponseAPDU response = connection.getBasicChannel()
                .transmit(new CommandAPDU(0x00, FakeEchoCard.INS_MAKE_RESPONSE, 0x01, 0x2C, 65_536));

        assertThat(response.getSW()).isEqualTo(0x9000);
        byte[] data = response.getData();
        assertThat(data).hasSize(300);
        for (int i = 0; i < data.length; i++) {
            assertThat(data[i]).as("byte %d", i).isEqualTo((byte) i);
        }
        connection.disconnect(false);
    }

    @Test
    void removingTheCardMakesTheReaderReportNoCardAndInsertingBringsItBack() throws Exception {
        started(VpcdCardClient.builder().card(card));
        assertThat(reader.waitForCardPresent(SEEN_WITHIN_MS)).isTrue();

        client.remove();

        assertThat(reader.waitForCardAbsent(SEEN_WITHIN_MS)).isTrue();
        assertThat(client.state()).isEqualTo(VpcdCardClient.State.NO_CARD);

        FakeEchoCard another = new FakeEchoCard();
        client.insert(another);
        assertThat(client.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(reader.waitForCardPresent(SEEN_WITHIN_MS)).isTrue();
        Card connection = reader.connect("*");
        connection.getBasicChannel().transmit(new CommandAPDU(0x00, 0x2A, 0x00, 0x00, 2));
        assertThat(another.commands.get()).isEqualTo(1);
        connection.disconnect(false);
    }

    @Test
    void aCardThatLeavesTheFieldVanishesFromTheReaderAndStaysOut() throws Exception {
        started(VpcdCardClient.builder().card(card));
        assertThat(reader.waitForCardPresent(SEEN_WITHIN_MS)).isTrue();
        Card connection = reader.connect("*");

        assertThatThrownBy(() -> connection.getBasicChannel()
                        .transmit(new CommandAPDU(0x00, FakeEchoCard.INS_TEAR, 0x00, 0x00)))
                .as("vpcd hands pcscd an empty answer for a vanished card; a real reader gives CardException")
                .isInstanceOfAny(CardException.class, IllegalArgumentException.class);

        assertThat(reader.waitForCardAbsent(SEEN_WITHIN_MS)).isTrue();
        Thread.sleep(1_000);
        assertThat(reader.isCardPresent()).as("still out a second later").isFalse();
        assertThat(client.state()).isEqualTo(VpcdCardClient.State.NO_CARD);
    }

    @Test
    void aTornCardComesBackWhenReinsertionIsConfigured() throws Exception {
        started(VpcdCardClient.builder().card(card).reinsertAfter(Duration.ofMillis(500)));
        assertThat(reader.waitForCardPresent(SEEN_WITHIN_MS)).isTrue();
        Card connection = reader.connect("*");

        assertThatThrownBy(() -> connection.getBasicChannel()
                        .transmit(new CommandAPDU(0x00, FakeEchoCard.INS_TEAR, 0x00, 0x00)))
                .as("vpcd hands pcscd an empty answer for a vanished card; a real reader gives CardException")
                .isInstanceOfAny(CardException.class, IllegalArgumentException.class);
        assertThat(reader.waitForCardAbsent(SEEN_WITHIN_MS)).isTrue();

        assertThat(reader.waitForCardPresent(SEEN_WITHIN_MS)).isTrue();
        Card again = reader.connect("*");
        assertThat(again.getBasicChannel().transmit(new CommandAPDU(0x00, 0x2A, 0x00, 0x00, 2)).getSW())
                .isEqualTo(0x9000);
        again.disconnect(false);
    }

    @Test
    void closingTheClientTakesTheCardOutOfTheReader() throws Exception {
        started(VpcdCardClient.builder().card(card));
        assertThat(reader.waitForCardPresent(SEEN_WITHIN_MS)).isTrue();

        client.close();

        assertThat(reader.waitForCardAbsent(SEEN_WITHIN_MS)).isTrue();
        assertThat(client.state()).isEqualTo(VpcdCardClient.State.CLOSED);
        assertThat(card.powerOffs.get()).isPositive();
    }
}
