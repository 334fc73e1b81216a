package vn.clinicterm.centralsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.sync.BackoffPolicy;
import vn.clinicterm.sync.EligibilityCache;
import vn.clinicterm.sync.EligibilityQuery;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.sync.FakeOutbox;
import vn.clinicterm.sync.OutboxEntry;
import vn.clinicterm.sync.OutboxPayloads;
import vn.clinicterm.sync.RecordingSyncListener;
import vn.clinicterm.sync.SyncClients;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncWorker;

class ServerDownTest {

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    @Timeout(30)
    void withTheServerDownEligibilityIsPendingAndResolvesByItselfWhenItComesBack() throws Exception {
        int port = freePort();
        SimCitizen c = SyntheticCitizens.citizen(1);
        EligibilityQuery q = EligibilityQuery.of(c.idNumber(), c.fullName(), c.dateOfBirth());
        SyncConfig config = SyncConfig.builder().baseUrl("http://127.0.0.1:" + port).facilityCode("79001")
                .callTimeout(Duration.ofSeconds(2)).build();
        FakeOutbox outbox = new FakeOutbox();
        RecordingSyncListener listener = new RecordingSyncListener();
        EligibilityCache cache = new EligibilityCache(Clock.systemUTC(), Duration.ofDays(1), 10);
        try (SyncClients clients = SyncClients.builder(config).build()) {
            EligibilityResult atCounter = cache.resolve("hmac-of-citizen-1", clients.eligibility().check(q));
            assertThat(atCounter).isInstanceOf(EligibilityResult.Pending.class);
            outbox.add(OutboxEntry.Kind.ELIGIBILITY_CHECK, "hmac-of-citizen-1", "visit-1",
                    OutboxPayloads.eligibilityCheck(q));
            SyncWorker worker = SyncWorker.builder().outbox(outbox).clients(clients).listener(listener)
                    .random(new Random(1)).idlePoll(Duration.ofMillis(20))
                    .backoff(new BackoffPolicy(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(5)))
                    .build();
            assertThat(worker.drain(Duration.ofMillis(500))).isFalse();
            assertThat(listener.resolvedSoFar()).isEmpty();

            try (CentralSim sim = CentralSim.builder().port(port).start()) {
                assertThat(worker.drain(Duration.ofSeconds(10))).isTrue();
                RecordingSyncListener.Resolved r = listener.takeResolved(1000);
                assertThat(r.visitId()).isEqualTo("visit-1");
                assertThat(r.result()).isInstanceOf(EligibilityResult.Eligible.class);
                assertThat(sim.stats().eligibilityChecks()).isEqualTo(1);
                cache.resolve("hmac-of-citizen-1", r.result());
            }
            EligibilityResult laterOffline = cache.resolve("hmac-of-citizen-1", clients.eligibility().check(q));
            assertThat(laterOffline).isInstanceOf(EligibilityResult.Pending.class);
            assertThat(((EligibilityResult.Pending) laterOffline).cached()).isPresent();
        }
    }
}
