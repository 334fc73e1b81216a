package vn.clinicterm.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.CertificatePinner;
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
import vn.clinicterm.centralsim.SimCheckInReceiver;
import vn.clinicterm.terminal.checkin.TestSigningKeys;
import vn.clinicterm.terminal.consent.ConsentNotice;
import vn.clinicterm.terminal.storage.CheckIn;
import vn.clinicterm.terminal.storage.CheckInStatus;
import vn.clinicterm.terminal.storage.CheckIns;
import vn.clinicterm.terminal.storage.CloneCheck;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.RecordOutcome;
import vn.clinicterm.terminal.storage.VisitLog;

/**
 * {@code clinicterm checkin send|list|run|xml0 --signed} and {@code read --check-in}'s facility code, through picocli,
 * against central-sim on loopback (over https with a pinned certificate where it matters). Synthetic people only.
 */
class CheckinCommandTest {

    private static final HeldCertificate SERVER = new HeldCertificate.Builder()
            .commonName("bhxh-gateway-sim").addSubjectAlternativeName("127.0.0.1").build();
    private static final HeldCertificate BACKUP = new HeldCertificate.Builder().commonName("backup-key").build();
    private static final HeldCertificate STRANGER = new HeldCertificate.Builder().commonName("someone-else").build();

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<CentralSim> sims = new ArrayList<>();
    private Path db;
    private Path receptionPw;

    @BeforeEach
    void accounts() throws Exception {
        Cli.redirect(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        db = temp.resolve("data/clinicterm.db");
        Path adminPw = Files.writeString(temp.resolve("admin.pw"), "quản-trị-viên-1\n");
        receptionPw = Files.writeString(temp.resolve("reception.pw"), "lễ-tân-2\n");
        assertThat(run(new UsersCommand(), "add", "quan.tri", "--role", "admin", "--db", db.toString(),
                "--new-password-file", adminPw.toString())).as(err.toString()).isZero();
        assertThat(run(new UsersCommand(), "add", "le.tan", "--role", "reception", "--db", db.toString(),
                "--new-password-file", receptionPw.toString(), "--user", "quan.tri", "--password-file",
                adminPw.toString())).as(err.toString()).isZero();
        out.reset();
    }

    @AfterEach
    void stop() {
        sims.forEach(CentralSim::close);
        Cli.redirect(System.out, System.err);
    }

    private static int run(Object command, String... args) {
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    private int checkin(Path config, String... args) {
        return run(new CheckinCommand(), Stream.concat(Stream.of(args), Stream.of("--db", db.toString(), "--user",
                "le.tan", "--password-file", receptionPw.toString(), "--config", config.toString()))
                .toArray(String[]::new));
    }

    private int list(String... args) {
        return run(new CheckinCommand(), Stream.concat(Stream.of("list"), Stream.concat(Stream.of(args),
                Stream.of("--db", db.toString(), "--user", "le.tan", "--password-file", receptionPw.toString())))
                .toArray(String[]::new));
    }

    private CentralSim sim(SimCheckInReceiver receiver, boolean tls) {
        CentralSim.Builder b = CentralSim.builder().port(0).checkInReceiver(receiver);
        if (tls) {
            b.tls(SERVER);
        }
        CentralSim sim = b.start();
        sims.add(sim);
        return sim;
    }

    private Path config(String url, String... extra) throws Exception {
        List<String> lines = new ArrayList<>(List.of("sync.url=" + url, "sync.facilityCode=79001",
                "sync.password=" + CentralSim.DEFAULT_PASSWORD, "sync.connectTimeout=1s", "sync.callTimeout=3s"));
        lines.addAll(List.of(extra));
        return Files.writeString(temp.resolve("clinicterm-" + System.nanoTime() + ".properties"),
                String.join("\n", lines) + "\n");
    }

    /** A consented, insured visit of synthetic citizen {@code n} with the HIS data; {@code late}: ordered in time. */
    private long visit(int n, String maLk, boolean orderedAfterArrival) {
        SimCitizen c = SyntheticCitizens.citizen(n);
        LocalDateTime ordered = LocalDateTime.now(ZoneId.systemDefault()).plusMinutes(orderedAfterArrival ? 5 : -600)
                .withNano(0);
        try (VisitLog log = VisitLog.builder().database(db).open()) {
            RecordOutcome o = log.recordVisit(CheckIn.builder().terminalId("quay-1").staffUser("le.tan")
                    .idNumber(c.idNumber()).fullName(c.fullName()).dateOfBirth(c.dateOfBirth())
                    .gender(c.gender().vietnamese()).residence(c.residence())
                    .verification(Indication.PASSED, "", List.of()).accessMethod(AccessMethod.PACE)
                    .cloneCheck(CloneCheck.CA, true).consent(ConsentNotice.agreed("le.tan", Instant.now())).build());
            long id = ((RecordOutcome.Recorded) o).visitId();
            log.updateEligibility(id, Eligibility.ELIGIBLE, "{\"outcome\":\"ELIGIBLE\",\"reasonCode\":\"OK\","
                    + "\"cardNumber\":\"DN4797912345678\",\"validFrom\":\"" + LocalDate.now().minusMonths(1)
                    + "\",\"validTo\":\"" + LocalDate.now().plusMonths(11) + "\",\"registeredFacility\":\"79001\","
                    + "\"benefitLevel\":80}");
            assertThat(log.saveHisData(id, "{\"maLk\":\"" + maLk + "\",\"maBn\":\"BN" + n + "\","
                    + "\"maDichVu\":\"02.1896\",\"ngayYl\":\"" + ordered + "\"}")).isTrue();
            return id;
        }
    }

    private CheckInStatus status(long id) {
        try (VisitLog log = VisitLog.builder().database(db).open()) {
            return log.checkInStatus(id).orElseThrow();
        }
    }

    private static String pin(HeldCertificate c) {
        return CertificatePinner.pin(c.certificate());
    }

    @Test
    void checkinSendToAnHttpsGatewayWithAPinnedCertificateStoresTheTransactionCode() throws Exception {
        SimCheckInReceiver receiver = new SimCheckInReceiver(Clock.systemUTC());
        CentralSim sim = sim(receiver, true);
        Path pem = Files.writeString(temp.resolve("gateway.pem"), SERVER.certificatePem());
        Path config = config(sim.baseUrl(), "sync.trustedCerts=" + pem.toString().replace("\\", "/"),
                "sync.pins=" + pin(SERVER) + "," + pin(BACKUP));
        long id = visit(1, "LK-HTTPS-1", true);

        assertThat(checkin(config, "send", "--visit", Long.toString(id))).as(err.toString()).isZero();

        String code = out.toString().strip();
        assertThat(receiver.accepted()).singleElement().satisfies(a -> assertThat(a.maGiaoDich()).isEqualTo(code));
        assertThat(status(id).maGiaoDich()).contains(code);
        assertThat(status(id).state()).isEqualTo(CheckInStatus.State.SENT);
    }

    @Test
    void aGatewayWhoseCertificateDoesNotMatchThePinsGetsNothingAndTheRecordStaysPending() throws Exception {
        SimCheckInReceiver receiver = new SimCheckInReceiver(Clock.systemUTC());
        CentralSim sim = sim(receiver, true);
        Path pem = Files.writeString(temp.resolve("gateway.pem"), SERVER.certificatePem());
        Path config = config(sim.baseUrl(), "sync.trustedCerts=" + pem.toString().replace("\\", "/"),
                "sync.pins=" + pin(STRANGER) + "," + pin(BACKUP));
        long id = visit(2, "LK-PIN-1", true);

        assertThat(checkin(config, "send", "--visit", Long.toString(id))).isEqualTo(ReceptionExitCodes.DEFERRED);

        assertThat(err.toString()).contains("TLS").contains("stays queued");
        assertThat(receiver.accepted()).isEmpty();
        out.reset();
        assertThat(list("--state", "pending", "--json")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"pending\":1").contains("\"visitId\":" + id)
                .contains("\"state\":\"QUEUED\"").contains("\"attempts\":1").contains("TLS");
    }

    @Test
    void signedSendingListAndDeadLettersThroughTheVerbs() throws Exception {
        TestSigningKeys keys = TestSigningKeys.rsa(temp);
        SimCheckInReceiver receiver = SimCheckInReceiver.builder().requireSignature()
                .trustedSigner(keys.certificate()).build();
        CentralSim sim = sim(receiver, false);
        Path config = config(sim.baseUrl(), "checkin.signing.keyStore=" + keys.file().toString().replace("\\", "/"),
                "checkin.signing.password=file:" + keys.passwordFile(temp).toString().replace("\\", "/"));
        long good = visit(3, "LK-SIGNED-1", true);
        long broken = visit(4, "LK-BROKEN-1", false);

        assertThat(checkin(config, "send", "--visit", Long.toString(good))).as(err.toString()).isZero();
        assertThat(receiver.accepted()).singleElement().satisfies(a -> assertThat(a.signed()).isTrue());
        assertThat(checkin(config, "send", "--visit", Long.toString(broken)))
                .isEqualTo(ReceptionExitCodes.XML0_INVALID);
        assertThat(err.toString()).contains("NGAY_YL");
        assertThat(receiver.refusals()).as("refused locally: nothing was sent").isEmpty();

        out.reset();
        assertThat(list("--json")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"pending\":0,\"sent\":1,\"dead\":1")
                .contains("\"maGiaoDich\":\"" + status(good).maGiaoDich().orElseThrow() + "\"")
                .contains("\"state\":\"REFUSED\"").contains("NGAY_YL")
                .doesNotContain(SyntheticCitizens.citizen(3).idNumber());
        out.reset();
        assertThat(list("--state", "dead")).isZero();
        assertThat(out.toString()).contains(broken + " ").contains("dead").doesNotContain("LK-SIGNED")
                .doesNotContain(good + "        sent");
    }

    @Test
    void checkinRunDrainsThePendingRecordsAndXml0SignedPrintsAVerifiableDocument() throws Exception {
        SimCheckInReceiver receiver = new SimCheckInReceiver(Clock.systemUTC());
        CentralSim sim = sim(receiver, false);
        Path config = config(sim.baseUrl());
        long a = visit(5, "LK-RUN-1", true);
        long b = visit(6, "LK-RUN-2", true);
        try (VisitLog log = VisitLog.builder().database(db).open()) {
            CheckIns.of(log).queue(a);
            CheckIns.of(log).queue(b);
        }

        assertThat(checkin(config, "run", "--timeout", "20")).as(err.toString()).isZero();

        assertThat(out.toString()).contains("pending 0, sent 2, dead 0");
        assertThat(receiver.accepted()).hasSize(2);
        assertThat(status(a).state()).isEqualTo(CheckInStatus.State.SENT);

        TestSigningKeys keys = TestSigningKeys.ec(temp);
        out.reset();
        assertThat(checkin(config, "xml0", "--visit", Long.toString(a), "--signed", "--sign-keystore",
                keys.file().toString(), "--sign-password", "file:" + keys.passwordFile(temp)))
                .as(err.toString()).isZero();
        String xml = out.toString();
        assertThat(xml).contains("<CHUKYDONVI><ds:Signature");
        SimCheckInReceiver strict = SimCheckInReceiver.builder().requireSignature().build();
        assertThat(strict.receive(3176, Map.of("maCSKCB", "79001"), xml.getBytes(StandardCharsets.UTF_8)))
                .containsEntry("maKetQua", "200");
    }

    @Test
    void aPasswordWrittenWhereItsSourceBelongsIsAConfigErrorThatDoesNotEchoIt() throws Exception {
        TestSigningKeys keys = TestSigningKeys.rsa(temp);
        Path config = config("http://127.0.0.1:9");
        long id = visit(7, "LK-PW-1", true);

        assertThat(checkin(config, "send", "--visit", Long.toString(id), "--sign-keystore", keys.file().toString(),
                "--sign-password", "mật-khẩu-thử")).isEqualTo(SyncExitCodes.CONFIG);

        assertThat(err.toString()).contains("--sign-password").doesNotContain("mật-khẩu-thử");
        assertThat(checkin(config, "send", "--visit", Long.toString(id), "--sign-keystore", keys.file().toString(),
                "--sign-password", "env:CLINICTERM_TEST_NOT_SET_ANYWHERE")).isEqualTo(SyncExitCodes.CONFIG);
        assertThat(err.toString()).contains("CLINICTERM_TEST_NOT_SET_ANYWHERE is not set");
    }

    // ------------------------------------------------------------------------------------------ read --check-in

    private ReadCommand read(String... args) {
        ReadCommand cmd = new ReadCommand();
        new CommandLine(cmd).parseArgs(Stream.concat(Stream.of("--id", "001085012345", "--check-in", "--db",
                db.toString()), Stream.of(args)).toArray(String[]::new));
        return cmd;
    }

    @Test
    void readCheckInRecordsVisitsWithTheFacilityCodeOfTheConfigurationLikeTheOtherVerbs() throws Exception {
        Path configured = config("http://127.0.0.1:9");
        try (VisitLog log = read("--config", configured.toString()).openForCheckIn()) {
            assertThat(log.facilityCode()).isEqualTo("79001");
        }
        try (VisitLog log = read("--config", configured.toString(), "--facility-code", "01002").openForCheckIn()) {
            assertThat(log.facilityCode()).as("the flag wins, as for sync run").isEqualTo("01002");
        }
        Path facilityOnly = Files.writeString(temp.resolve("offline.properties"), "sync.facilityCode=79002\n");
        try (VisitLog log = read("--config", facilityOnly.toString()).openForCheckIn()) {
            assertThat(log.facilityCode()).as("no central service configured, the facility still is")
                    .isEqualTo("79002");
        }
        Path nothing = temp.resolve("absent.properties");
        try (VisitLog log = read("--config", nothing.toString()).openForCheckIn()) {
            assertThat(log.facilityCode()).isEmpty();
        }
        assertThat(err.toString()).contains("no facility code configured");
    }

    @Test
    void readCheckInWithABrokenSyncConfigurationRecordsNothingAndNamesTheKey() throws Exception {
        Path broken = Files.writeString(temp.resolve("broken.properties"),
                "sync.url=http://127.0.0.1:9\nsync.facilityCode=79-01\n");
        ReadCommand cmd = read("--config", broken.toString());

        StaffLogin.Exit exit = org.junit.jupiter.api.Assertions.assertThrows(StaffLogin.Exit.class,
                cmd::openForCheckIn);

        assertThat(exit.code).isEqualTo(SyncExitCodes.CONFIG);
        assertThat(err.toString()).contains("sync.facilityCode").contains("nothing recorded");
    }
}
