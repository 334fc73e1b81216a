package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CardTerminals.State;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.junit.jupiter.api.Test;

class SimTerminalsTest {

    private static final String READER_0 = "ClinicTerm Virtual Reader 0";
    private static final String READER_1 = "ClinicTerm Virtual Reader 1";
    private static final CommandAPDU ECHO = new CommandAPDU(0x00, 0x2A, 0x00, 0x00, new byte[] {7, 8}, 256);

    private final SimTerminals sim = SimTerminals.withReaders(2);
    private final FakeEchoCard card = new FakeEchoCard();

    private static String names(java.util.List<CardTerminal> terminals) {
        return String.join(",", terminals.stream().map(CardTerminal::getName).toList());
    }

    @Test
    void theFactoryListsItsNamedReadersUnderItsOwnType() throws Exception {
        assertThat(sim.factory().getType()).isEqualTo("ClinicTermSim");
        assertThat(sim.readerNames()).containsExactly(READER_0, READER_1);
        assertThat(names(sim.factory().terminals().list())).isEqualTo(READER_0 + "," + READER_1);
        assertThat(sim.factory().terminals().getTerminal("no such reader")).isNull();
    }

    @Test
    void anInsertedCardIsPresentAndAnswersOnTheBasicChannel() throws Exception {
        sim.insert(READER_0, card);
        CardTerminals terminals = sim.factory().terminals();

        assertThat(names(terminals.list(State.CARD_PRESENT))).isEqualTo(READER_0);
        assertThat(names(terminals.list(State.CARD_ABSENT))).isEqualTo(READER_1);
        CardTerminal terminal = terminals.getTerminal(READER_0);
        assertThat(terminal.isCardPresent()).isTrue();
        Card connection = terminal.connect("*");
        assertThat(connection.getProtocol()).isEqualTo("T=1");
        assertThat(connection.getATR().getBytes()).containsExactly(FakeEchoCard.ATR);
        ResponseAPDU response = connection.getBasicChannel().transmit(ECHO);

        assertThat(response.getSW()).isEqualTo(0x9000);
        assertThat(response.getData()).containsExactly(7, 8);
        assertThat(card.powerOns.get()).isEqualTo(1);
    }

    @Test
    void connectingToAnEmptyReaderSaysNoCardIsPresent() {
        CardTerminal terminal = sim.factory().terminals().getTerminal(READER_1);

        assertThatThrownBy(() -> terminal.connect("*")).isInstanceOf(CardNotPresentException.class);
    }

    @Test
    void contactlessProtocolsAreAcceptedAndT0IsNot() throws Exception {
        sim.insert(READER_0, card);
        CardTerminal terminal = sim.factory().terminals().getTerminal(READER_0);

        assertThatThrownBy(() -> terminal.connect("T=0")).isInstanceOf(CardException.class);
        assertThatThrownBy(() -> terminal.connect("T=9")).isInstanceOf(IllegalArgumentException.class);
        Card contactless = terminal.connect("T=CL");
        assertThat(contactless.getProtocol()).isEqualTo("T=CL");
        assertThat(terminal.connect("*")).as("live connection handed out again").isSameAs(contactless);
        contactless.disconnect(false);
        assertThat(terminal.connect("T=1").getProtocol()).isEqualTo("T=1");
    }

    @Test
    void waitForChangeReturnsWhenACardIsInsertedAndListsTheInsertion() throws Exception {
        CardTerminals terminals = sim.factory().terminals();
        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
            sleep(150);
            sim.insert(READER_1, card);
        });

        assertThat(terminals.waitForChange(5_000)).isTrue();

        later.get(5, TimeUnit.SECONDS);
        assertThat(names(terminals.list(State.CARD_INSERTION))).isEqualTo(READER_1);
        assertThat(terminals.list(State.CARD_REMOVAL)).isEmpty();
    }

    @Test
    void waitForChangeTimesOutWhenNothingHappensAndReturnsAtOnceForAnEarlierChange() throws Exception {
        CardTerminals terminals = sim.factory().terminals();
        assertThat(terminals.waitForChange(100)).isFalse();

        sim.insert(READER_0, card);
        long start = System.nanoTime();
        assertThat(terminals.waitForChange(5_000)).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));

        sim.remove(READER_0);
        assertThat(terminals.waitForChange(5_000)).isTrue();
        assertThat(names(terminals.list(State.CARD_REMOVAL))).isEqualTo(READER_0);
        assertThat(terminals.list(State.CARD_INSERTION)).isEmpty();
    }

    @Test
    void aCardSwappedBetweenTwoWaitsCountsAsBothRemovalAndInsertion() throws Exception {
        sim.insert(READER_0, card);
        CardTerminals terminals = sim.factory().terminals();
        assertThat(terminals.waitForChange(50)).isFalse();

        sim.insert(READER_0, new FakeEchoCard());
        assertThat(terminals.waitForChange(5_000)).isTrue();

        assertThat(names(terminals.list(State.CARD_REMOVAL))).isEqualTo(READER_0);
        assertThat(names(terminals.list(State.CARD_INSERTION))).isEqualTo(READER_0);
        assertThat(card.powerOffs.get()).isEqualTo(1);
    }

    @Test
    void afterRemovalTheConnectionFailsLikeAPcscOne() throws Exception {
        sim.insert(READER_0, card);
        CardTerminal terminal = sim.factory().terminals().getTerminal(READER_0);
        Card connection = terminal.connect("*");
        CardChannel channel = connection.getBasicChannel();

        sim.remove(READER_0);

        assertThat(terminal.waitForCardAbsent(1_000)).isTrue();
        assertThatThrownBy(() -> channel.transmit(ECHO)).isInstanceOf(CardException.class);
        assertThatThrownBy(() -> channel.transmit(ECHO)).isInstanceOf(IllegalStateException.class);
        sim.insert(READER_0, card);
        assertThatThrownBy(connection::getBasicChannel)
                .as("an old connection stays dead after a new insertion")
                .isInstanceOf(IllegalStateException.class);
        assertThat(terminal.connect("*").getBasicChannel().transmit(ECHO).getSW()).isEqualTo(0x9000);
    }

    @Test
    void aChipLeavingTheFieldIsRemovedFromItsReader() throws Exception {
        sim.insert(READER_0, card);
        CardTerminals terminals = sim.factory().terminals();
        assertThat(terminals.waitForChange(10)).isFalse();
        CardChannel channel = terminals.getTerminal(READER_0).connect("*").getBasicChannel();

        assertThatThrownBy(() -> channel.transmit(new CommandAPDU(0x00, FakeEchoCard.INS_TEAR, 0x00, 0x00)))
                .isInstanceOf(CardException.class);

        assertThat(sim.isCardPresent(READER_0)).isFalse();
        assertThat(terminals.waitForChange(1_000)).isTrue();
        assertThat(names(terminals.list(State.CARD_REMOVAL))).isEqualTo(READER_0);
        assertThat(card.powerOffs.get()).isEqualTo(1);
    }

    @Test
    void waitForCardPresentAndAbsentFollowInsertAndRemove() throws Exception {
        CardTerminal terminal = sim.factory().terminals().getTerminal(READER_1);
        assertThat(terminal.waitForCardPresent(50)).isFalse();
        assertThat(terminal.waitForCardAbsent(50)).isTrue();

        CompletableFuture.runAsync(() -> {
            sleep(100);
            sim.insert(READER_1, card);
        });
        assertThat(terminal.waitForCardPresent(5_000)).isTrue();

        CompletableFuture.runAsync(() -> {
            sleep(100);
            sim.remove(READER_1);
        });
        assertThat(terminal.waitForCardAbsent(5_000)).isTrue();
    }

    @Test
    void logicalChannelsAndControlCommandsAreRefusedAndExclusiveAccessIsANoOp() throws Exception {
        sim.insert(READER_0, card);
        Card connection = sim.factory().terminals().getTerminal(READER_0).connect("*");

        assertThatThrownBy(connection::openLogicalChannel).isInstanceOf(CardException.class);
        assertThatThrownBy(() -> connection.transmitControlCommand(0x42000000 + 3400, new byte[0]))
                .isInstanceOf(CardException.class);
        assertThatThrownBy(() -> connection.getBasicChannel().transmit(new CommandAPDU(0x00, 0x70, 0x00, 0x00, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        connection.beginExclusive();
        connection.endExclusive();
    }

    @Test
    void disconnectWithResetPowerCyclesTheCard() throws Exception {
        sim.insert(READER_0, card);
        Card connection = sim.factory().terminals().getTerminal(READER_0).connect("*");

        connection.disconnect(true);

        assertThat(card.powerOffs.get()).isEqualTo(1);
        assertThat(card.powerOns.get()).isEqualTo(2);
        assertThatThrownBy(connection::getBasicChannel).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a61xxAnswerIsCompletedWithGetResponseAsTheJdkDoes() throws Exception {
        VirtualCard chunked = new VirtualCard() {
            @Override
            public byte[] atr() {
                return FakeEchoCard.ATR.clone();
            }

            @Override
            public void powerOn() {}

            @Override
            public void powerOff() {}

            @Override
            public byte[] transmit(byte[] command) {
                if ((command[1] & 0xFF) == 0xC0) {
                    return new byte[] {3, 4, (byte) 0x90, 0x00};
                }
                return new byte[] {1, 2, 0x61, 0x02};
            }
        };
        sim.insert(READER_0, chunked);

        ResponseAPDU response = sim.factory().terminals().getTerminal(READER_0).connect("*")
                .getBasicChannel().transmit(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, 256));

        assertThat(response.getData()).containsExactly(1, 2, 3, 4);
        assertThat(response.getSW()).isEqualTo(0x9000);
    }

    @Test
    void eachTerminalsViewKeepsItsOwnMemoryOfChanges() throws Exception {
        CardTerminals first = sim.factory().terminals();
        CardTerminals second = sim.factory().terminals();
        assertThat(first.waitForChange(10)).isFalse();

        sim.insert(READER_0, card);
        assertThat(first.waitForChange(1_000)).isTrue();

        assertThat(names(first.list(State.CARD_INSERTION))).isEqualTo(READER_0);
        assertThat(names(second.list(State.CARD_INSERTION)))
                .as("never waited: event queries act as presence queries")
                .isEqualTo(READER_0);
        assertThat(second.waitForChange(50)).as("first wait blocks for a new change").isFalse();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
