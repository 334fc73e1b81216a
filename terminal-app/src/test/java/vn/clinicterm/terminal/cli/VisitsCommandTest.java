package vn.clinicterm.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.terminal.storage.CheckIn;
import vn.clinicterm.terminal.storage.CloneCheck;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.VisitLog;

/** The visit-log verbs end to end through picocli, on a database in a temp directory (--db). */
class VisitsCommandTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final InputStream stdin = System.in;
    private Path db;
    private Path adminPw;
    private Path auditorPw;

    @BeforeEach
    void accountsAndVisits() throws Exception {
        Cli.redirect(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        db = temp.resolve("data/clinicterm.db");
        adminPw = Files.writeString(temp.resolve("admin.pw"), "quản-trị-viên-1\n");
        auditorPw = Files.writeString(temp.resolve("auditor.pw"), "kiểm-toán-viên-2\n");
        assertThat(run(new UsersCommand(), "add", "quan.tri", "--role", "admin", "--db", db.toString(),
                "--new-password-file", adminPw.toString())).isZero();
        System.setIn(new ByteArrayInputStream("quản-trị-viên-1\nkiểm-toán-viên-2\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(run(new UsersCommand(), "add", "kiem.toan", "--role", "auditor", "--db", db.toString(),
                "--user", "quan.tri")).as(err.toString()).isZero();
        try (VisitLog log = VisitLog.builder().database(db).open()) {
            for (int n = 1; n <= 5; n++) {
                SimCitizen c = SyntheticCitizens.citizen(n);
                log.recordVisit(CheckIn.builder().terminalId("quay-1").staffUser("le.tan").idNumber(c.idNumber())
                        .fullName(c.fullName()).dateOfBirth(c.dateOfBirth()).gender(c.gender().vietnamese())
                        .residence(c.residence()).verification(Indication.PASSED, "", List.of())
                        .accessMethod(AccessMethod.PACE).cloneCheck(CloneCheck.CA, true).build());
            }
        }
    }

    @AfterEach
    void restoreStreams() {
        Cli.redirect(System.out, System.err);
        System.setIn(stdin);
    }

    private int run(Object command, String... args) {
        return new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    private int asAuditor(Object command, String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--db", db.toString(), "--user", "kiem.toan", "--password-file", auditorPw.toString()))
                .toArray(String[]::new);
        return run(command, all);
    }

    private int asAdmin(Object command, String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--db", db.toString(), "--user", "quan.tri", "--password-file", adminPw.toString()))
                .toArray(String[]::new);
        return run(command, all);
    }

    @Test
    void anAuditorExportsCsvThatVerifiesAndAOneByteEditFailsWithExit43() throws Exception {
        String today = LocalDate.now().toString();
        Path csv = temp.resolve("visits.csv");

        assertThat(asAuditor(new VisitsCommand(), "export", "--from", today, "--to", today, "--format", "csv",
                "--out", csv.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("exported 5 visits");
        assertThat(Files.readString(csv)).contains("Nguyễn Văn An").contains("0010••••2345");
        assertThat(csv.resolveSibling("visits.csv.manifest.json")).exists();

        assertThat(run(new VisitsCommand(), "verify-export", csv.toString(), "--db", db.toString())).isZero();
        assertThat(out.toString()).contains("export verified").contains("signed by this terminal");

        byte[] bytes = Files.readAllBytes(csv);
        bytes[bytes.length - 3] ^= 0x20;
        Files.write(csv, bytes);
        assertThat(run(new VisitsCommand(), "verify-export", csv.toString(), "--db", db.toString()))
                .isEqualTo(VisitLogExitCodes.EXPORT_INVALID);
        assertThat(err.toString()).contains("was altered");
    }

    @Test
    void aPdfExportVerifiesToo() {
        String today = LocalDate.now().toString();
        Path pdf = temp.resolve("report.pdf");
        assertThat(asAuditor(new VisitsCommand(), "export", "--from", today, "--to", today, "--format", "pdf",
                "--out", pdf.toString())).as(err.toString()).isZero();
        assertThat(run(new VisitsCommand(), "verify-export", pdf.toString(), "--db", db.toString())).isZero();
    }

    @Test
    void rolesAndPasswordsAreEnforced() {
        assertThat(asAuditor(new VisitsCommand(), "purge", "--older-than", "30"))
                .isEqualTo(VisitLogExitCodes.NOT_PERMITTED);
        assertThat(run(new VisitsCommand(), "today", "--db", db.toString(), "--user", "kiem.toan", "--password-file",
                adminPw.toString())).isEqualTo(VisitLogExitCodes.LOGIN_FAILED);
        assertThat(err.toString()).contains("wrong user name or password").doesNotContain("quản-trị");
        assertThat(asAdmin(new VisitsCommand(), "purge", "--older-than", "30")).isZero();
        assertThat(out.toString()).contains("purged 0 visits");
    }

    @Test
    void todayShowsMaskedIds() {
        assertThat(asAuditor(new VisitsCommand(), "today")).isZero();
        assertThat(out.toString()).contains("0010••••2345").contains("Nguyễn Văn An").doesNotContain("001085012345");
    }

    @Test
    void auditVerifyExitsZeroThenFortyTwoNamingTheEditedEntry() throws Exception {
        assertThat(asAuditor(new AuditCommand(), "verify")).isZero();
        assertThat(out.toString()).contains("audit log intact");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER audit_log_no_update");
            st.execute("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 4");
        }
        assertThat(asAuditor(new AuditCommand(), "verify")).isEqualTo(VisitLogExitCodes.AUDIT_BROKEN);
        assertThat(err.toString()).contains("entry 4 was edited");
    }

    @Test
    void anAdminBacksUpAndTheDatabaseStatusIsOk() {
        Path backup = temp.resolve("backup.db");
        assertThat(asAdmin(new DbCommand(), "backup", backup.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("backed up 5 visits");
        assertThat(backup).exists();
        assertThat(run(new DbCommand(), "status", "--db", db.toString())).isZero();
    }
}
