package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kills and restarts the machine's pcscd, so it runs only with {@code -Dclinicterm.test.pcscd.restart=true}, and then
 * fails rather than skips when pcscd cannot be restarted. Run it alone
 * ({@code -Dtest=VpcdPcscdRestartTest}): after the restart every javax.smartcardio context this JVM opened earlier is
 * dead, so PC/SC tests running after it in the same JVM would fail.
 */
class VpcdPcscdRestartTest {

    private static final String ENABLE = "clinicterm.test.pcscd.restart";

    @Test
    void theClientReconnectsWhenPcscdIsRestarted(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        assumeTrue(Boolean.getBoolean(ENABLE), "set -D" + ENABLE + "=true to let this test restart pcscd");
        PcscTestSupport.emptyVirtualReader();
        FakeEchoCard card = new FakeEchoCard();
        try (VpcdCardClient client = VpcdCardClient.builder()
                .port(PcscTestSupport.PORT)
                .card(card)
                .build()
                .start()) {
            assertThat(client.awaitConnected(Duration.ofSeconds(10))).isTrue();
            assertThat(probeInFreshJvm(tmp)).as("card seen before the restart").isEqualTo("echo ok");

            restartPcscd(tmp);

            assertThat(client.awaitConnected(Duration.ofSeconds(15)))
                    .as("client connected again after pcscd restarted")
                    .isTrue();
            assertThat(probeInFreshJvm(tmp)).as("card seen after the restart").isEqualTo("echo ok");
        }
    }

    private static void restartPcscd(Path tmp) throws Exception {
        Optional<ProcessHandle> running = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/pcscd") || c.equals("pcscd")).orElse(false))
                .findFirst();
        if (running.isEmpty()) {
            fail("no pcscd process found to restart; " + PcscTestSupport.HOW_TO_START);
        }
        ProcessHandle old = running.get();
        old.destroy();
        try {
            old.onExit().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            old.destroyForcibly();
            old.onExit().get(5, TimeUnit.SECONDS);
        }
        Path log = tmp.resolve("pcscd.log");
        Process started;
        try {
            started = new ProcessBuilder("pcscd", "--foreground", "--error")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("pcscd was stopped but could not be started again: " + e
                    + "; start it by hand: pcscd --foreground --error", e);
        }
        Thread.sleep(1_000);
        if (!started.isAlive()) {
            fail("pcscd exited right after restart (code " + started.exitValue() + "): "
                    + Files.readString(log) + "; start it by hand: pcscd --foreground --error");
        }
        // Left running on purpose: it replaces the pcscd the machine had.
    }

    private static String probeInFreshJvm(Path tmp) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = Files.createTempFile(tmp, "probe", ".txt");
        Process probe = new ProcessBuilder(List.of(
                        java,
                        "-Dsun.security.smartcardio.library=" + System.getProperty(
                                "sun.security.smartcardio.library", "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1"),
                        "-cp", System.getProperty("java.class.path"),
                        PcscProbeMain.class.getName(),
                        PcscTestSupport.READER))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!probe.waitFor(30, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
            fail("probe JVM hung: " + Files.readString(out));
        }
        return Files.readString(out).strip();
    }
}
