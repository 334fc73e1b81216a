package vn.clinicterm.terminal.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.gui.FxTestSupport.onFx;
import static vn.clinicterm.terminal.gui.FxTestSupport.text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
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

    private static final FxRobot robot = FxTestSupport.robot();
    private static TerminalEnvironment env;
    private static Stage stage;
    private static ReceptionWindow window;

    @BeforeAll
    static void openOnAnEmptyDataDirectory() throws Exception {
        FxTestSupport.requireDisplay(TerminalFirstRunTest.class);
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
        FxTestSupport.closeWindow(stage, env);
    }

    @Test
    void theFirstStartCreatesTheAdministratorAndOpensItsScreens() throws Exception {
        waitFor("first-run form", () -> text("#subtitle").equals("Lần chạy đầu tiên: tạo tài khoản quản trị"));
        assertThat(onFx(() -> robot.lookup("#repeatField").query().isVisible())).isTrue();

        // each field is clicked before it is typed into: Enter moves the focus through the X server, while write()
        // types into the scene at once, so text could otherwise land before the focus has moved
        robot.clickOn("#nameField").write("quan.tri");
        robot.clickOn("#passwordField").write("mat-khau-quan-tri");
        robot.clickOn("#repeatField").write("mat-khau-khac-han");
        robot.type(KeyCode.ENTER);
        waitFor("mismatch", () -> text("#messageLabel").equals("Hai mật khẩu không giống nhau."));
        assertThat(env.visitLog().accounts().none()).isTrue();

        robot.clickOn("#passwordField").write("mat-khau-quan-tri");
        robot.clickOn("#repeatField").write("mat-khau-quan-tri");
        robot.type(KeyCode.ENTER);

        waitFor("admin screen", () -> window.currentScreen().equals(Optional.of(TerminalScreen.ADMIN)));
        assertThat(env.visitLog().accounts().users()).containsExactly(new User("quan.tri", Role.ADMIN));
        assertThat(text("#nav-user")).isEqualTo("quan.tri · Quản trị viên");
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        FxTestSupport.waitFor(WAIT, what, condition,
                () -> "message: " + FxTestSupport.textIfShown("#messageLabel").orElse(""));
    }
}
