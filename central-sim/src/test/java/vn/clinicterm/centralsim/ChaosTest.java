package vn.clinicterm.centralsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.clinicterm.centralsim.internal.Store;
import vn.clinicterm.sync.BackoffPolicy;
import vn.clinicterm.sync.FakeOutbox;
import vn.clinicterm.sync.OutboxEntry;
import vn.clinicterm.sync.OutboxPayloads;
import vn.clinicterm.sync.SyncClients;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncWorker;

/**
 * Every fault at once, seeded: 2,000 visits reach the server exactly once each, in order per patient, even across a
 * kill -9 of the terminal mid-drain, and no single call outlives the call timeout.
 */
class ChaosTest {

    static final Duration CALL_TIMEOUT = Duration.ofMillis(1500);

    /** Measures every call from start to end (including reading the body) to prove nothing hangs. */
    static final class CallTimer extends EventListener {
        final Map<Call, Long> started = new ConcurrentHashMap<>();
        final AtomicLong longestNanos = new AtomicLong();

        @Override
        public void callStart(Call call) {
            started.put(call, System.nanoTime());
        }

        void end(Call call) {
            Long t0 = started.remove(call);
            if (t0 != null) {
                longestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
            }
        }

        @Override
        public void callEnd(Call call) {
            end(call);
        }

        @Override
        public void callFailed(Call call, java.io.IOException ioe) {
            end(call);
        }
    }

    @Test
    @Timeout(60)
    void everyVisitArrivesExactlyOnceThroughEveryFaultAndAKillMidDrain() throws Exception {
        String faults = "latency=20ms,error500=0.08,error503=0.08,rate429=0.05:retryAfter=1,dropAfterProcess=0.08,"
                + "malformedJson=0.06,slowDrip=0.03";
        CallTimer timer = new CallTimer();
        try (CentralSim sim = CentralSim.builder().port(0).faults(faults).seed(42).start()) {
            // the seeded mix, plus one of each fault up front so every kind is exercised whatever the draws
            for (FaultSpec.Fault f : FaultSpec.Fault.values()) {
                sim.failNext(f, 1);
            }
            FakeOutbox outbox = new FakeOutbox();
            int visits = 2000;
            for (int i = 0; i < visits; i++) {
                String id = "visit-" + i;
                outbox.add(OutboxEntry.Kind.VISIT, "patient-" + (i % 400), id,
                        OutboxPayloads.visit(id, Instant.parse("2026-11-28T00:00:00Z").plusSeconds(i), "79001"));
            }
            SyncConfig config = SyncConfig.builder().baseUrl(sim.baseUrl()).facilityCode("79001")
                    .connectTimeout(Duration.ofMillis(500)).readTimeout(Duration.ofMillis(1000))
                    .writeTimeout(Duration.ofMillis(1000)).callTimeout(CALL_TIMEOUT).build();
            BackoffPolicy backoff = new BackoffPolicy(Duration.ofMillis(20), Duration.ofMillis(400), Duration.ofSeconds(2));
            OkHttpClient base = new OkHttpClient.Builder().eventListener(timer).build();

            // First run: "killed" after a few rounds, leaving whatever it had in flight.
            FakeOutbox onDisk;
            try (SyncClients clients = SyncClients.builder(config).httpClient(base).build()) {
                SyncWorker first = SyncWorker.builder().outbox(outbox).clients(clients).clock(Clock.systemUTC())
                        .random(new Random(7)).backoff(backoff).batchSize(50).idlePoll(Duration.ofMillis(10)).build();
                for (int i = 0; i < 6; i++) {
                    first.runOnce();
                }
                onDisk = outbox.copyAsAfterCrash();
            }
            assertThat(onDisk.state().done()).isLessThan(visits);

            try (SyncClients clients = SyncClients.builder(config).httpClient(base).build()) {
                SyncWorker second = SyncWorker.builder().outbox(onDisk).clients(clients).clock(Clock.systemUTC())
                        .random(new Random(8)).backoff(backoff).batchSize(50).idlePoll(Duration.ofMillis(10)).build();
                assertThat(second.drain(Duration.ofSeconds(45))).isTrue();
            }

            SimStats stats = sim.stats();
            assertThat(onDisk.state().deadLetters()).isEmpty();
            assertThat(onDisk.state().done()).isEqualTo(visits);
            assertThat(stats.visitsStored()).isEqualTo(visits);
            assertThat(stats.distinctVisitIds()).isEqualTo(visits);
            assertThat(stats.duplicateVisitIds()).isZero();
            assertThat(stats.conflicts()).isZero();
            assertThat(stats.faultsInjected().keySet()).contains("ERROR_500", "ERROR_503", "RATE_429",
                    "DROP_AFTER_PROCESS", "MALFORMED_JSON", "SLOW_DRIP");
            assertThat(stats.itemReplays() + stats.requestReplays()).isPositive();
            assertThat(Duration.ofNanos(timer.longestNanos.get())).isLessThan(CALL_TIMEOUT.plusMillis(500));

            Map<String, Long> lastSeq = new HashMap<>();
            List<Store.ReceivedVisit> received = sim.receivedVisits();
            for (Store.ReceivedVisit v : received) {
                Long prev = lastSeq.put(v.patientKey(), v.sequence());
                assertThat(prev == null || prev < v.sequence()).as("order for a patient").isTrue();
            }
        }
    }
}
