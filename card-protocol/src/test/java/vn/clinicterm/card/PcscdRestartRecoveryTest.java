package vn.clinicterm.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.cardsim.SimCard;

/**
 * pcscd stopped and started again while the application runs: the readers come back without restarting the JVM.
 * Maven runs this class alone, last, in its own JVM with {@code --add-opens java.smartcardio/...} as the launcher
 * passes it (see this module's pom); it kills the machine's pcscd and leaves a new one running.
 */
class PcscdRestartRecoveryTest {

    @TempDir
    Path temp;

    @Test
    void readersComeBackAfterPcscdRestartsAndTheCardReads() throws Exception {
        CardReaders readers = CardReaders.platform();
        assertThat(readers.list()).extracting(ReaderState::name).contains(SimInPcscd.READER);

        restartPcscd();

        boolean sawUnavailable = false;
        List<ReaderState> after = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                after = readers.list();
                if (after.stream().anyMatch(r -> r.name().equals(SimInPcscd.READER))) {
                    break;
                }
            } catch (CardServiceUnavailableException e) {
                sawUnavailable = true;
                assertThat(e.getMessage()).doesNotContain("restart ClinicTerm");
            }
            Thread.sleep(250);
        }
        assertThat(sawUnavailable).as("the dead PC/SC context was noticed").isTrue();
        assertThat(after).as("readers listed again after the restart").isNotNull()
                .extracting(ReaderState::name).contains(SimInPcscd.READER);

        SimCard card = SimCard.builder().citizen(1).build();
        try (SimInPcscd sim = SimInPcscd.insert(card.chip())) {
            CardTerminal terminal = readers.terminal(SimInPcscd.READER);
            ReadOutcome outcome = ChipReader.builder().build()
                    .read(terminal, AccessKeys.fromIdNumber(card.citizen().idNumber()), ReadProgress.NONE);
            assertThat(outcome).isInstanceOf(ReadOutcome.Success.class);
        }
    }

    private void restartPcscd() throws Exception {
        List<ProcessHandle> running = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/pcscd") || c.equals("pcscd")).orElse(false))
                .toList();
        if (running.isEmpty()) {
            fail("no pcscd running to restart: start it with 'pcscd --foreground --error'");
        }
        for (ProcessHandle p : running) {
            p.destroy();
            p.onExit().get(10, TimeUnit.SECONDS);
        }
        Path log = temp.resolve("pcscd.log");
        Process started;
        try {
            started = new ProcessBuilder("pcscd", "--foreground", "--error").redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("pcscd stopped but could not be started again: " + e, e);
        }
        Thread.sleep(1_000);
        if (!started.isAlive()) {
            fail("pcscd exited right after the restart: " + Files.readString(log));
        }
    }
}
