package vn.clinicterm.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.terminal.consent.ConsentNotice;
import vn.clinicterm.terminal.storage.CheckIn;
import vn.clinicterm.terminal.storage.CloneCheck;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.RecordOutcome;
import vn.clinicterm.terminal.storage.VisitLog;

/** The issue 9 verbs (consent, handoff token, checkin xml0) through picocli, on a database in a temp dir. */
class HandoffCommandsTest {

    static final String ID = "001085012345";
    static final String OTHER_ID = "079190000002";

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path db;
    private Path adminPw;

    @BeforeEach
    void anAdmin() throws Exception {
        Cli.redirect(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        db = temp.resolve("data/clinicterm.db");
        adminPw = Files.writeString(temp.resolve("admin.pw"), "quản-trị-viên-1\n");
        assertThat(run(new UsersCommand(), "add", "quan.tri", "--role", "admin", "--db", db.toString(),
                "--new-password-file", adminPw.toString())).as(err.toString()).isZero();
        out.reset();
    }

    @AfterEach
    void restoreStreams() {
        Cli.redirect(System.out, System.err);
    }

    private int run(Object command, String... args) {
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    private int asAdmin(Object command, String... args) {
        return run(command, Stream.concat(Stream.of(args), Stream.of("--db", db.toString(), "--user", "quan.tri",
                "--password-file", adminPw.toString())).toArray(String[]::new));
    }

    /** A consented visit of a synthetic patient, with the insurer's answer and, if given, the HIS data. */
    private long visit(String idNumber, String hisJson) {
        try (VisitLog log = VisitLog.builder().database(db).open()) {
            RecordOutcome o = log.recordVisit(CheckIn.builder().terminalId("quay-1").staffUser("le.tan")
                    .idNumber(idNumber).fullName("Nguyễn Văn An").dateOfBirth(LocalDate.of(1985, 3, 12))
                    .gender("Nam").residence("Phường Bến Nghé, TP. Hồ Chí Minh")
                    .verification(Indication.PASSED, "", List.of()).accessMethod(AccessMethod.PACE)
                    .cloneCheck(CloneCheck.CA, true).consent(ConsentNotice.agreed("le.tan", Instant.now())).build());
            long id = ((RecordOutcome.Recorded) o).visitId();
            log.updateEligibility(id, Eligibility.ELIGIBLE, "{\"outcome\":\"ELIGIBLE\",\"reasonCode\":\"OK\","
                    + "\"cardNumber\":\"DN4797912345678\",\"validFrom\":\"2026-01-01\",\"validTo\":\"2026-12-31\","
                    + "\"registeredFacility\":\"79001\",\"benefitLevel\":80}");
            if (hisJson != null) {
                assertThat(log.saveHisData(id, hisJson)).isTrue();
            }
            return id;
        }
    }

    private String[] gateway(long visitId) {
        return new String[] {"xml0", "--visit", Long.toString(visitId), "--config",
                temp.resolve("none.properties").toString(), "--central-url", "http://127.0.0.1:9",
                "--facility-code", "79001"};
    }

    @Test
    void aTokenIsCreatedListedAndRevokedAndIsPrintedOnlyAtCreation() {
        assertThat(asAdmin(new HandoffCommand(), "token", "create", "his-a")).as(err.toString()).isZero();
        String token = out.toString().strip();
        assertThat(token).startsWith("ctk_").doesNotContain("\n");
        try (VisitLog log = VisitLog.builder().database(db).open()) {
            assertThat(log.handoffTokens().authenticate(token)).contains("his-a");
        }
        assertThat(asAdmin(new HandoffCommand(), "token", "create", "his-a"))
                .isEqualTo(ReceptionExitCodes.CONFLICT);

        out.reset();
        assertThat(asAdmin(new HandoffCommand(), "token", "list")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("his-a").contains("quan.tri").doesNotContain(token);

        out.reset();
        assertThat(asAdmin(new HandoffCommand(), "token", "revoke", "his-a")).as(err.toString()).isZero();
        assertThat(asAdmin(new HandoffCommand(), "token", "list")).isZero();
        assertThat(out.toString()).contains("revoked").doesNotContain(token);
        assertThat(asAdmin(new HandoffCommand(), "token", "revoke", "his-a"))
                .isEqualTo(ReceptionExitCodes.NOT_FOUND);
        try (VisitLog log = VisitLog.builder().database(db).open()) {
            assertThat(log.handoffTokens().authenticate(token)).isEmpty();
        }
    }

    @Test
    void aNewTokenIsListedAsLiveUntilRevoked() {
        assertThat(asAdmin(new HandoffCommand(), "token", "create", "his-b")).isZero();
        out.reset();
        assertThat(asAdmin(new HandoffCommand(), "token", "list")).isZero();
        assertThat(out.toString()).contains("his-b").contains("live").doesNotContain("revoked");
    }

    @Test
    void checkinXml0PrintsTheDocumentWithTheIdNumberOfARecordedVisit() {
        String orderedAt = LocalDateTime.now(ZoneId.systemDefault()).plusMinutes(5).withNano(0).toString();
        long id = visit(ID, "{\"maLk\":\"LK2026112800001\",\"maBn\":\"BN000123\",\"maDichVu\":\"02.1896\","
                + "\"tenDichVu\":\"Khám Nội\",\"ngayYl\":\"" + orderedAt + "\"}");

        assertThat(asAdmin(new CheckinCommand(), gateway(id))).as(err.toString()).isZero();

        assertThat(out.toString()).contains("<SO_CCCD>" + ID + "</SO_CCCD>").contains("<MA_LK>LK2026112800001</MA_LK>")
                .contains("<MA_THE_BHYT>DN4797912345678</MA_THE_BHYT>").contains("TRANG_THAI_KCB");
    }

    @Test
    void checkinXml0OfARecordThatBreaksARuleFailsNamingTheFieldAndPrintsNothing() {
        long id = visit(ID, "{\"maLk\":\"LK1\",\"maBn\":\"BN1\",\"maDichVu\":\"02.1896\","
                + "\"ngayYl\":\"2020-01-01T08:00\"}");

        assertThat(asAdmin(new CheckinCommand(), gateway(id))).isEqualTo(ReceptionExitCodes.XML0_INVALID);

        assertThat(err.toString()).contains("NGAY_YL").doesNotContain(ID);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void checkinXml0OfAVisitWithoutHisDataIsNotFound() {
        long id = visit(ID, null);
        assertThat(asAdmin(new CheckinCommand(), gateway(id))).isEqualTo(ReceptionExitCodes.NOT_FOUND);
        assertThat(err.toString()).contains("HIS data");
    }

    @Test
    void consentWithdrawnByAnAdminRemovesThePatientsVisitsAndPrintsCountsOnly() {
        long first = visit(ID, null);
        long other = visit(OTHER_ID, null);

        assertThat(asAdmin(new ConsentCommand(), "withdraw", "--id", ID)).as(err.toString()).isZero();

        assertThat(out.toString()).contains("deleted 1 visit(s)").doesNotContain(ID).doesNotContain("Nguyễn");
        try (VisitLog log = VisitLog.builder().database(db).open()) {
            assertThat(log.visit(first)).isEmpty();
            assertThat(log.visit(other)).isPresent();
        }
        assertThat(asAdmin(new ConsentCommand(), "withdraw", "--id", "12345")).isEqualTo(ExitCodes.USAGE);
    }
}
