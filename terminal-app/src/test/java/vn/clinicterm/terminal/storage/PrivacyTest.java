package vn.clinicterm.terminal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.clinicterm.terminal.storage.TestVisits.MORNING;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;

/** What an attacker with the database files (but not the key file) learns: nothing personal. */
class PrivacyTest {

    @TempDir
    Path dir;

    private final TestVisits.MutableClock clock = new TestVisits.MutableClock(MORNING);

    private Path db() {
        return dir.resolve("clinicterm.db");
    }

    private static byte[] bytesOf(Path p) throws Exception {
        return Files.exists(p) ? Files.readAllBytes(p) : new byte[0];
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Every personal value of these citizens, as UTF-8 bytes (names with diacritics). */
    private static List<byte[]> secretsOf(int... citizens) {
        List<byte[]> out = new ArrayList<>();
        for (int n : citizens) {
            SimCitizen c = SyntheticCitizens.citizen(n);
            out.add(c.idNumber().getBytes(StandardCharsets.UTF_8));
            out.add(c.fullName().getBytes(StandardCharsets.UTF_8));
            out.add(c.residence().getBytes(StandardCharsets.UTF_8));
            out.add(c.dateOfBirth().toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private void assertNoneIn(List<byte[]> secrets, Path... files) throws Exception {
        for (Path f : files) {
            byte[] content = bytesOf(f);
            for (byte[] s : secrets) {
                assertThat(contains(content, s)).as("%s contains '%s'", f.getFileName(),
                        new String(s, StandardCharsets.UTF_8)).isFalse();
            }
        }
    }

    @Test
    void aNewDatabaseAndItsDirectoryAndWalAreTheOwnersOnly() throws Exception {
        Path nested = dir.resolve("home").resolve("clinicterm");
        try (VisitLog log = TestVisits.open(nested, clock)) {
            log.recordVisit(TestVisits.passed(1));
            assertThat(java.nio.file.Files.getPosixFilePermissions(nested))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            assertThat(java.nio.file.Files.getPosixFilePermissions(nested.resolve("clinicterm.db")))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            assertThat(java.nio.file.Files.getPosixFilePermissions(nested.resolve("clinicterm.db-wal")))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void noPlaintextIdNumberNameAddressOrBirthDateIsInTheDatabaseOrItsWal() throws Exception {
        assertThat(SyntheticCitizens.citizen(1).fullName()).isEqualTo("Nguyễn Văn An");
        try (VisitLog log = TestVisits.open(dir, clock)) {
            for (int i = 1; i <= 20; i++) {
                log.recordVisit(TestVisits.passed(i));
            }
            log.updateEligibility(1, Eligibility.ELIGIBLE, "{\"name\":\"Nguyễn Văn An\"}");
            Path wal = dir.resolve("clinicterm.db-wal");
            assertThat(Files.size(wal)).as("the test must look at a WAL with frames in it").isPositive();
            assertNoneIn(secretsOf(java.util.stream.IntStream.rangeClosed(1, 20).toArray()), db(), wal,
                    dir.resolve("clinicterm.db.head"));
        }
        assertNoneIn(secretsOf(java.util.stream.IntStream.rangeClosed(1, 20).toArray()), db(),
                dir.resolve("clinicterm.db-wal"));
    }

    @Test
    void aCiphertextMovedToAnotherRowOrColumnFailsToDecryptAndSaysWhere() throws Exception {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            log.recordVisit(TestVisits.passed(1));
            log.recordVisit(TestVisits.passed(2));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
            swapNames(st);
        }
        try (VisitLog log = TestVisits.open(dir, clock)) {
            assertThatThrownBy(log::today).isInstanceOf(StorageException.class)
                    .hasMessageContaining("visits.full_name of row").hasMessageContaining("failed authentication")
                    .hasMessageNotContaining("Nguyễn");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement st = c.createStatement()) {
            swapNames(st);
            st.executeUpdate("UPDATE visits SET residence = gender WHERE id = 1");
        }
        try (VisitLog log = TestVisits.open(dir, clock);
                Stream<VisitRecord> s = log.search(VisitQuery.days(LocalDate.of(2026, 11, 28), LocalDate.of(2026, 11, 28)))) {
            assertThatThrownBy(() -> s.toList()).isInstanceOf(StorageException.class)
                    .hasMessageContaining("visits.residence of row 1 failed authentication");
        }
    }

    @Test
    void thePurgeLeavesNoTraceOfOldVisitsInTheDatabaseOrTheWal() throws Exception {
        List<byte[]> purgedCiphertexts = new ArrayList<>();
        try (VisitLog log = TestVisits.open(dir, clock)) {
            for (int i = 1; i <= 10; i++) {
                log.recordVisit(TestVisits.passed(i));
            }
            clock.advance(Duration.ofDays(40));
            log.recordVisit(TestVisits.passed(11));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT id_hmac, id_number, full_name, residence FROM visits WHERE id <= 10");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int col = 1; col <= 4; col++) {
                        purgedCiphertexts.add(rs.getBytes(col));
                    }
                }
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
                    ResultSet rs = c.createStatement().executeQuery("SELECT payload FROM outbox WHERE visit_id <= 10")) {
                while (rs.next()) {
                    purgedCiphertexts.add(rs.getBytes(1));
                }
            }
            assertThat(purgedCiphertexts).hasSize(50);
            byte[] before = concat(bytesOf(db()), bytesOf(dir.resolve("clinicterm.db-wal")));
            assertThat(purgedCiphertexts).allMatch(b -> contains(before, b));

            PurgeResult result = log.purgeOlderThan(Duration.ofDays(30), "admin");

            assertThat(result.visitsDeleted()).isEqualTo(10);
            assertThat(log.today()).hasSize(1);
            assertThat(log.outboxCounts().get(OutboxEntry.State.QUEUED)).isEqualTo(1);
            assertThat(Files.size(dir.resolve("clinicterm.db-wal"))).isZero();
            byte[] after = concat(bytesOf(db()), bytesOf(dir.resolve("clinicterm.db-wal")));
            assertThat(purgedCiphertexts).noneMatch(b -> contains(after, b));
            assertThat(log.verifyAudit().intact()).isTrue();
        }
        byte[] closed = concat(bytesOf(db()), bytesOf(dir.resolve("clinicterm.db-wal")));
        assertThat(purgedCiphertexts).noneMatch(b -> contains(closed, b));
        assertNoneIn(secretsOf(1, 2, 3, 11), db(), dir.resolve("clinicterm.db-wal"));
    }

    @Test
    void theKeyFileIsOwnerOnlyAndHoldsSeparateKeys() throws Exception {
        TestVisits.open(dir, clock).close();
        Path keys = dir.resolve("keys/visit-log.keys");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.getParent())))
                    .isEqualTo("rwx------");
        }
        String text = Files.readString(keys);
        assertThat(text).contains("data.1=").contains("hmac=").contains("sign.private=").contains("sign.public=");
        assertThat(TestVisits.open(dir, clock).toString()).doesNotContain(text.lines()
                .filter(l -> l.startsWith("data.1=")).findFirst().orElseThrow().substring(7));
    }

    /** Exchanges the encrypted names of visits 1 and 2 (twice restores them). */
    private static void swapNames(Statement st) throws Exception {
        st.executeUpdate("CREATE TEMP TABLE names AS SELECT id, full_name FROM visits");
        st.executeUpdate("UPDATE visits SET full_name = (SELECT full_name FROM names WHERE names.id = 3 - visits.id)");
        st.executeUpdate("DROP TABLE names");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
