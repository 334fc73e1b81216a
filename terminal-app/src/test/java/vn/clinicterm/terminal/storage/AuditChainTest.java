package vn.clinicterm.terminal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.storage.TestVisits.MORNING;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit chain catches each kind of tampering done directly in the SQLite file, and names the entry. */
class AuditChainTest {

    @TempDir
    Path dir;

    private final TestVisits.MutableClock clock = new TestVisits.MutableClock(MORNING);

    @BeforeEach
    void sixEntries() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            for (int i = 1; i <= 5; i++) {
                log.recordVisit(TestVisits.passed(i));
                clock.advance(Duration.ofSeconds(30));
            }
            log.recordEvent(AuditType.TRUST_UPDATE, "admin", Map.of("imported", 1));
        }
    }

    private void tamper(String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("clinicterm.db"));
                Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER audit_log_no_update");
            st.execute("DROP TRIGGER audit_log_no_delete");
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private AuditVerification verify() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            return log.verifyAudit();
        }
    }

    @Test
    void anUntouchedChainVerifiesAgainstItsSignedHead() {
        assertThat(verify()).isInstanceOfSatisfying(AuditVerification.Intact.class, ok -> {
            assertThat(ok.entries()).isEqualTo(6);
            assertThat(ok.head().seq()).isEqualTo(6);
            assertThat(ok.anchorChecked()).isTrue();
        });
    }

    @Test
    void theDatabaseRefusesUpdatesAndDeletesOfAuditEntries() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("clinicterm.db"));
                Statement st = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.execute("DELETE FROM audit_log WHERE seq = 2"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void anEditedEntryIsNamed() throws Exception {
        tamper("UPDATE audit_log SET details = replace(details, 'PASSED', 'FAILED') WHERE seq = 3");

        assertThat(verify()).isEqualTo(new AuditVerification.Broken(3, AuditVerification.Problem.EDITED,
                "entry 3 was edited: its contents (time, type, actor or details) do not match its hash"));
    }

    @Test
    void aDeletedEntryIsNamed() throws Exception {
        tamper("DELETE FROM audit_log WHERE seq = 4");

        assertThat(verify()).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(4);
            assertThat(b.problem()).isEqualTo(AuditVerification.Problem.DELETED);
            assertThat(b.message()).startsWith("entry 4 is missing");
        });
    }

    @Test
    void reorderedEntriesAreNamed() throws Exception {
        tamper("UPDATE audit_log SET seq = 100 WHERE seq = 2", "UPDATE audit_log SET seq = 2 WHERE seq = 3",
                "UPDATE audit_log SET seq = 3 WHERE seq = 100");

        assertThat(verify()).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(2);
            assertThat(b.problem()).isEqualTo(AuditVerification.Problem.REORDERED);
            assertThat(b.message()).isEqualTo("entry 2 is out of order: it was written after entry 3, not after entry 1");
        });
    }

    @Test
    void aTruncatedLogIsCaughtByTheSignedHeadAndNamesTheMissingEntries() throws Exception {
        tamper("DELETE FROM audit_log WHERE seq >= 5");

        assertThat(verify()).isInstanceOfSatisfying(AuditVerification.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(5);
            assertThat(b.problem()).isEqualTo(AuditVerification.Problem.TRUNCATED);
            assertThat(b.message()).startsWith("entries 5 to 6 are missing: the audit log was truncated");
        });
    }

    @Test
    void anEditedSignedHeadIsReported() throws Exception {
        Path head = dir.resolve("clinicterm.db.head");
        Files.writeString(head, Files.readString(head).replace("\"seq\":6", "\"seq\":9"));

        assertThat(verify()).isInstanceOfSatisfying(AuditVerification.Broken.class,
                b -> assertThat(b.problem()).isEqualTo(AuditVerification.Problem.ANCHOR_INVALID));
    }

    @Test
    void entriesCarryNoPersonalData() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            assertThat(log.auditEntries(1, 100)).allSatisfy(e -> assertThat(e.details())
                    .doesNotContain("Nguyễn").doesNotContain("001085012345"));
        }
    }
}
