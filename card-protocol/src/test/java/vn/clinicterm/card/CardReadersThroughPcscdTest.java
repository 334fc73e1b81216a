package vn.clinicterm.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.clinicterm.cardsim.SimCard;

/** Readers and card events from the real pcscd. */
class CardReadersThroughPcscdTest {

    @Test
    void theVirtualReadersAreListedWithTheirCardState() throws Exception {
        assertThat(CardReaders.platform().list()).extracting(ReaderState::name).contains(SimInPcscd.READER);
        try (SimInPcscd sim = SimInPcscd.insert(SimCard.builder().citizen(1).build().chip())) {
            assertThat(CardReaders.platform().list())
                    .contains(new ReaderState(SimInPcscd.READER, true));
        }
    }

    @Test
    void insertingAndRemovingACardAreReportedAsEvents() throws Exception {
        BlockingQueue<CardEvent> events = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = CardReaders.platform().watch(events::add,
                r -> Thread.ofVirtual().start(r), Duration.ofMillis(100))) {
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new CardEvent.ServiceAvailable());
            awaitEvent(events, new CardEvent.ReaderAttached(SimInPcscd.READER));
            try (SimInPcscd sim = SimInPcscd.insert(SimCard.builder().citizen(1).build().chip())) {
                awaitEvent(events, new CardEvent.CardInserted(SimInPcscd.READER));
            }
            awaitEvent(events, new CardEvent.CardRemoved(SimInPcscd.READER));
        }
    }

    private static void awaitEvent(BlockingQueue<CardEvent> events, CardEvent expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            CardEvent e = events.poll(200, TimeUnit.MILLISECONDS);
            if (expected.equals(e)) {
                return;
            }
        }
        throw new AssertionError("no " + expected + " within 10 s");
    }
}
