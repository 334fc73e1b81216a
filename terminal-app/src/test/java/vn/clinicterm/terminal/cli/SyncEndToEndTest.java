package vn.clinicterm.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.centralsim.CentralSim;
import vn.clinicterm.centralsim.SimStats;
import vn.clinicterm.terminal.storage.CheckIn;
import vn.clinicterm.terminal.storage.CloneCheck;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitQuery;
import vn.clinicterm.terminal.storage.VisitRecord;

/**
 * The terminal against a real central-sim over HTTPS on loopback: a real SQLite visit log, {@code sync run},
 * {@code sync status} and {@code eligibility} through picocli, outages, and a terminal killed mid-drain.
 */
class SyncEndToEndTest {

    private static final HeldCertificate SERVER = new HeldCertificate.Builder()
            .commonName("central-sim").addSubjectAlternativeName("127.0.0.1").build();

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<CentralSim> sims = new ArrayList<>();
    private Path db;
    private Path config;
    private int port;

    @BeforeEach
    void terminalConfiguredForAPort() throws Exception {
        Cli.redirect(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        db = temp.resolve("data/clinicterm.db");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path pem = Files.writeString(temp.resolve("central.pem"), SERVER.certificatePem());
        config = Files.writeString(temp.resolve("clinicterm.properties"), String.join("\n",
                "sync.url=https://127.0.0.1:" + port,
                "sync.facilityCode=" + CentralSim.DEFAULT_FACILITY,
                "sync.trustedCerts=" + pem.toString().replace("\\", "/"),
                "sync.connectTimeout=1s",
                "sync.callTimeout=3s",
                "sync.batchSize=2", ""));
    }

    @AfterEach
    void stop() {
        sims.forEach(CentralSim::close);
        Cli.redirect(System.out, System.err);
    }

    private CentralSim startSim(String faults) {
        CentralSim sim = CentralSim.builder().port(port).tls(SERVER).faults(faults).start();
        sims.add(sim);
        return sim;
    }

    private VisitLog openLog() {
        return VisitLog.builder().database(db).duplicateWindow(Duration.ZERO).open();
    }

    private void recordVisits(int... citizens) {
        try (VisitLog log = openLog()) {
            for (int n : citizens) {
                SimCitizen c = SyntheticCitizens.citizen(n);
                log.recordVisit(CheckIn.builder().terminalId("quay-1").staffUser("le.tan").idNumber(c.idNumber())
                        .fullName(c.fullName()).dateOfBirth(c.dateOfBirth()).gender(c.gender().vietnamese())
                        .residence(c.residence()).verification(Indication.PASSED, "", List.of())
                        .accessMethod(AccessMethod.PACE).cloneCheck(CloneCheck.CA, true).build());
            }
        }
    }

    private List<Eligibility> eligibilities() {
        try (VisitLog log = openLog();
                Stream<VisitRecord> all = log.search(VisitQuery.days(LocalDate.now().minusDays(1),
                        LocalDate.now().plusDays(1)))) {
            return all.map(VisitRecord::eligibility).toList();
        }
    }

    private int syncRun(int timeoutSeconds) {
        return new CommandLine(new SyncCommand()).execute("run", "--db", db.toString(), "--config",
                config.toString(), "--timeout", Integer.toString(timeoutSeconds));
    }

    private int eligibility(int citizen) {
        SimCitizen c = SyntheticCitizens.citizen(citizen);
        return new CommandLine(new EligibilityCommand()).execute("--id", c.idNumber(), "--name", c.fullName(),
                "--dob", c.dateOfBirth().toString(), "--config", config.toString(), "--json");
    }

    @Test
    void syncRunResolvesPendingVisitsAndUploadsEachVisitOnce() {
        CentralSim sim = startSim("");
        recordVisits(1, 3);

        assertThat(syncRun(20)).as(err.toString()).isZero();

        assertThat(eligibilities()).containsExactly(Eligibility.ELIGIBLE, Eligibility.NOT_ELIGIBLE);
        SimStats stats = sim.stats();
        assertThat(stats.visitsStored()).isEqualTo(2);
        assertThat(stats.duplicateVisitIds()).isZero();
        out.reset();
        assertThat(new CommandLine(new SyncCommand()).execute("status", "--db", db.toString(), "--json")).isZero();
        assertThat(out.toString()).contains("\"queued\":0", "\"inFlight\":0", "\"done\":4", "\"deadLetters\":[]")
                .doesNotContain("\"lastSuccess\":null");
    }

    @Test
    void withTheServerDownTheVisitStaysPendingAndResolvesWhenItComesBack() {
        recordVisits(5);

        assertThat(syncRun(1)).isEqualTo(SyncExitCodes.NOT_DRAINED);
        assertThat(eligibilities()).containsExactly(Eligibility.PENDING);
        out.reset();
        assertThat(eligibility(5)).isEqualTo(SyncExitCodes.PENDING);
        assertThat(out.toString()).contains("\"outcome\":\"PENDING\"", "\"reasonCode\":\"UNREACHABLE\"",
                "\"validTo\":null");

        CentralSim sim = startSim("");
        assertThat(syncRun(20)).as(err.toString()).isZero();

        assertThat(eligibilities()).containsExactly(Eligibility.ELIGIBLE);
        assertThat(sim.stats().visitsStored()).isEqualTo(1);
        out.reset();
        assertThat(eligibility(5)).isZero();
        assertThat(out.toString()).contains("\"outcome\":\"ELIGIBLE\"", "\"reasonCode\":\"VALID\"",
                "\"validTo\":\"2026-12-31\"");
    }

    @Test
    void aTerminalKilledMidDrainLosesNothingAndDuplicatesNothing() throws Exception {
        CentralSim sim = startSim("latency=30ms");
        int[] citizens = new int[60];
        for (int i = 0; i < citizens.length; i++) {
            citizens[i] = 1 + i % 30;
        }
        recordVisits(citizens);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SyncRunChild.class.getName(),
                "run", "--db", db.toString(), "--config", config.toString(), "--timeout", "60")
                .redirectErrorStream(true).redirectOutput(temp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (sim.stats().visitsStored() < 6 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(child.isAlive()).as("the child should still be draining").isTrue();
        child.destroyForcibly().waitFor();
        assertThat(sim.stats().visitsStored()).isLessThan(60);

        assertThat(syncRun(30)).as(err.toString()).isZero();

        SimStats stats = sim.stats();
        assertThat(stats.visitsStored()).isEqualTo(60);
        assertThat(stats.distinctVisitIds()).isEqualTo(60);
        assertThat(stats.duplicateVisitIds()).isZero();
        assertThat(stats.conflicts()).isZero();
        assertThat(eligibilities()).hasSize(60).doesNotContain(Eligibility.PENDING);
    }
}
