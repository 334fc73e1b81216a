package vn.clinicterm.centralsim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import vn.clinicterm.sync.BackoffPolicy;
import vn.clinicterm.sync.FakeOutbox;
import vn.clinicterm.sync.OutboxEntry;
import vn.clinicterm.sync.OutboxPayloads;
import vn.clinicterm.sync.SyncClients;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncWorker;

/**
 * Prints how long a terminal takes to drain 10,000 visits queued during a 30-minute outage, against a local
 * central-sim (plain HTTP on loopback, no faults, then with the chaos mix). Run: {@code java ... DrainBenchmark}.
 */
public final class DrainBenchmark {

    public static void main(String[] args) throws Exception {
        run("no faults", "", 10_000);
        run("chaos mix", "latency=5ms,error500=0.05,error503=0.05,rate429=0.02:retryAfter=1,dropAfterProcess=0.05,"
                + "malformedJson=0.03", 10_000);
    }

    static void run(String label, String faults, int visits) throws Exception {
        Instant outageStart = Instant.parse("2026-11-28T08:00:00Z");
        FakeOutbox outbox = new FakeOutbox();
        for (int i = 0; i < visits; i++) {
            String id = "visit-" + i;
            // 10,000 visits over 30 minutes: one every 180 ms, spread over 3,000 patients
            outbox.add(OutboxEntry.Kind.VISIT, "patient-" + (i % 3000), id,
                    OutboxPayloads.visit(id, outageStart.plusMillis(180L * i), "79001"));
        }
        try (CentralSim sim = CentralSim.builder().port(0).faults(faults).seed(3).start()) {
            SyncConfig config = SyncConfig.builder().baseUrl(sim.baseUrl()).facilityCode("79001")
                    .callTimeout(Duration.ofSeconds(5)).build();
            try (SyncClients clients = SyncClients.builder(config).build()) {
                SyncWorker worker = SyncWorker.builder().outbox(outbox).clients(clients).clock(Clock.systemUTC())
                        .random(new Random(1)).batchSize(200).idlePoll(Duration.ofMillis(10))
                        .backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(5)))
                        .build();
                long t0 = System.nanoTime();
                boolean drained = worker.drain(Duration.ofMinutes(5));
                double secs = (System.nanoTime() - t0) / 1e9;
                SimStats s = sim.stats();
                System.out.printf("%-10s drained=%s visits=%d time=%.2fs requests=%d (%.0f req/s, %.0f visits/s) "
                        + "stored=%d duplicateVisitIds=%d replays=%d faults=%s%n", label, drained, visits, secs,
                        s.requests(), s.requests() / secs, visits / secs, s.visitsStored(), s.duplicateVisitIds(),
                        s.itemReplays() + s.requestReplays(), s.faultsInjected());
            }
        }
    }
}
