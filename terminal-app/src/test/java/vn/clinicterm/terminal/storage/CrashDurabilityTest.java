package vn.clinicterm.terminal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes visits and is killed with SIGKILL at random moments, 20 times: every visit it reported committed
 * must be in the database, which must pass {@code integrity_check}, and the audit chain must still verify.
 */
class CrashDurabilityTest {

    @TempDir
    Path dir;

    @Test
    void everyVisitReportedCommittedSurvivesTwentySigkills() throws Exception {
        Random random = new Random(20261128);
        Set<Long> committed = new HashSet<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 20; round++) {
            Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), dir.toString(), Long.toString(round * 1_000_000L))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            CountDownLatch ready = new CountDownLatch(1);
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.equals("ready .")) {
                            ready.countDown();
                        }
                        lines.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // the child was killed
                }
            });
            assertThat(ready.await(20, TimeUnit.SECONDS)).as("child %d started", round).isTrue();
            Thread.sleep(20 + random.nextInt(300));
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            for (String line : lines) {
                if (line.startsWith("committed ") && line.endsWith(" .")) {
                    committed.add(Long.parseLong(line.substring(10, line.length() - 2)));
                }
            }

            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("clinicterm.db"))) {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                    assertThat(rs.getString(1)).isEqualTo("ok");
                }
                Set<Long> present = new HashSet<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM visits")) {
                    while (rs.next()) {
                        present.add(rs.getLong(1));
                    }
                }
                assertThat(present).as("after kill %d", round + 1).containsAll(committed);
            }
        }
        assertThat(committed).as("visits reported committed over all rounds").hasSizeGreaterThan(100);
        try (VisitLog log = VisitLog.builder().database(dir.resolve("clinicterm.db"))
                .keyFile(dir.resolve("keys/visit-log.keys")).clock(Clock.systemUTC()).open()) {
            assertThat(log.health()).isEqualTo(new Health.Ok());
            assertThat(log.verifyAudit().intact()).as("%s", log.verifyAudit()).isTrue();
            assertThat(log.outboxCounts().get(OutboxEntry.State.QUEUED)).isGreaterThanOrEqualTo(committed.size());
        }
    }
}
