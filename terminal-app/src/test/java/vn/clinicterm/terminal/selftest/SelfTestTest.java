package vn.clinicterm.terminal.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.cardsim.SimTerminals;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.centralsim.CentralSim;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigFiles;

/**
 * Each check's outcomes on real parts: a temp data directory and system file, a real SQLite database, a trust store
 * filled from card-sim's test PKI, the machine's pcscd and in-JVM simulated readers, a central-sim on loopback, and
 * the JavaFX toolkit on the test display. The failures a test JVM cannot stage (no display, no pcscd, no
 * BouncyCastle) run in a JVM of their own in {@code SelfTestCommandTest}.
 */
class SelfTestTest {

    @TempDir
    Path temp;

    private Path home;
    private Path system;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void freshMachine() {
        home = temp.resolve("home");
        system = temp.resolve("etc/clinicterm.properties");
        env.put(AppDirectories.HOME_VARIABLE, home.toString());
        env.put(ConfigFiles.SYSTEM_VARIABLE, system.toString());
    }

    private CheckResult check(String name) {
        return check(name, SelfTest.builder().environment(env).osName("Linux"));
    }

    private static CheckResult check(String name, SelfTest.Builder builder) {
        SelfTestReport report = builder.build().run(List.of(name));
        assertThat(report.checks()).hasSize(1);
        return report.checks().getFirst();
    }

    private static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    // ---- configuration

    @Test
    void noConfigurationAtAllIsValidAndNamesTheFilesLookedFor() {
        CheckResult r = check("configuration");
        assertThat(r.status()).isEqualTo(CheckStatus.OK);
        assertThat(r.detail()).isEqualTo("system file " + system.toAbsolutePath() + " (missing); terminal file "
                + home.toAbsolutePath().resolve("clinicterm.properties") + " (missing)");
    }

    @Test
    void aBadValueInTheSystemFileFailsNamingTheKeyAndTheFile() throws IOException {
        write(system, "sync.url=https://hub.example.vn", "sync.facilityCode=79001", "sync.connectTimeout=fast");
        CheckResult r = check("configuration");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.detail()).startsWith("sync.connectTimeout in system file " + system.toAbsolutePath()
                + ": must be a positive duration");
    }

    @Test
    void syncKeysThatDoNotFitTogetherFail() throws IOException {
        write(system, "sync.url=https://hub.example.vn");
        CheckResult r = check("configuration");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.detail()).startsWith("sync.facilityCode: is required; set it in");
    }

    @Test
    void anUnknownKeyIsNamedButDoesNotFail() throws IOException {
        write(home.resolve("clinicterm.properties"), "terminal.idd=quay-1");
        CheckResult r = check("configuration");
        assertThat(r.status()).isEqualTo(CheckStatus.OK);
        assertThat(r.detail()).contains("(0 keys)")
                .endsWith("warning: terminal.idd in terminal file " + home.toAbsolutePath()
                        .resolve("clinicterm.properties") + ": unknown key, ignored (did you mean terminal.id?)");
    }

    // ---- javafx

    @Test
    void withoutADisplayJavaFxIsSkippedAsHeadless() {
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        CheckResult r = check("javafx");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.detail()).startsWith("headless");
    }

    @Test
    void onTheTestDisplayTheToolkitStarts() {
        String display = System.getenv("DISPLAY");
        assertThat(display).as("the tests need a display (Xvfb :99 and DISPLAY=:99)").isNotBlank();
        env.put("DISPLAY", display);
        CheckResult r = check("javafx");
        assertThat(r.status()).as(r.detail()).isEqualTo(CheckStatus.OK);
        assertThat(r.detail()).satisfiesAnyOf(
                d -> assertThat(d).startsWith("JavaFX ").contains("started on DISPLAY=" + display),
                d -> assertThat(d).isEqualTo("the toolkit is already running in this process"));
    }

    // ---- crypto

    @Test
    void bouncyCastleSignsAndVerifiesOverBrainpoolP512r1WhereSunEcCannot() {
        CheckResult r = check("crypto");
        assertThat(r.status()).as(r.detail()).isEqualTo(CheckStatus.OK);
        assertThat(r.detail()).startsWith("BouncyCastle ").contains("ECDSA over brainpoolP512r1 signs and verifies")
                .contains("SunEC cannot");
    }

    // ---- database

    @Test
    void aFreshInstallGetsItsDatabaseCreated() {
        CheckResult r = check("database");
        assertThat(r.status()).as(r.detail()).isEqualTo(CheckStatus.OK);
        assertThat(r.detail()).startsWith("created (fresh install): " + home.toAbsolutePath().resolve("clinicterm.db"))
                .contains("passes quick_check");
        assertThat(home.resolve("keys/visit-log.keys")).exists();

        CheckResult again = check("database");
        assertThat(again.status()).isEqualTo(CheckStatus.OK);
        assertThat(again.detail()).startsWith(home.toAbsolutePath().resolve("clinicterm.db").toString());
    }

    @Test
    void aDamagedDatabaseFails() throws IOException {
        assertThat(check("database").status()).isEqualTo(CheckStatus.OK);
        byte[] bytes = Files.readAllBytes(home.resolve("clinicterm.db"));
        for (int i = 100; i < bytes.length; i++) {
            bytes[i] = (byte) 0x5a;
        }
        Files.write(home.resolve("clinicterm.db"), bytes);

        CheckResult r = check("database");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.detail()).contains("restore it from a backup");
    }

    @Test
    void aDatabaseWithoutItsKeyFileFailsAndNoNewKeyIsMade() throws IOException {
        assertThat(check("database").status()).isEqualTo(CheckStatus.OK);
        Files.delete(home.resolve("keys/visit-log.keys"));

        CheckResult r = check("database");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.detail()).contains("key file").contains("is missing");
        assertThat(home.resolve("keys/visit-log.keys")).doesNotExist();
    }

    // ---- trust store

    @Test
    void anEmptyTrustStoreFails() {
        CheckResult r = check("trust-store");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.detail()).startsWith("no CSCA in " + home.toAbsolutePath().resolve("trust"));
    }

    @Test
    void aTrustStoreWithTheTestPkiPassesWithItsCountsAndFreshness() throws IOException {
        Path pki = temp.resolve("pki");
        TestPki.standard().exportTo(pki);
        TrustStore store = TrustStore.open(home.resolve("trust"), Clock.systemUTC());
        for (String f : new String[] {"csca-brainpool.der", "csca-rsapss.der", "csca.crl"}) {
            assertThat(store.importFile(pki.resolve(f)).accepted()).as(f).isTrue();
        }

        CheckResult r = check("trust-store");
        assertThat(r.status()).as(r.detail()).isEqualTo(CheckStatus.OK);
        assertThat(r.detail()).startsWith("2 CSCAs (0 link) from 1 country [VN], 1 CRLs, "
                + store.status().freshness());
    }

    @Test
    void aCorruptTrustStoreFails() throws IOException {
        Path pki = temp.resolve("pki");
        TestPki.standard().exportTo(pki);
        TrustStore.open(home.resolve("trust"), Clock.systemUTC()).importFile(pki.resolve("csca-brainpool.der"));
        Files.writeString(home.resolve("trust/trust-store.txt"), "clinicterm-trust-store 1\ntruncated");

        CheckResult r = check("trust-store");
        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.detail()).contains("clinicterm trust restore");
    }

    // ---- card service

    @Test
    void theMachinesPcscdListsItsReaders() {
        CheckResult r = check("card-service");
        assertThat(r.status()).as(r.detail()).isEqualTo(CheckStatus.OK);
        assertThat(r.detail()).matches("\\d+ readers?: .*");
    }

    @Test
    void simulatedReadersAreListedWithTheirCards() {
        SimTerminals terminals = SimTerminals.withReaders(1);
        CheckResult r = check("card-service", SelfTest.builder().environment(env)
                .cardReaders(CardReaders.of(terminals.factory())));
        assertThat(r.status()).isEqualTo(CheckStatus.OK);
        assertThat(r.detail()).isEqualTo("1 reader: " + terminals.readerNames().getFirst() + " (empty)");
    }

    @Test
    void noReaderAttachedIsOkWithANote() throws Exception {
        CheckResult r = check("card-service", SelfTest.builder().environment(env)
                .cardReaders(CardReaders.of(NoReaderTerminals.factory())));
        assertThat(r.status()).isEqualTo(CheckStatus.OK);
        assertThat(r.detail()).startsWith("0 readers: the card service runs, but no reader is attached");
    }

    // ---- central service

    @Test
    void withoutSyncUrlTheCentralServiceIsSkipped() {
        CheckResult r = check("central-service");
        assertThat(r.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(r.detail()).startsWith("not configured");
    }

    @Test
    void aRunningCentralServiceAnswersAndAStoppedOneIsUnreachable() throws IOException {
        CentralSim sim = CentralSim.builder().port(0).start();
        String url = sim.baseUrl();
        try {
            write(system, "sync.url=" + url, "sync.facilityCode=" + CentralSim.DEFAULT_FACILITY);
            CheckResult up = check("central-service");
            assertThat(up.status()).as(up.detail()).isEqualTo(CheckStatus.OK);
            assertThat(up.detail()).startsWith(url + " answered in ");
        } finally {
            sim.close();
        }
        CheckResult down = check("central-service");
        assertThat(down.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(down.detail()).startsWith(url + " unreachable: CONNECTION");
        assertThat(down.elapsed()).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aCentralServiceThatRefusesTheCredentialsFails() throws IOException {
        try (CentralSim sim = CentralSim.builder().port(0).centralCredentials("quay-1", "right").start()) {
            write(system, "sync.url=" + sim.baseUrl(), "sync.facilityCode=" + CentralSim.DEFAULT_FACILITY,
                    "sync.username=quay-1");
            env.put("CLINICTERM_SYNC_PASSWORD", "wrong");
            CheckResult refused = check("central-service");
            assertThat(refused.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(refused.detail()).contains("refused the credentials").doesNotContain("wrong");

            env.put("CLINICTERM_SYNC_PASSWORD", "right");
            assertThat(check("central-service").status()).isEqualTo(CheckStatus.OK);
        }
    }

    @Test
    void aCentralServiceTooSlowToAnswerFailsWithinTheLimit() throws IOException {
        try (CentralSim sim = CentralSim.builder().port(0).faults("slowDrip=1").start()) {
            write(system, "sync.url=" + sim.baseUrl(), "sync.facilityCode=" + CentralSim.DEFAULT_FACILITY);
            CheckResult slow = check("central-service", SelfTest.builder().environment(env)
                    .centralTimeout(Duration.ofSeconds(1)));
            assertThat(slow.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(slow.detail()).contains("TIMEOUT");
            assertThat(slow.elapsed()).isLessThan(Duration.ofSeconds(3));

            CheckResult cut = check("central-service", SelfTest.builder().environment(env)
                    .centralTimeout(Duration.ofSeconds(10)).checkTimeout(Duration.ofMillis(500)));
            assertThat(cut.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(cut.detail()).isEqualTo("did not finish within 0.5 s (the time limit of the whole self-test)");
        }
    }

    @Test
    void anInvalidSyncConfigurationSkipsTheCentralCheckAndFailsTheConfigurationCheck() throws IOException {
        write(system, "sync.url=https://hub.example.vn", "sync.facilityCode=7900");
        SelfTestReport report = SelfTest.builder().environment(env)
                .build().run(List.of("configuration", "central-service"));
        assertThat(report.checks()).extracting(CheckResult::status).containsExactly(CheckStatus.FAIL,
                CheckStatus.SKIP);
        assertThat(report.configurationValid()).isFalse();
        assertThat(report.passed()).isFalse();
    }
}
