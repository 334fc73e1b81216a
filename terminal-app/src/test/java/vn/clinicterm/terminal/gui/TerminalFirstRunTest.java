package vn.clinicterm.terminal.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.cardsim.SimTerminals;
import vn.clinicterm.terminal.app.TerminalEnvironment;
import vn.clinicterm.terminal.app.TerminalScreen;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigFiles;
import vn.clinicterm.terminal.storage.PasswordHashing;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;

/**
 * The very first start of a real counter: an empty data directory, so the login screen asks for the administrator
 * account (name, password twice); a mismatch is said, then the account is created and the admin screen opens.
 */
class TerminalFirstRunTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path home;

    private static final FxRobot robot = new FxRobot();
    private static TerminalEnvironment env;
    private static Stage stage;
    private static ReceptionWindow window;

    @BeforeAll
    static void openOnAnEmptyDataDirectory() throws Exception {
        if (System.getenv("DISPLAY") == null && System.getProperty("testfx.headless") == null) {
            throw new IllegalStateException("TerminalFirstRunTest needs a display: run it under Xvfb");
        }
        env = TerminalEnvironment.builder()
                .directories(new AppDirectories(home))
                // a system file of its own: this machine's /etc/clinicterm/clinicterm.properties must not count
                .environment(Map.of(ConfigFiles.SYSTEM_VARIABLE, home.resolve("system.properties").toString()))
                .readers(CardReaders.of(SimTerminals.withReaders(1).factory()))
                .passwordHashing(PasswordHashing.FOR_TESTS)
                .exportDirectory(home)
                .open();
        stage = FxToolkit.registerPrimaryStage();
        window = onFx(() -> ReceptionWindow.showTerminal(stage, env));
    }

    @AfterAll
    static void close() throws Exception {
        if (stage != null) {
            onFx(() -> {
                stage.hide();
                return null;
            });
        }
        if (env != null) {
            env.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void theFirstStartCreatesTheAdministratorAndOpensItsScreens() throws Exception {
        waitFor("first-run form", () -> text("#subtitle").equals("Lần chạy đầu tiên: tạo tài khoản quản trị"));
        assertThat(onFx(() -> robot.lookup("#repeatField").query().isVisible())).isTrue();

        robot.clickOn("#nameField").write("quan.tri");
        robot.type(KeyCode.ENTER);
        robot.write("mat-khau-quan-tri");
        robot.type(KeyCode.ENTER);
        robot.write("mat-khau-khac-han");
        robot.type(KeyCode.ENTER);
        waitFor("mismatch", () -> text("#messageLabel").equals("Hai mật khẩu không giống nhau."));
        assertThat(env.visitLog().accounts().none()).isTrue();

        robot.clickOn("#passwordField").write("mat-khau-quan-tri");
        robot.type(KeyCode.ENTER);
        robot.write("mat-khau-quan-tri");
        robot.type(KeyCode.ENTER);

        waitFor("admin screen", () -> window.currentScreen().equals(Optional.of(TerminalScreen.ADMIN)));
        assertThat(env.visitLog().accounts().users()).containsExactly(new User("quan.tri", Role.ADMIN));
        assertThat(text("#nav-user")).isEqualTo("quan.tri · Quản trị viên");
    }

    private static String text(String id) {
        try {
            return onFx(() -> robot.lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse(""));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("timed out waiting for: " + what + " (message: " + text("#messageLabel") + ")");
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}
