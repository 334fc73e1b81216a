package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.app.TerminalTestVisits.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.cardsim.SimTerminals;
import vn.clinicterm.centralsim.CentralSim;
import vn.clinicterm.terminal.app.ReceptionState.ReaderStatus;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.PasswordHashing;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;

/**
 * The real-reader mode's wiring without a window: a data directory in a temp dir, in-JVM simulated readers (or a
 * card service that is down), the trust store, the visit log and, when configured, a central-sim on loopback.
 */
class TerminalEnvironmentTest {

    @TempDir
    Path home;

    private final SimTerminals terminals = SimTerminals.withReaders(1);
    private TerminalEnvironment env;
    private TerminalSession session;
    private CentralSim central;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
        if (env != null) {
            env.close();
        }
        if (central != null) {
            central.close();
        }
    }

    private TerminalEnvironment open(CardReaders readers, Map<String, String> environment) throws Exception {
        env = TerminalEnvironment.builder()
                .directories(new AppDirectories(home))
                .environment(environment)
                .readers(readers)
                .passwordHashing(PasswordHashing.FOR_TESTS)
                .pollInterval(Duration.ofMillis(50))
                .exportDirectory(home)
                .open();
        return env;
    }

    @Test
    void aFreshDataDirectoryOpensOfflineAndAsksForTheFirstAdmin() throws Exception {
        open(CardReaders.of(terminals.factory()), Map.of(TerminalEnvironment.TERMINAL_ID_VARIABLE, "quay-3"));

        assertThat(env.syncSetup()).isInstanceOf(TerminalSyncSetup.NotConfigured.class);
        assertThat(env.trustProblem()).isEmpty();
        assertThat(home.resolve("clinicterm.db")).exists();
        assertThat(home.resolve("keys/visit-log.keys")).exists();
        assertThat(home.resolve("trust")).isDirectory();
        assertThat(env.terminalId()).isEqualTo("quay-3");
        LoginViewModel login = env.login();
        login.start();
        assertThat(await(login::state, s -> s.mode() != LoginState.Mode.CHECKING).mode())
                .isEqualTo(LoginState.Mode.FIRST_RUN);

        env.visitLog().accounts().addUser("le.tan", Role.RECEPTION, "mat-khau-le-tan".toCharArray(), "setup");
        session = env.session(new User("le.tan", Role.RECEPTION));
        assertThat(session.screens()).containsExactly(TerminalScreen.RECEPTION);
        ReceptionViewModel reception = session.reception();
        reception.start();
        assertThat(await(reception::state, s -> s.readerStatus() == ReaderStatus.EMPTY).readerName())
                .isEqualTo(terminals.readerNames().getFirst());
    }

    @Test
    void withTheCardServiceDownTheReceptionScreenSaysSoAndTheAdminScreenToo() throws Exception {
        open(CardReaders.of(FailingTerminals.factory()), Map.of());
        session = env.session(new User("le.tan", Role.RECEPTION));

        ReceptionViewModel reception = session.reception();
        reception.start();
        ReceptionState s = await(reception::state, x -> x.readerStatus() == ReaderStatus.SERVICE_UNAVAILABLE);
        assertThat(s.notice()).get().extracting(ReceptionState.Notice::kind)
                .isEqualTo(ReceptionState.Notice.Kind.SERVICE_UNAVAILABLE);

        AdminViewModel admin = env.admin(new User("quan.tri", Role.ADMIN));
        admin.refresh();
        assertThat(await(admin::state, x -> x.cardService().isPresent()).cardService().get())
                .isInstanceOf(AdminState.CardService.Unavailable.class);
    }

    @Test
    void syncKeysInThePropertiesFileConnectTheCounterToTheCentralService() throws Exception {
        central = CentralSim.builder().port(0).start();
        Files.writeString(home.resolve("clinicterm.properties"), "sync.url = " + central.baseUrl() + "\n"
                + "sync.facilityCode = " + CentralSim.DEFAULT_FACILITY + "\n");
        open(CardReaders.of(terminals.factory()), Map.of());

        assertThat(env.syncSetup()).isInstanceOf(TerminalSyncSetup.Configured.class);
        assertThat(env.visitLog().facilityCode()).isEqualTo(CentralSim.DEFAULT_FACILITY);
        AdminViewModel admin = env.admin(new User("quan.tri", Role.ADMIN));
        admin.refresh();
        assertThat(await(admin::state, x -> x.worker().isPresent()).worker().get().running()).isTrue();

        // a visit recorded offline (eligibility pending) is answered by the worker through central-sim
        long visit = TerminalTestVisits.visit(env.visitLog(), 1, Indication.PASSED, Eligibility.PENDING);
        admin.syncNow();
        assertThat(await(() -> env.visitLog().visit(visit).orElseThrow().eligibility(),
                e -> e != Eligibility.PENDING)).isEqualTo(Eligibility.ELIGIBLE);
        admin.refresh();
        assertThat(await(admin::state, x -> !x.loading() && x.outbox().isPresent()).outbox().get().deadLetters())
                .isEmpty();
    }

    @Test
    void aBrokenSyncSettingOrTrustStoreIsReportedAndTheCounterStillOpens() throws Exception {
        Files.writeString(home.resolve("clinicterm.properties"), "sync.url = ftp://central.example\n");
        Files.createDirectories(home.resolve("trust"));
        Files.writeString(home.resolve("trust/trust-store.txt"), "not a trust store\n");

        open(CardReaders.of(terminals.factory()), Map.of());

        assertThat(env.syncSetup()).isInstanceOfSatisfying(TerminalSyncSetup.Misconfigured.class,
                m -> assertThat(m.reason()).contains("sync."));
        assertThat(env.trustProblem()).isPresent();
        AdminViewModel admin = env.admin(new User("quan.tri", Role.ADMIN));
        assertThat(admin.state().trustProblem()).isEqualTo(env.trustProblem());
        admin.importTrust(home.resolve("anything.der").toString());
        assertThat(admin.state().message().get().kind()).isEqualTo(AdminState.Message.Kind.TRUST_UNUSABLE);
    }

    @Test
    void theWindowNeedsADisplayOnLinuxOnly() {
        assertThat(TerminalEnvironment.displayAvailable(Map.of(), "Linux")).isFalse();
        assertThat(TerminalEnvironment.displayAvailable(Map.of("DISPLAY", " "), "Linux")).isFalse();
        assertThat(TerminalEnvironment.displayAvailable(Map.of("DISPLAY", ":0"), "Linux")).isTrue();
        assertThat(TerminalEnvironment.displayAvailable(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux")).isTrue();
        assertThat(TerminalEnvironment.displayAvailable(Map.of(), "Windows 11")).isTrue();
        assertThat(TerminalEnvironment.displayAvailable(Map.of(), "Mac OS X")).isTrue();
    }
}
