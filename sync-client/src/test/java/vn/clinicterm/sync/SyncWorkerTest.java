package vn.clinicterm.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncWorkerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant START = Instant.parse("2026-11-28T08:00:00Z");

    MockWebServer server;
    MutableClock clock = new MutableClock(START);
    FakeOutbox outbox = new FakeOutbox();
    RecordingSyncListener listener = new RecordingSyncListener();
    SyncClients clients;
    /** Responses to give before the default "accept everything"; each is a status (0 = accept). */
    ConcurrentLinkedQueue<MockResponse> scripted = new ConcurrentLinkedQueue<>();
    List<List<Long>> batches = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse s = scripted.poll();
                if (s != null) {
                    return s;
                }
                if (request.getUrl().encodedPath().equals("/v1/eligibility")) {
                    return new MockResponse.Builder().code(200).body(CentralClientTest.ELIGIBLE).build();
                }
                try {
                    JsonNode body = JSON.readTree(request.getBody().utf8());
                    StringBuilder sb = new StringBuilder("{\"results\":[");
                    List<Long> seqs = new ArrayList<>();
                    for (JsonNode item : body.get("visits")) {
                        seqs.add(item.get("sequence").longValue());
                        sb.append(seqs.size() == 1 ? "" : ",").append("{\"idempotencyKey\":\"")
                                .append(item.get("idempotencyKey").textValue()).append("\",\"status\":\"ACCEPTED\"}");
                    }
                    synchronized (batches) {
                        batches.add(seqs);
                    }
                    return new MockResponse.Builder().code(200).body(sb.append("]}").toString()).build();
                } catch (Exception e) {
                    return new MockResponse.Builder().code(400).build();
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        server.close();
    }

    SyncWorker.Builder worker() {
        SyncConfig config = SyncConfig.builder().baseUrl(server.url("/").toString()).facilityCode("79001")
                .callTimeout(Duration.ofSeconds(3)).build();
        clients = SyncClients.builder(config).clock(clock).build();
        return SyncWorker.builder().outbox(outbox).clients(clients).clock(clock).random(new Random(1))
                .listener(listener).backoff(new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60),
                        Duration.ofMinutes(10)));
    }

    OutboxEntry visit(String patient) {
        String id = "v-" + UUID.randomUUID();
        return outbox.add(OutboxEntry.Kind.VISIT, patient, id, OutboxPayloads.visit(id, START, "79001"));
    }

    @Test
    void entriesOfOnePatientAreSentInOrderOnePerBatch() {
        OutboxEntry a1 = visit("A");
        OutboxEntry a2 = visit("A");
        OutboxEntry b1 = visit("B");
        OutboxEntry a3 = visit("A");
        OutboxEntry b2 = visit("B");
        SyncWorker w = worker().build();

        w.runOnce();
        w.runOnce();
        w.runOnce();

        assertThat(batches).containsExactly(List.of(a1.sequence(), b1.sequence()), List.of(a2.sequence(), b2.sequence()),
                List.of(a3.sequence()));
        assertThat(outbox.state().done()).isEqualTo(5);
        assertThat(outbox.state().lastSuccess()).contains(START);
    }

    @Test
    void aBusyServerDelaysTheEntryAtLeastUntilRetryAfterAndPausesTheWorker() {
        OutboxEntry v = visit("A");
        scripted.add(new MockResponse.Builder().code(503).addHeader("Retry-After", "30").build());
        SyncWorker w = worker().build();

        SyncWorker.Round r = w.runOnce();

        assertThat(r.paused()).isTrue();
        assertThat(outbox.stateOf(v.idempotencyKey())).isEqualTo(OutboxEntry.State.RETRY_WAIT);
        assertThat(outbox.notBefore(v.idempotencyKey())).isAfterOrEqualTo(START.plusSeconds(30));
        assertThat(outbox.lastReason(v.idempotencyKey())).contains("SERVER_BUSY (HTTP 503): HTTP 503");
        clock.advance(Duration.ofSeconds(29));
        assertThat(w.runOnce()).isEqualTo(SyncWorker.Round.IDLE);
        assertThat(server.getRequestCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(w.runOnce().delivered()).isEqualTo(1);
        assertThat(outbox.entry(v.idempotencyKey()).attempts()).isEqualTo(1);
    }

    @Test
    void aRefusedEntryGoesToTheDeadLetterListAndNoLongerBlocksItsPatient() {
        OutboxEntry bad = visit("A");
        OutboxEntry next = visit("A");
        scripted.add(new MockResponse.Builder().code(400).body("{\"error\":\"INVALID\"}").build());
        SyncWorker w = worker().build();

        w.runOnce();
        w.runOnce();

        assertThat(outbox.stateOf(bad.idempotencyKey())).isEqualTo(OutboxEntry.State.DEAD_LETTER);
        assertThat(outbox.stateOf(next.idempotencyKey())).isEqualTo(OutboxEntry.State.DONE);
        assertThat(w.state().deadLetters()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("REJECTED (HTTP 400): HTTP 400 INVALID"));
        assertThat(listener.deadLetters()).hasSize(1);
    }

    @Test
    void entriesLeftInFlightByAKilledWorkerAreResentWithTheSameKey() throws Exception {
        OutboxEntry v = visit("A");
        outbox.markInFlight(List.of(v.idempotencyKey()));
        FakeOutbox onDisk = outbox.copyAsAfterCrash();
        outbox = onDisk;

        worker().build().runOnce();

        assertThat(onDisk.stateOf(v.idempotencyKey())).isEqualTo(OutboxEntry.State.DONE);
        assertThat(server.takeRequest().getBody().utf8()).contains(v.idempotencyKey().toString());
    }

    @Test
    void aQueuedEligibilityCheckIsAnsweredWhenTheServerComesBackAndTheListenerHears() throws Exception {
        EligibilityQuery q = EligibilityQuery.of("001085012345", "Nguyễn Văn An", LocalDate.of(1985, 3, 12));
        OutboxEntry e = outbox.add(OutboxEntry.Kind.ELIGIBILITY_CHECK, "A", "visit-7", OutboxPayloads.eligibilityCheck(q));
        scripted.add(new MockResponse.Builder().code(503).build());
        SyncWorker w = worker().build();

        w.runOnce();
        assertThat(outbox.stateOf(e.idempotencyKey())).isEqualTo(OutboxEntry.State.RETRY_WAIT);
        assertThat(listener.resolvedSoFar()).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        w.runOnce();

        RecordingSyncListener.Resolved r = listener.takeResolved(1000);
        assertThat(r.visitId()).isEqualTo("visit-7");
        assertThat(r.result()).isInstanceOf(EligibilityResult.Eligible.class);
        assertThat(outbox.receipt(e.idempotencyKey()).orElseThrow().status()).isEqualTo("ELIGIBLE");
    }

    @Test
    void theScheduledWorkerDrainsAndStopsCleanly() throws Exception {
        for (int i = 0; i < 30; i++) {
            visit("P" + (i % 7));
        }
        ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor();
        try {
            SyncWorker w = worker().scheduler(exec).batchSize(5).idlePoll(Duration.ofMillis(20)).build();
            w.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!outbox.state().drained() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(w.stop(Duration.ofSeconds(5))).isTrue();
            assertThat(outbox.state().done()).isEqualTo(30);
            assertThat(w.status().running()).isFalse();
        } finally {
            exec.shutdownNow();
        }
    }
}
