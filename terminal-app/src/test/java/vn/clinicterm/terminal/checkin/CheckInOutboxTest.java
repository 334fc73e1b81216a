package vn.clinicterm.terminal.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.centralsim.CentralSim;
import vn.clinicterm.centralsim.CheckInReceiver;
import vn.clinicterm.centralsim.FaultSpec;
import vn.clinicterm.centralsim.SimCheckInReceiver;
import vn.clinicterm.sync.BackoffPolicy;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.CheckInStatus;
import vn.clinicterm.terminal.storage.CheckIns;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.sync.TerminalSync;

/**
 * Issue 9: check-in records go through a durable outbox — pending while the gateway is down, delivered once by the
 * scheduled worker, retried after a lost answer without a second transaction, dead-lettered when refused.
 */
class CheckInOutboxTest {

    static final BackoffPolicy FAST = new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(300),
            Duration.ofHours(1));

    @TempDir
    Path dir;
    VisitLog log;
    CheckIns outbox;

    @BeforeEach
    void open() {
        log = CheckInFixture.open(dir, Clock.systemUTC());
        outbox = CheckIns.of(log);
    }

    @AfterEach
    void close() {
        log.close();
    }

    static CheckInSettings settings(String baseUrl) {
        return CheckInSettings.of(URI.create(baseUrl), "79", "79001", CentralSim.DEFAULT_PASSWORD);
    }

    CheckInSender sender(CheckInSettings s, GatewayCheckIn gateway) {
        return new CheckInSender(log, s, gateway, Clock.systemUTC(), FAST, new Random(1));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aCheckInQueuedWhileTheGatewayIsDownIsDeliveredOnceByTheScheduledWorkerWhenItComesBack() throws Exception {
        int port = CheckInFixture.freePort();
        String url = "http://127.0.0.1:" + port;
        SyncConfig config = SyncConfig.builder().baseUrl(url).facilityCode("79001")
                .password(CentralSim.DEFAULT_PASSWORD).connectTimeout(Duration.ofSeconds(1))
                .callTimeout(Duration.ofSeconds(3)).backoff(FAST).build();
        long id = CheckInFixture.visit(log, 1, "LK-DOWN-1");
        assertThat(outbox.queue(id)).isTrue();
        SimCheckInReceiver receiver = new SimCheckInReceiver(Clock.systemUTC());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try (TerminalSync sync = TerminalSync.builder(log, config).scheduler(scheduler).checkIn(settings(url))
                .checkInPoll(Duration.ofMillis(50)).build()) {
            sync.start();

            await("the worker tried twice while the gateway is down", Duration.ofSeconds(10),
                    () -> outbox.entry(id).orElseThrow().attempts() >= 2);
            CheckIns.Entry waiting = outbox.entry(id).orElseThrow();
            assertThat(waiting.state()).isEqualTo(CheckInStatus.State.QUEUED);
            assertThat(waiting.error()).get().asString().contains("unreachable");
            assertThat(log.checkInStatus(id).orElseThrow().maGiaoDich()).isEmpty();

            try (CentralSim sim = CentralSim.builder().port(port).checkInReceiver(receiver).start()) {
                await("the record is delivered", Duration.ofSeconds(10),
                        () -> log.checkInStatus(id).orElseThrow().state() == CheckInStatus.State.SENT);
                Thread.sleep(300); // a second delivery would happen within a few polls
                CheckInStatus sent = log.checkInStatus(id).orElseThrow();
                assertThat(receiver.accepted()).singleElement().satisfies(a -> {
                    assertThat(a.maGiaoDich()).isEqualTo(sent.maGiaoDich().orElseThrow());
                    assertThat(a.fields()).containsEntry("MA_LK", "LK-DOWN-1");
                });
                assertThat(sent.thoiGianTiepNhan()).get().asString().hasSize(14);
                assertThat(log.auditEntries(0, 1000)).filteredOn(e -> e.type() == AuditType.CHECKIN)
                        .singleElement().satisfies(e -> assertThat(e.details()).contains(sent.maGiaoDich().get()));
                assertThat(sync.stop(Duration.ofSeconds(5))).isTrue();
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void anAnswerLostToATimeoutIsRetriedAndTheGatewayAnswersTheFirstTransactionCode() throws Exception {
        SimCheckInReceiver real = new SimCheckInReceiver(Clock.systemUTC());
        AtomicInteger calls = new AtomicInteger();
        CheckInReceiver answersLateOnce = (decision, form, xml) -> {
            Map<String, Object> answer = real.receive(decision, form, xml);
            if (calls.getAndIncrement() == 0) {
                try {
                    Thread.sleep(1500); // stored, but the terminal gives up waiting for the answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return answer;
        };
        try (CentralSim sim = CentralSim.builder().port(0).checkInReceiver(answersLateOnce).start()) {
            CheckInSettings s = settings(sim.baseUrl()).withCallTimeout(Duration.ofMillis(600));
            long id = CheckInFixture.visit(log, 2, "LK-TIMEOUT-1");
            outbox.queue(id);
            try (GatewayCheckIn gateway = GatewayCheckIn.plain(s)) {
                CheckInWorker worker = CheckInWorker.builder().sender(sender(s, gateway)).backoff(FAST)
                        .idlePoll(Duration.ofMillis(50)).build();

                assertThat(worker.drain(Duration.ofSeconds(15))).isTrue();
            }
            assertThat(calls.get()).isEqualTo(2);
            assertThat(real.accepted()).hasSize(1);
            CheckIns.Entry e = outbox.entry(id).orElseThrow();
            assertThat(e.state()).isEqualTo(CheckInStatus.State.SENT);
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.maGiaoDich()).contains(real.accepted().getFirst().maGiaoDich());
        }
    }

    @Test
    void theGatewaysRetryAfterIsHonouredAndTheRecordStaysPendingUntilThen() throws Exception {
        try (CentralSim sim = CentralSim.builder().port(0).faults("rate429=0:retryAfter=30")
                .checkInReceiver(new SimCheckInReceiver(Clock.systemUTC())).start()) {
            sim.failNext(FaultSpec.Fault.RATE_429, 1);
            CheckInSettings s = settings(sim.baseUrl());
            long id = CheckInFixture.visit(log, 3, "LK-429-1");
            outbox.queue(id);
            try (GatewayCheckIn gateway = GatewayCheckIn.plain(s)) {
                CheckInSender sender = sender(s, gateway);
                CheckInWorker worker = CheckInWorker.builder().sender(sender).backoff(FAST).build();

                CheckInWorker.Round first = worker.runOnce();

                assertThat(first.deferred()).isEqualTo(1);
                CheckIns.Entry e = outbox.entry(id).orElseThrow();
                assertThat(e.state()).isEqualTo(CheckInStatus.State.QUEUED);
                assertThat(e.nextAttemptAt()).get()
                        .satisfies(t -> assertThat(t).isAfter(Instant.now().plusSeconds(28)));
                assertThat(outbox.due(Instant.now(), 10)).isEmpty();
                assertThat(worker.pausedUntil()).get()
                        .satisfies(t -> assertThat(t).isAfter(Instant.now().plusSeconds(28)));
                assertThat(worker.runOnce().attempted()).as("paused: nothing is sent").isZero();
            }
        }
    }

    @Test
    void refusedRecordsBecomeDeadLettersAndAreListedWithTheFieldAtFault() throws Exception {
        SimCheckInReceiver strict = SimCheckInReceiver.builder().requireSignature().build();
        try (CentralSim sim = CentralSim.builder().port(0).checkInReceiver(strict).start()) {
            CheckInSettings s = settings(sim.baseUrl());
            long refusedByGateway = CheckInFixture.visit(log, 4, "LK-UNSIGNED-1");
            long brokenLocally = CheckInFixture.visit(log, 5, "LK-BROKEN-1");
            log.saveHisData(brokenLocally, "{\"maLk\":\"LK-BROKEN-1\",\"maBn\":\"BN5\",\"maDichVu\":\"02.1896\","
                    + "\"ngayYl\":\"" + LocalDateTime.now(CheckInFixture.HANOI).minusDays(3).withNano(0) + "\"}");
            outbox.queue(refusedByGateway);
            outbox.queue(brokenLocally);
            try (GatewayCheckIn gateway = GatewayCheckIn.plain(s)) {
                CheckInWorker worker = CheckInWorker.builder().sender(sender(s, gateway)).backoff(FAST).build();

                CheckInWorker.Round r = worker.runOnce();

                assertThat(r.refused()).isEqualTo(2);
                assertThat(worker.drain(Duration.ofSeconds(1))).as("nothing left pending").isTrue();
            }
            List<CheckIns.Entry> dead = outbox.list(Optional.of(CheckInStatus.State.REFUSED), 10);
            assertThat(dead).extracting(CheckIns.Entry::visitId).containsExactly(brokenLocally, refusedByGateway);
            assertThat(dead.get(0).error()).get().asString().startsWith("refused locally").contains("NGAY_YL");
            assertThat(dead.get(1).error()).get().asString().contains("CHUKYDONVI");
            assertThat(strict.refusals()).as("the locally refused record never left the terminal").hasSize(1);
            assertThat(outbox.counts()).containsEntry(CheckInStatus.State.REFUSED, 2L)
                    .containsEntry(CheckInStatus.State.QUEUED, 0L);
            assertThat(outbox.due(Instant.now(), 10)).isEmpty();
        }
    }

    @Test
    void aPendingRecordSurvivesARestartAndAnAcceptedOneIsNeverQueuedAgain() {
        long id = CheckInFixture.visit(log, 6, "LK-RESTART-1");
        outbox.queue(id);
        outbox.retryLater(id, Instant.now().minusSeconds(1), "gateway unreachable (ConnectException)");
        log.close();
        log = CheckInFixture.open(dir, Clock.systemUTC());
        outbox = CheckIns.of(log);

        assertThat(outbox.due(Instant.now(), 10)).containsExactly(id);
        assertThat(outbox.entry(id).orElseThrow().attempts()).isEqualTo(1);
        assertThat(outbox.accepted(id, "GD7900100000001", "20261128090501", "sync")).isTrue();
        assertThat(outbox.queue(id)).isFalse();
        assertThat(outbox.refused(id, "late refusal", "sync")).isFalse();
        assertThat(log.checkInStatus(id).orElseThrow().state()).isEqualTo(CheckInStatus.State.SENT);
        assertThat(outbox.due(Instant.now(), 10)).isEmpty();
    }
}
