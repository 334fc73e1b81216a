package vn.clinicterm.terminal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.storage.TestVisits.MORNING;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.cardsim.SyntheticCitizens;

class VisitLogTest {

    @TempDir
    Path dir;

    private final TestVisits.MutableClock clock = new TestVisits.MutableClock(MORNING);

    @Test
    void everyConnectionRunsInWalWithFullSyncForeignKeysBusyTimeoutAndSecureDelete() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            assertThat(log.health()).isEqualTo(new Health.Ok());
            assertThat(log.pragma("journal_mode")).isEqualTo("wal");
            assertThat(log.pragma("synchronous")).isEqualTo("2");
            assertThat(log.pragma("foreign_keys")).isEqualTo("1");
            assertThat(log.pragma("busy_timeout")).isEqualTo("5000");
            assertThat(log.pragma("secure_delete")).isEqualTo("1");
        }
    }

    @Test
    void aVisitAndItsQueuedOutboxEntryAreWrittenTogether() throws Exception {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            RecordOutcome outcome = log.recordVisit(TestVisits.passed(1));

            assertThat(outcome).isInstanceOf(RecordOutcome.Recorded.class);
            long id = ((RecordOutcome.Recorded) outcome).visitId();
            List<OutboxEntry> outbox = log.nextOutbox(10);
            assertThat(outbox).singleElement().satisfies(e -> {
                assertThat(e.visitId()).isEqualTo(id);
                assertThat(e.state()).isEqualTo(OutboxEntry.State.QUEUED);
                assertThat(e.payload()).contains("\"idNumber\":\"001085012345\"").contains("Nguyễn Văn An");
            });
            assertThat(log.chainHead().seq()).isEqualTo(1);
        }
    }

    @Test
    void theSameCardWithinTheWindowIsADuplicateAndAfterItANewVisit() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            long first = ((RecordOutcome.Recorded) log.recordVisit(TestVisits.passed(2))).visitId();
            clock.advance(Duration.ofSeconds(4));
            assertThat(log.recordVisit(TestVisits.passed(2))).isEqualTo(new RecordOutcome.Duplicate(first));
            assertThat(log.recordVisit(TestVisits.passed(3))).isInstanceOf(RecordOutcome.Recorded.class);
            clock.advance(Duration.ofSeconds(2));
            assertThat(log.recordVisit(TestVisits.passed(2))).isInstanceOf(RecordOutcome.Recorded.class);
            assertThat(log.outboxCounts().get(OutboxEntry.State.QUEUED)).isEqualTo(3);
        }
    }

    @Test
    void aFailedCardWithoutStaffOverrideIsRefusedAndAuditedAndWithOverrideRecordedAndMarked() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            CheckIn.Builder failed = TestVisits.checkIn(4)
                    .verification(Indication.FAILED, "HASH_FAILURE", List.of("DG1_HASH_MISMATCH"));

            assertThat(log.recordVisit(failed.build()))
                    .isEqualTo(new RecordOutcome.RefusedUnverified(Indication.FAILED, "HASH_FAILURE"));
            assertThat(log.today()).isEmpty();
            assertThat(log.auditEntries(1, 10)).extracting(AuditEntry::type)
                    .containsExactly(AuditType.VERIFICATION_FAILURE);

            assertThat(log.recordVisit(failed.overrideByStaff().build())).isInstanceOf(RecordOutcome.Recorded.class);
            assertThat(log.today()).singleElement().satisfies(v -> {
                assertThat(v.overrideByStaff()).isTrue();
                assertThat(v.indication()).isEqualTo(Indication.FAILED);
            });
        }
    }

    @Test
    void todayListsMaskedIdsNamesAndOutcomesNewestFirst() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            log.recordVisit(TestVisits.passed(1));
            clock.advance(Duration.ofMinutes(3));
            log.recordVisit(TestVisits.passed(7));
            clock.advance(Duration.ofDays(1));
            assertThat(log.today()).isEmpty();
            clock.advance(Duration.ofDays(-1));

            List<VisitSummary> today = log.today();
            assertThat(today).hasSize(2);
            assertThat(today.get(1).maskedIdNumber()).isEqualTo("0010••••2345");
            assertThat(today.get(1).fullName()).isEqualTo("Nguyễn Văn An");
            assertThat(today.get(0).fullName()).isEqualTo(SyntheticCitizens.citizen(7).fullName());
            assertThat(today.get(0).eligibility()).isEqualTo(Eligibility.PENDING);
        }
    }

    @Test
    void searchStreamsTheDaysAskedForAndFiltersByOutcomeAndEligibility() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            for (int i = 1; i <= 6; i++) {
                log.recordVisit(i % 3 == 0 ? TestVisits.checkIn(i).verification(Indication.INDETERMINATE, "NO_TRUST",
                        List.of()).build() : TestVisits.passed(i));
                clock.advance(Duration.ofDays(1));
            }
            log.updateEligibility(1, Eligibility.ELIGIBLE, "{\"validTo\":\"2027-12-31\"}");
            LocalDate first = LocalDate.of(2026, 11, 28);

            try (Stream<VisitRecord> all = log.search(VisitQuery.days(first, first.plusDays(5)))) {
                assertThat(all.map(VisitRecord::visitId)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            }
            try (Stream<VisitRecord> some = log.search(VisitQuery.days(first.plusDays(1), first.plusDays(3)))) {
                assertThat(some.map(VisitRecord::visitId)).containsExactly(2L, 3L, 4L);
            }
            try (Stream<VisitRecord> undecided = log.search(VisitQuery.days(first, first.plusDays(5))
                    .withIndication(Indication.INDETERMINATE))) {
                assertThat(undecided.map(VisitRecord::visitId)).containsExactly(3L, 6L);
            }
            try (Stream<VisitRecord> eligible = log.search(VisitQuery.days(first, first.plusDays(5))
                    .withEligibility(Eligibility.ELIGIBLE))) {
                assertThat(eligible).singleElement().satisfies(v -> {
                    assertThat(v.fullName()).isEqualTo("Nguyễn Văn An");
                    assertThat(v.dateOfBirth()).contains(SyntheticCitizens.citizen(1).dateOfBirth());
                });
            }
        }
    }

    @Test
    void outboxEntriesMoveThroughSentFailedAndDeadLetter() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            for (int i = 1; i <= 3; i++) {
                log.recordVisit(TestVisits.passed(i));
            }
            List<OutboxEntry> due = log.nextOutbox(10);
            log.markSent(due.get(0).id());
            log.markFailed(due.get(1).id(), "HTTP 503", MORNING.plusSeconds(60));
            log.markDeadLetter(due.get(2).id(), "HTTP 422");

            assertThat(log.nextOutbox(10)).isEmpty();
            clock.advance(Duration.ofSeconds(61));
            assertThat(log.nextOutbox(10)).singleElement().satisfies(e -> {
                assertThat(e.idempotencyKey()).isEqualTo(due.get(1).idempotencyKey());
                assertThat(e.attempts()).isEqualTo(1);
            });
        }
    }

    @Test
    void afterAKeyRotationOldAndNewVisitsBothDecryptAndTheRotationIsAudited() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            log.recordVisit(TestVisits.passed(1));
            assertThat(log.rotateKeys("admin")).isEqualTo(2);
            log.recordVisit(TestVisits.passed(2));
        }
        try (VisitLog log = TestVisits.open(dir, clock)) {
            assertThat(log.today()).extracting(VisitSummary::fullName).containsExactly(
                    SyntheticCitizens.citizen(2).fullName(), SyntheticCitizens.citizen(1).fullName());
            assertThat(log.auditEntries(1, 10)).extracting(AuditEntry::type).contains(AuditType.KEY_ROTATION);
            assertThat(log.verifyAudit().intact()).isTrue();
        }
    }

    @Test
    void aCorruptedDatabaseOpensReadOnlyWithAClearMessageAndRefusesVisits() throws Exception {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            for (int i = 1; i <= 300; i++) {
                log.recordVisit(TestVisits.passed(i));
            }
        }
        Path db = dir.resolve("clinicterm.db");
        long size = Files.size(db);
        assertThat(size).isGreaterThan(40_000);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            byte[] junk = new byte[8192];
            new java.util.Random(7).nextBytes(junk);
            f.seek(size / 2 / 4096 * 4096);
            f.write(junk);
        }

        try (VisitLog log = TestVisits.open(dir, clock)) {
            assertThat(log.health()).isInstanceOf(Health.ReadOnly.class);
            String reason = ((Health.ReadOnly) log.health()).reason();
            assertThat(reason).contains("integrity check").contains("read-only").contains("restore");
            assertThat(log.recordVisit(TestVisits.passed(999))).isInstanceOf(RecordOutcome.ReadOnly.class);
        }
    }

    @Test
    void aBackupMadeWithVacuumIntoOpensAndHoldsTheSameVisitsAndRestoreBringsThemBack() throws Exception {
        Path backup = dir.resolve("backup/copy.db");
        Files.createDirectories(backup.getParent());
        try (VisitLog log = TestVisits.open(dir, clock)) {
            for (int i = 1; i <= 5; i++) {
                log.recordVisit(TestVisits.passed(i));
            }
            BackupResult result = log.backup(backup, "admin");
            assertThat(result.visits()).isEqualTo(5);
            assertThat(result.head()).isEqualTo(log.chainHead());
            log.recordVisit(TestVisits.passed(6));

            assertThat(log.restoreFrom(backup, "admin")).isEqualTo(new Health.Ok());
            assertThat(log.today()).hasSize(5);
            assertThat(log.verifyAudit().intact()).isTrue();
            assertThat(log.auditEntries(1, 100)).extracting(AuditEntry::type).endsWith(AuditType.RESTORE);
        }
        try (VisitLog copy = VisitLog.builder().database(backup).keyFile(dir.resolve("keys/visit-log.keys"))
                .clock(clock).zone(TestVisits.HANOI).open();
                Stream<VisitRecord> visits = copy.search(VisitQuery.days(LocalDate.of(2026, 11, 28),
                        LocalDate.of(2026, 11, 28)))) {
            assertThat(visits.map(VisitRecord::fullName)).contains("Nguyễn Văn An").hasSize(5);
        }
    }

    @Test
    void migrationsAreRecordedInSchemaVersion() throws Exception {
        TestVisits.open(dir, clock).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("clinicterm.db"));
                ResultSet rs = c.createStatement().executeQuery("SELECT max(version) FROM schema_version")) {
            assertThat(rs.getInt(1)).isEqualTo(vn.clinicterm.terminal.storage.internal.Database.latestVersion()).isGreaterThanOrEqualTo(2);
        }
    }
}
