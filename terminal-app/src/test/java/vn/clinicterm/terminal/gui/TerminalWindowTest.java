package vn.clinicterm.terminal.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.gui.FxTestSupport.assertFxThreadResponsive;
import static vn.clinicterm.terminal.gui.FxTestSupport.onFx;
import static vn.clinicterm.terminal.gui.FxTestSupport.onFxQuiet;
import static vn.clinicterm.terminal.gui.FxTestSupport.styleOf;
import static vn.clinicterm.terminal.gui.FxTestSupport.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SimTerminals;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.terminal.app.AuditorState;
import vn.clinicterm.terminal.app.TerminalEnvironment;
import vn.clinicterm.terminal.app.TerminalScreen;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigFiles;
import vn.clinicterm.terminal.storage.CheckIn;
import vn.clinicterm.terminal.storage.CloneCheck;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.PasswordHashing;
import vn.clinicterm.terminal.storage.Role;

/**
 * Drives the real counter's window (no demo) under Xvfb: a data directory in a temp dir with three accounts and three
 * synthetic visits, in-JVM simulated readers. A wrong password is refused; the auditor searches, exports a CSV and
 * verifies it; the admin imports card-sim's test CSCA and CRL into the trust store. Writes the screenshots
 * 14-login, 15-auditor and 16-admin to {@code docs/screenshots/}. Needs a display; it fails, never skips, without one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerminalWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String AUDITOR_PASSWORD = "mat-khau-kiem-toan";
    private static final String ADMIN_PASSWORD = "mat-khau-quan-tri";

    @TempDir
    static Path temp;

    private static final FxRobot robot = FxTestSupport.robot();
    private static final SimTerminals terminals = SimTerminals.withReaders(1);
    private static TerminalEnvironment env;
    private static Stage stage;
    private static ReceptionWindow window;
    private static Path pki;

    @BeforeAll
    static void openTheCounterWindow() throws Exception {
        FxTestSupport.requireDisplay(TerminalWindowTest.class);
        Path home = temp.resolve("home");
        env = TerminalEnvironment.builder()
                .directories(new AppDirectories(home))
                // a system file of its own: this machine's /etc/clinicterm/clinicterm.properties must not count
                .environment(java.util.Map.of(TerminalEnvironment.TERMINAL_ID_VARIABLE, "quay-1",
                        ConfigFiles.SYSTEM_VARIABLE, temp.resolve("system.properties").toString()))
                .readers(CardReaders.of(terminals.factory()))
                .passwordHashing(PasswordHashing.FOR_TESTS)
                .pollInterval(Duration.ofMillis(100))
                .exportDirectory(Files.createDirectories(temp.resolve("exports")))
                .open();
        env.visitLog().accounts().addUser("kiem.toan", Role.AUDITOR, AUDITOR_PASSWORD.toCharArray(), "setup");
        env.visitLog().accounts().addUser("quan.tri", Role.ADMIN, ADMIN_PASSWORD.toCharArray(), "setup");
        for (int citizen : new int[] {1, 4, 7}) {
            visit(citizen, citizen == 4 ? Indication.FAILED : Indication.PASSED,
                    citizen == 7 ? Eligibility.NOT_ELIGIBLE : Eligibility.ELIGIBLE);
        }
        pki = temp.resolve("pki");
        TestPki.standard().exportTo(pki);

        stage = FxToolkit.registerPrimaryStage();
        window = onFx(() -> ReceptionWindow.showTerminal(stage, env));
        FxTestSupport.sizeForScreenshots(stage);
        waitFor("the login form", () -> !onFxQuiet(() -> robot.lookup("#nameField").query().isDisabled()));
    }

    private static void visit(int citizen, Indication indication, Eligibility eligibility) {
        SimCitizen c = SyntheticCitizens.citizen(citizen);
        CheckIn.Builder b = CheckIn.builder().terminalId("quay-1").staffUser("le.tan")
                .idNumber(c.idNumber()).fullName(c.fullName()).dateOfBirth(c.dateOfBirth())
                .gender(c.gender().vietnamese()).residence(c.residence())
                .verification(indication, indication == Indication.PASSED ? "" : "HASH_FAILURE", List.of())
                .accessMethod(AccessMethod.PACE).cloneCheck(CloneCheck.CA, true).eligibility(eligibility);
        if (indication == Indication.FAILED) {
            b.overrideByStaff();
        }
        env.visitLog().recordVisit(b.build());
    }

    @AfterAll
    static void close() throws Exception {
        FxTestSupport.closeWindow(stage, env);
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedAndTheFormStaysForAnotherTry() throws Exception {
        assertThat(text("#subtitle")).isEqualTo("Đăng nhập để bắt đầu làm việc");
        assertThat(text("#placeLabel")).contains("quay-1");
        robot.clickOn("#nameField").write("kiem.toan");
        shoot("14-login");

        robot.clickOn("#passwordField").write("sai-mat-khau");
        robot.type(KeyCode.ENTER);

        waitFor("refused", () -> text("#messageLabel").equals("Sai tên đăng nhập hoặc mật khẩu."));
        assertThat(styleOf("#messageLabel")).contains("ct-problem");
        assertThat(onFx(() -> ((PasswordField) robot.lookup("#passwordField").query()).getText())).isEmpty();
        assertThat(window.currentScreen()).isEmpty();
        assertThat(onFx(() -> robot.lookup("#navBar").query().isVisible())).isFalse();
        assertFxThreadResponsive();
    }

    @Test
    @Order(2)
    void theAuditorSearchesExportsACsvAndVerifiesIt() throws Exception {
        robot.clickOn("#passwordField").write(AUDITOR_PASSWORD);
        robot.type(KeyCode.ENTER);

        waitFor("auditor screen", () -> window.currentScreen().equals(java.util.Optional.of(TerminalScreen.AUDITOR)));
        assertThat(text("#nav-user")).isEqualTo("kiem.toan · Kiểm toán viên");
        assertThat(onFx(() -> robot.lookup("#nav-AUDITOR").tryQuery().isPresent())).isTrue();
        assertThat(onFx(() -> robot.lookup("#nav-RECEPTION").tryQuery().isPresent())).isFalse();
        assertThat(onFx(() -> robot.lookup("#nav-ADMIN").tryQuery().isPresent())).isFalse();

        String today = ScreenFxml.DATE.format(LocalDate.now());
        setText("#fromField", today);
        setText("#toField", today);
        robot.clickOn("#searchButton");
        waitFor("three visits", () -> text("#resultsLabel").startsWith("3 lượt khám"));
        List<AuditorState.Row> rows = onFx(() -> List.copyOf(
                ((TableView<AuditorState.Row>) robot.lookup("#resultsTable").query()).getItems()));
        assertThat(rows).extracting(AuditorState.Row::maskedIdNumber)
                .contains(SyntheticCitizens.citizen(1).idNumber().substring(0, 4) + "••••"
                        + SyntheticCitizens.citizen(1).idNumber().substring(8));

        Path csv = temp.resolve("exports").resolve("clinicterm-visits-" + LocalDate.now() + "_" + LocalDate.now()
                + ".csv");
        waitFor("suggested file", () -> fieldText("#exportPathField").equals(csv.toString()));
        robot.clickOn("#exportButton");
        waitFor("exported", () -> text("#exportResult").startsWith("Đã xuất 3 lượt"));
        assertThat(csv).exists();
        assertThat(Files.readString(csv)).doesNotContain(SyntheticCitizens.citizen(1).idNumber());
        assertThat(fieldText("#verifyPathField")).isEqualTo(csv.toString());

        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        waitFor("verified", () -> text("#verifyResult").startsWith("Tệp nguyên vẹn, chữ ký hợp lệ: 3 lượt"));
        waitFor("chain intact", () -> text("#chainStatus").startsWith("Nguyên vẹn"));
        assertFxThreadResponsive();
        shoot("15-auditor");

        Files.writeString(csv, "thêm một dòng giả\n", java.nio.file.StandardOpenOption.APPEND);
        robot.clickOn("#verifyButton");
        waitFor("altered", () -> text("#verifyResult").startsWith("Tệp KHÔNG hợp lệ"));
        assertThat(styleOf("#verifyResult")).contains("ct-problem");
    }

    @Test
    @Order(3)
    void afterLogoutTheAdminImportsTheTestCscaAndItsCrl() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        waitFor("login again", () -> window.currentScreen().isEmpty()
                && !onFxQuiet(() -> robot.lookup("#nameField").query().isDisabled()));
        robot.clickOn("#nameField").write("quan.tri");
        robot.clickOn("#passwordField").write(ADMIN_PASSWORD);
        robot.type(KeyCode.ENTER);

        waitFor("admin screen", () -> window.currentScreen().equals(java.util.Optional.of(TerminalScreen.ADMIN)));
        assertThat(onFx(() -> robot.lookup("#nav-RECEPTION").tryQuery().isPresent()))
                .as("an admin may not check patients in").isFalse();
        waitFor("empty store", () -> text("#trustHeadline").startsWith("Kho trống"));
        waitFor("reader listed", () -> text("#cardServiceLabel").equals("Dịch vụ thẻ đang chạy · 1 đầu đọc"));

        setText("#trustPathField", pki.resolve("csca-brainpool.der").toString());
        robot.clickOn("#importButton");
        waitFor("imported", () -> text("#messageLabel").startsWith("Đã nhập csca-brainpool.der: 1 chứng thư mới"));
        waitFor("no CRL yet", () -> text("#trustHeadline").startsWith("Có CSCA nhưng chưa có CRL"));
        setText("#trustPathField", pki.resolve("csca.crl").toString());
        robot.press(KeyCode.CONTROL, KeyCode.I).release(KeyCode.I, KeyCode.CONTROL);
        waitFor("current", () -> text("#trustHeadline").startsWith("Đầy đủ"));
        assertThat(text("#trustCounts")).startsWith("1 CSCA");
        assertThat(text("#syncHeadline")).startsWith("Chưa cấu hình máy chủ trung tâm");
        assertFxThreadResponsive();
        shoot("16-admin");

        // the auditor's account, chosen in the list, is locked and unlocked; the admin's own cannot be locked
        onFx(() -> {
            robot.lookup("#usersList").queryListView().getSelectionModel().select(0); // kiem.toan, by name
            return null;
        });
        waitFor("lock enabled", () -> !onFxQuiet(() -> robot.lookup("#lockButton").queryButton().isDisabled()));
        fire("#lockButton");
        waitFor("locked", () -> text("#messageLabel").startsWith("Đã khóa tài khoản kiem.toan"));
        assertThat(env.visitLog().accounts().accounts()).filteredOn(a -> a.name().equals("kiem.toan")).singleElement()
                .satisfies(a -> assertThat(a.lockedByAdministrator()).isTrue());
        waitFor("unlock enabled", () -> !onFxQuiet(() -> robot.lookup("#unlockButton").queryButton().isDisabled()));
        fire("#unlockButton");
        waitFor("unlocked", () -> text("#messageLabel").startsWith("Đã mở khóa tài khoản kiem.toan"));
        onFx(() -> {
            robot.lookup("#usersList").queryListView().getSelectionModel().select(1); // quan.tri
            return null;
        });
        assertThat(onFx(() -> robot.lookup("#lockButton").queryButton().isDisabled())).as("not one's own").isTrue();

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        waitFor("auditor screen for an admin", () -> window.currentScreen()
                .equals(java.util.Optional.of(TerminalScreen.AUDITOR)));
        assertThat(text("#notPermittedLabel")).startsWith("Vai trò Quản trị viên không được tìm");
        assertThat(onFx(() -> robot.lookup("#exportButton").queryButton().isDisabled())).isTrue();

        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        waitFor("english", () -> text("#nav-user").equals("quan.tri · Administrator"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        waitFor("admin in english", () -> text("#trustHeadline").startsWith("Complete, every CRL current"));
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void setText(String id, String value) throws Exception {
        onFx(() -> {
            ((TextField) robot.lookup(id).query()).setText(value);
            return null;
        });
    }

    private static void fire(String id) throws Exception {
        onFx(() -> {
            robot.lookup(id).queryButton().fire();
            return null;
        });
    }

    private static String fieldText(String id) {
        return onFxQuiet(() -> ((TextField) robot.lookup(id).query()).getText());
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        FxTestSupport.waitFor(WAIT, what, condition, () -> "screen " + window.currentScreen()
                + ", message: " + FxTestSupport.textIfShown("#messageLabel").orElse("-"));
    }

    private static void shoot(String name) throws Exception {
        FxTestSupport.shoot(stage, name);
    }
}
