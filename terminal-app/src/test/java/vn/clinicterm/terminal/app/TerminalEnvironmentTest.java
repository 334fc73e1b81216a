package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.clinicterm.terminal.app.TerminalTestVisits.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.cardsim.SimCard;
import vn.clinicterm.cardsim.SimTerminals;
import vn.clinicterm.centralsim.CentralSim;
import vn.clinicterm.terminal.app.ReceptionState.ReaderStatus;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigException;
import vn.clinicterm.terminal.config.ConfigFiles;
import vn.clinicterm.terminal.handoff.PatientLine;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.CheckInStatus;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.PasswordHashing;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;

/**
 * The real-reader mode's wiring without a window: a data directory in a temp dir, a system-wide configuration file in
 * another (through {@code CLINICTERM_SYSTEM_CONFIG} in the environment map given to the builder), in-JVM simulated
 * readers (or a card service that is down), the trust store, the visit log and, when configured, a central-sim and
 * the hand-off API on loopback.
 */
class TerminalEnvironmentTest {

    @TempDir
    Path home;

    @TempDir
    Path etc;

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

    private final HttpClient http = HttpClient.newHttpClient();

    /** The test's environment: the system file in {@code etc}, plus {@code variables}. */
    private Map<String, String> environment(String... variables) {
        Map<String, String> m = new HashMap<>();
        m.put(ConfigFiles.SYSTEM_VARIABLE, systemFile().toString());
        for (int i = 0; i < variables.length; i += 2) {
            m.put(variables[i], variables[i + 1]);
        }
        return m;
    }

    private Path systemFile() {
        return etc.resolve("clinicterm.properties");
    }

    private void terminalFile(String... lines) throws Exception {
        Files.writeString(home.resolve("clinicterm.properties"), String.join("\n", lines) + "\n");
    }

    private void systemFile(String... lines) throws Exception {
        Files.writeString(systemFile(), String.join("\n", lines) + "\n");
    }

    private TerminalEnvironment open(CardReaders readers, Map<String, String> environment) throws Exception {
        env = TerminalEnvironment.builder()
                .directories(new AppDirectories(home))
                .environment(environment.containsKey(ConfigFiles.SYSTEM_VARIABLE) ? environment
                        : with(environment, ConfigFiles.SYSTEM_VARIABLE, systemFile().toString()))
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
        assertThat(env.reception().policy().required()).as("a private facility's policy by default").isTrue();
        assertThat(env.handoffUrl()).isEmpty();
        assertThat(env.handoffProblem()).isEmpty();
        assertThat(env.checkInsRunning()).isFalse();
        LoginViewModel login = env.login();
        login.start();
        assertThat(await(login::state, s -> s.mode() != LoginState.Mode.CHECKING).mode())
                .isEqualTo(LoginState.Mode.FIRST_RUN);

        env.visitLog().accounts().addUser("le.tan", Role.RECEPTION, "mat-khau-le-tan".toCharArray(), "setup");
        session = env.session(new User("le.tan", Role.RECEPTION));
        assertThat(session.screens()).containsExactly(TerminalScreen.RECEPTION);
        ReceptionViewModel reception = session.reception();
        reception.start();
        ReceptionState ready = await(reception::state, s -> s.readerStatus() == ReaderStatus.EMPTY);
        assertThat(ready.readerName()).isEqualTo(terminals.readerNames().getFirst());
        assertThat(ready.consent().required()).as("staff are asked to confirm consent").isTrue();
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
    void atAPublicFacilityTheReceptionScreenDoesNotAskForConsent() throws Exception {
        systemFile("consent.facilityType = public");
        open(CardReaders.of(terminals.factory()), environment());

        assertThat(env.reception().policy().required()).isFalse();
        session = env.session(new User("le.tan", Role.RECEPTION));
        ReceptionViewModel reception = session.reception();
        assertThat(reception.state().consent().required()).as("no consent prompt").isFalse();
        assertThat(env.admin(new User("quan.tri", Role.ADMIN)).state().settings())
                .contains(new AdminState.Setting("consentPolicy", "PUBLIC"));

        env.close();
        terminalFile("consent.facilityType = PRIVATE"); // the terminal's file overrides the system file
        open(CardReaders.of(terminals.factory()), environment());
        assertThat(env.reception().policy().required()).isTrue();
    }

    @Test
    void aBadTerminalIdOrFacilityTypeStopsTheStartNamingTheKeyAndWhereItWasSet() throws Exception {
        systemFile("consent.facilityType = privat");
        assertThatThrownBy(() -> open(CardReaders.of(terminals.factory()), environment()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("consent.facilityType")
                .hasMessageContaining(systemFile().toString())
                .hasMessageContaining("private or public");
        env = null;

        systemFile("consent.facilityType = public");
        assertThatThrownBy(() -> open(CardReaders.of(terminals.factory()),
                environment(TerminalEnvironment.TERMINAL_ID_VARIABLE, "quầy 1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("terminal.id")
                .hasMessageContaining("CLINICTERM_TERMINAL_ID");
        env = null;
        assertThat(home.resolve("clinicterm.db")).as("nothing was opened").doesNotExist();
    }

    @Test
    void theHandoffApiAnswersOnLoopbackToAClientTokenAndStopsWithTheCounter() throws Exception {
        int port = freePort();
        terminalFile("handoff.port = " + port);
        open(CardReaders.of(terminals.factory()), environment());

        assertThat(env.handoffUrl()).contains("http://127.0.0.1:" + port);
        String token = env.visitLog().handoffTokens().create("his-main", "quan.tri");
        assertThat(get("/v1/patients/current", "ctk_not-a-token").statusCode()).isEqualTo(401);
        assertThat(get("/v1/patients/current", token).statusCode()).as("no patient yet").isEqualTo(404);
        long visit = TerminalTestVisits.visit(env.visitLog(), 1, Indication.PASSED, Eligibility.ELIGIBLE);
        HttpResponse<String> current = get("/v1/patients/current", token);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(current.body()).contains("\"visitId\":" + visit);
        assertThat(env.admin(new User("quan.tri", Role.ADMIN)).state().settings())
                .contains(new AdminState.Setting("handoff", "http://127.0.0.1:" + port));

        String url = env.handoffUrl().orElseThrow();
        env.close();
        env = null;
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(url + "/v1/patients/current"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).as("the API stopped with the counter")
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aHandoffPortInUseOrInvalidLeavesTheApiOffAndTheCounterOpen() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            terminalFile("handoff.port = " + taken.getLocalPort());
            open(CardReaders.of(terminals.factory()), environment());
            assertThat(env.handoffUrl()).isEmpty();
            assertThat(env.handoffProblem()).get().asString().contains(Integer.toString(taken.getLocalPort()));
            assertThat(env.admin(new User("quan.tri", Role.ADMIN)).state().settings())
                    .contains(new AdminState.Setting("handoff", env.handoffProblem().get()));
        }
        env.close();
        terminalFile("handoff.port = 80000");
        open(CardReaders.of(terminals.factory()), environment());
        assertThat(env.handoffProblem()).get().asString().contains("handoff.port").contains("65535");
        assertThat(env.visitLog().health()).isInstanceOf(vn.clinicterm.terminal.storage.Health.Ok.class);
    }

    /**
     * The whole counter: sync and check-in settings in the system-wide file, the hand-off port in the terminal's. A
     * visit recorded offline is answered by central-sim through the sync worker; the answer reaches the open reception
     * screen and the HIS's event stream; the HIS's data makes an XML0 record the check-in worker delivers.
     */
    @Test
    void withSyncAndCheckInsInTheSystemFileLateAnswersReachTheScreenAndTheHisAndCheckInsAreSent() throws Exception {
        central = CentralSim.builder().port(0)
                .checkInReceiver(new vn.clinicterm.centralsim.SimCheckInReceiver(java.time.Clock.systemUTC())).start();
        systemFile("sync.url = " + central.baseUrl(), "sync.facilityCode = " + CentralSim.DEFAULT_FACILITY,
                "checkin.province = 79");
        int port = freePort();
        terminalFile("handoff.port = " + port);
        open(CardReaders.of(terminals.factory()), environment("CLINICTERM_SYNC_PASSWORD", CentralSim.DEFAULT_PASSWORD));

        assertThat(env.syncSetup()).isInstanceOfSatisfying(TerminalSyncSetup.Configured.class,
                c -> assertThat(c.config().baseUrl().toString()).startsWith(central.baseUrl()));
        assertThat(env.visitLog().facilityCode()).isEqualTo(CentralSim.DEFAULT_FACILITY);
        assertThat(env.checkInsRunning()).as(env.checkInProblem().orElse("")).isTrue();
        String token = env.visitLog().handoffTokens().create("his-main", "quan.tri");
        List<String[]> events = subscribe(token);
        session = env.session(new User("le.tan", Role.RECEPTION));
        ReceptionViewModel reception = session.reception();
        reception.start();

        long visit = TerminalTestVisits.visit(env.visitLog(), 1, Indication.PASSED, Eligibility.PENDING);
        AdminViewModel admin = env.admin(new User("quan.tri", Role.ADMIN));
        admin.syncNow();

        String[] known = await(() -> events.stream().filter(e -> e[0].equals("eligibility-known")).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(known[1]).contains("\"visitId\":" + visit).contains("\"eligibility\":\"ELIGIBLE\"");
        assertThat(await(reception::state, s -> s.today().stream().anyMatch(v -> v.visitId() == visit
                && v.eligibility() == Eligibility.ELIGIBLE)).today()).isNotEmpty();
        assertThat(admin.state().settings()).contains(new AdminState.Setting("checkIns", "ON"));

        HttpResponse<String> his = http.send(HttpRequest.newBuilder(URI.create(env.handoffUrl().orElseThrow()
                        + "/v1/visits/" + visit + "/his"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"maLk\":\"LK2026112800001\",\"maBn\":\"BN000123\","
                        + "\"maDichVu\":\"02.1896\",\"tenDichVu\":\"Khám Nội\",\"ngayYl\":\""
                        + LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusMinutes(5).withNano(0) + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(his.body()).contains("\"checkIn\":\"QUEUED\"");
        CheckInStatus sent = await(() -> env.visitLog().checkInStatus(visit).orElseThrow(),
                s -> s.state() == CheckInStatus.State.SENT);
        assertThat(sent.maGiaoDich()).get().asString().isNotBlank();
    }

    @Test
    void checkinKeysWithoutAGatewayPasswordLeaveCheckInsOffAndSaySo() throws Exception {
        central = CentralSim.builder().port(0).start();
        systemFile("sync.url = " + central.baseUrl(), "sync.facilityCode = " + CentralSim.DEFAULT_FACILITY,
                "checkin.decision = 4750");
        open(CardReaders.of(terminals.factory()), environment());

        assertThat(env.syncSetup()).isInstanceOf(TerminalSyncSetup.Configured.class);
        assertThat(env.checkInsRunning()).isFalse();
        assertThat(env.checkInProblem()).get().asString().contains("sync.password");
    }

    @Test
    void theHisPatientLineOfTheConfigurationReachesTheReceptionScreenAndItsCopies() throws Exception {
        systemFile("handoff.patientLine = ID_NUMBER,FULL_NAME");
        terminalFile("handoff.patientLineSeparator = semicolon");
        open(CardReaders.of(terminals.factory()), environment());
        session = env.session(new User("le.tan", Role.RECEPTION));
        ReceptionViewModel reception = session.reception();
        assertThat(reception.patientLine()).isEqualTo(new PatientLine(
                List.of(PatientLine.Field.ID_NUMBER, PatientLine.Field.FULL_NAME), ";"));

        // a card read and checked in at this counter (the trust store is empty: not verifiable, still checked in)
        reception.start();
        await(reception::state, s -> s.readerStatus() == ReaderStatus.EMPTY);
        reception.confirmConsent();
        SimCard card = SimCard.builder().citizen(1).build();
        terminals.insert(terminals.readerNames().getFirst(), card.chip());
        reception.keyTyped(card.citizen().can());
        reception.submitKey();
        await(reception::state, s -> s.checkIn() == ReceptionState.CheckInStatus.READY);
        reception.checkIn();
        long visit = await(reception::state, s -> s.checkIn() == ReceptionState.CheckInStatus.RECORDED).visitId();

        assertThat(reception.copyPatientLine().get(30, java.util.concurrent.TimeUnit.SECONDS))
                .contains(card.citizen().idNumber() + ";" + card.citizen().fullName());
        assertThat(env.visitLog().auditEntries(0, 1000)).filteredOn(e -> e.type() == AuditType.PATIENT_LINE_COPIED)
                .singleElement().satisfies(e -> assertThat(e.details()).contains("\"visitId\":" + visit)
                        .doesNotContain(card.citizen().idNumber()));
    }

    @Test
    void withoutPatientLineKeysTheCounterCopiesTheStandardLine() throws Exception {
        open(CardReaders.of(terminals.factory()), environment());
        session = env.session(new User("le.tan", Role.RECEPTION));

        assertThat(session.reception().patientLine()).isEqualTo(PatientLine.standard());
    }

    @Test
    void aBadPatientLineStopsTheStartNamingTheKeyTheFileAndTheField() throws Exception {
        terminalFile("handoff.patientLine = ID_NUMBER,HO_TEN");
        assertThatThrownBy(() -> open(CardReaders.of(terminals.factory()), environment()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("handoff.patientLine")
                .hasMessageContaining(home.resolve("clinicterm.properties").toString())
                .hasMessageContaining("HO_TEN")
                .hasMessageContaining("FULL_NAME");
        env = null;

        terminalFile("handoff.patientLineSeparator = space");
        assertThatThrownBy(() -> open(CardReaders.of(terminals.factory()), environment()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("handoff.patientLineSeparator")
                .hasMessageContaining("tab or semicolon or comma or pipe or newline");
        env = null;
        assertThat(home.resolve("clinicterm.db")).as("nothing was opened").doesNotExist();
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

    // ------------------------------------------------------------------------------------------------ helpers

    private static Map<String, String> with(Map<String, String> m, String key, String value) {
        Map<String, String> out = new HashMap<>(m);
        out.put(key, value);
        return out;
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(env.handoffUrl().orElseThrow() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Subscribes to the hand-off event stream; returns the events (name, data) as they arrive. */
    private List<String[]> subscribe(String token) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(
                        URI.create(env.handoffUrl().orElseThrow() + "/v1/events"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String[]> events = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch greeted = new java.util.concurrent.CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            String[] name = {null};
            try {
                stream.body().forEach(line -> {
                    if (line.startsWith(":")) {
                        greeted.countDown();
                    } else if (line.startsWith("event:")) {
                        name[0] = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        events.add(new String[] {name[0], line.substring(5).strip()});
                    }
                });
            } catch (java.io.UncheckedIOException closed) {
                // the counter stopped the server
            }
        });
        assertThat(greeted.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("subscribed").isTrue();
        return events;
    }
}
