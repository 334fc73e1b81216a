package vn.clinicterm.terminal.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.gui.FxTestSupport.onFx;
import static vn.clinicterm.terminal.gui.FxTestSupport.onFxQuiet;
import static vn.clinicterm.terminal.gui.FxTestSupport.styleOf;
import static vn.clinicterm.terminal.gui.FxTestSupport.text;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.terminal.app.DemoEnvironment;
import vn.clinicterm.terminal.app.TaskExecutor;

/**
 * Drives the real reception window in demo mode (virtual reader, synthetic cards, embedded central-sim, temporary
 * visit log, private-facility consent policy) through the whole counter flow and its failure states, and writes
 * screenshots of the main states to {@code docs/screenshots/}. Needs a display: under CI, Xvfb. Without one the test
 * fails (it never skips). Every wait goes through the FX thread with a time limit, so a blocked FX thread fails it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReceptionWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String FX_THREAD = "JavaFX Application Thread";

    private static DemoEnvironment demo;
    private static final java.util.List<String> cardThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static Stage stage;
    private static ReceptionWindow window;
    private static final FxRobot robot = FxTestSupport.robot();

    @BeforeAll
    static void openTheDemoWindow() throws Exception {
        FxTestSupport.requireDisplay(ReceptionWindowTest.class);
        TaskExecutor pool = TaskExecutor.background("demo-card");
        demo = DemoEnvironment.start(new TaskExecutor() {
            @Override
            public void execute(Runnable task) {
                pool.execute(() -> {
                    cardThreads.add(Thread.currentThread().getName());
                    task.run();
                });
            }

            @Override
            public void close() {
                pool.close();
            }
        });
        stage = FxToolkit.registerPrimaryStage();
        window = onFx(() -> ReceptionWindow.show(stage, demo.viewModel(), Optional.of(demo),
                DemoEnvironment.STAFF_USER));
        FxTestSupport.sizeForScreenshots(stage);
        waitFor("the virtual reader is seen", () -> text("#readerStatus").equals("Đầu đọc sẵn sàng — hãy đặt thẻ CCCD"));
    }

    @AfterAll
    static void close() throws Exception {
        FxTestSupport.closeWindow(stage, demo);
    }

    @Test
    @Order(1)
    void aGenuineCardIsReadOnlyOnceConsentIsConfirmedThenVerifiedEligibleAndCheckedIn() throws Exception {
        assertThat(onFx(() -> robot.lookup("#consentBox").query().isVisible())).isTrue();
        assertThat(text("#consentNotice")).contains("đồng ý");
        assertThat(text("#demoHint")).contains("C (F3)");
        assertThat(onFx(() -> robot.lookup("#copyLineButton").queryButton().isDisabled())).as("nothing checked in")
                .isTrue();
        shoot("01-ready");
        robot.clickOn("#tray-1");

        waitFor("consent asked for", () -> text("#noticeLabel").startsWith("Chưa đọc chip"));
        assertThat(text("#patientName")).isEqualTo("Chưa có thẻ nào được đọc");
        assertThat(styleOf("#consentBox")).contains("consent-needed");
        shoot("07-consent-needed");

        robot.type(KeyCode.C);
        waitFor("identity on screen", () -> text("#patientName").equals("Nguyễn Văn An"));
        assertThat(text("#consentStatus")).startsWith("✓");
        assertThat(text("#patientId")).isEqualTo("0010••••2345");
        assertThat(text("#patientDob")).isEqualTo("12/03/1985");
        assertThat(text("#keyHint")).startsWith("DEMO:");
        waitFor("verified", () -> text("#verificationHeadline").equals("Đã xác thực"));
        waitFor("eligible", () -> text("#eligibilityHeadline").equals("Có BHYT — còn hiệu lực"));
        assertThat(text("#eligibilityDetail")).contains("31/12/2026");
        assertThat(styleOf("#verificationBadge")).contains("badge-ok");
        waitFor("photo", () -> onFxQuiet(() -> ((javafx.scene.image.ImageView) robot.lookup("#photo").query())
                .getImage() != null));
        shoot("02-genuine-verified-eligible");

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

        waitFor("checked in", () -> text("#checkInResult").startsWith("Đã tiếp nhận"));
        waitFor("in today's list", () -> todayCount() == 1);
        assertThat(onFx(() -> ((ListView<?>) robot.lookup("#todayList").query()).getItems().getFirst().toString()))
                .contains("0010••••2345");
        assertThat(text("#step-CHIP_AUTHENTICATED")).startsWith("✓");
        waitFor("consent used up", () -> styleOf("#consentBox").contains("consent-needed"));
        shoot("03-checked-in");

        assertThat(cardThreads).isNotEmpty().noneMatch(FX_THREAD::equals);
    }

    @Test
    @Order(2)
    void ctrlShiftCPutsTheCheckedInPatientsLineOnTheClipboardInTheHisOrder() throws Exception {
        assertThat(onFx(() -> robot.lookup("#copyLineButton").queryButton().isDisabled())).isFalse();
        onFx(() -> {
            ClipboardContent before = new ClipboardContent();
            before.putString("before");
            return Clipboard.getSystemClipboard().setContent(before);
        });

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);

        waitFor("copied", () -> text("#noticeLabel").startsWith("Đã chép thông tin người bệnh"));
        waitFor("on the clipboard", () -> !"before".equals(clipboard()));
        SimCitizen an = SyntheticCitizens.citizen(1);
        String[] fields = clipboard().split("\t", -1);
        assertThat(fields).hasSize(5);
        assertThat(fields[0]).isEqualTo(an.fullName());
        assertThat(fields[1]).isEqualTo("12/03/1985");
        assertThat(fields[3]).isEqualTo(an.idNumber());
        assertThat(fields[4]).isEqualTo(an.residence());
        assertThat(styleOf("#noticeLabel")).contains("notice-info");
        assertThat(text("#consentStatus")).as("C with Ctrl+Shift is no consent").doesNotStartWith("✓");
    }

    private static String clipboard() {
        return onFxQuiet(() -> Clipboard.getSystemClipboard().getString());
    }

    @Test
    @Order(3)
    void aClonedCardIsNotGenuineItsCloneCheckIsMarkedFailedAndCheckInIsRefusedWithoutOverride() throws Exception {
        robot.type(KeyCode.F3);
        robot.type(KeyCode.DIGIT4);

        waitFor("clone verdict", () -> text("#verificationHeadline").equals("Nghi thẻ nhân bản"));
        assertThat(styleOf("#verificationBadge")).contains("badge-bad");
        assertThat(text("#step-CHIP_AUTHENTICATED")).startsWith("✗");
        assertThat(styleOf("#step-CHIP_AUTHENTICATED")).contains("step-failed").doesNotContain("step-done");
        assertThat(onFx(() -> robot.lookup("#checkInButton").queryButton().isDisabled())).isTrue();
        assertThat(onFx(() -> robot.lookup("#overrideButton").query().isVisible())).isTrue();
        shoot("04-clone-suspected");

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        Thread.sleep(500);
        assertThat(todayCount()).as("nothing recorded without override").isEqualTo(1);
    }

    @Test
    @Order(4)
    void aTamperedCardIsForgedAndTheExplicitOverrideRecordsAnException() throws Exception {
        robot.clickOn("#consentButton");
        robot.clickOn("#tray-5");

        waitFor("tampered verdict", () -> text("#verificationHeadline").equals("Giả mạo hoặc bị sửa đổi"));
        assertThat(text("#checkInResult")).contains("không tiếp nhận");
        shoot("05-tampered");

        robot.clickOn("#overrideButton");
        waitFor("exception recorded", () -> todayCount() == 2);
    }

    @Test
    @Order(5)
    void removingTheCardKeepsTheResultAndEnglishIsOneKeyAway() throws Exception {
        robot.type(KeyCode.R);
        waitFor("reader empty", () -> text("#readerStatus").equals("Đầu đọc sẵn sàng — hãy đặt thẻ CCCD"));

        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        waitFor("english", () -> text("#readerStatus").equals("Reader ready — place the CCCD card"));
        assertThat(text("#consentNotice")).contains("Do you agree");
        robot.type(KeyCode.C);
        robot.clickOn("#tray-6");
        waitFor("unknown issuer", () -> text("#verificationHeadline").equals("Could not be verified"));
        assertThat(styleOf("#verificationBadge")).contains("badge-warn");
        shoot("06-unknown-issuer-english");
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        waitFor("vietnamese", () -> text("#readerStatus").startsWith("Đã có thẻ"));
    }

    @Test
    @Order(6)
    void anExpiredCardSaysSoInRed() throws Exception {
        robot.type(KeyCode.C);
        robot.type(KeyCode.DIGIT2);

        waitFor("expired card", () -> text("#patientExpiry").startsWith("THẺ ĐÃ HẾT HẠN"));
        assertThat(styleOf("#patientExpiry")).contains("expired");
        waitFor("verdict", () -> !styleOf("#verificationBadge").contains("badge-idle"));
        shoot("08-expired-card");
    }

    @Test
    @Order(7)
    void aPatientWithoutInsuranceIsShownNotInsured() throws Exception {
        robot.type(KeyCode.C);
        robot.type(KeyCode.DIGIT3);

        waitFor("verified", () -> text("#verificationHeadline").equals("Đã xác thực"));
        waitFor("not insured", () -> styleOf("#eligibilityBadge").contains("badge-bad"));
        assertThat(text("#eligibilityHeadline")).startsWith("Không");
        shoot("09-not-insured");
    }

    @Test
    @Order(8)
    void aWrongCanIsRefusedByTheChipAndNothingIsRead() throws Exception {
        robot.type(KeyCode.R);
        waitFor("reader empty", () -> text("#readerStatus").equals("Đầu đọc sẵn sàng — hãy đặt thẻ CCCD"));
        robot.type(KeyCode.F2);
        robot.write("999999");
        robot.type(KeyCode.ENTER);
        waitFor("key waits for a card", () -> text("#noticeLabel").startsWith("Đã nhận mã"));
        robot.type(KeyCode.F3); // works while typing in the key field, where C would be a letter
        robot.clickOn("#tray-1");

        waitFor("wrong CAN", () -> text("#noticeLabel").startsWith("Chip từ chối mã truy cập"));
        assertThat(text("#patientName")).isEqualTo("Chưa có thẻ nào được đọc");
        assertThat(styleOf("#noticeLabel")).contains("notice-problem");
        shoot("10-wrong-can");
        robot.type(KeyCode.ESCAPE);
        waitFor("reader empty", () -> text("#readerStatus").equals("Đầu đọc sẵn sàng — hãy đặt thẻ CCCD"));
    }

    @Test
    @Order(9)
    void theMrzFromTheBackOfTheCardOpensTheChip() throws Exception {
        SimCitizen an = SyntheticCitizens.citizen(1);
        robot.type(KeyCode.F4);
        waitFor("MRZ fields", () -> onFxQuiet(() -> robot.lookup("#mrzRow").query().isVisible()));
        robot.write(an.idNumber());
        robot.type(KeyCode.TAB);
        robot.write(ReceptionView.DATE.format(an.dateOfBirth()));
        robot.type(KeyCode.TAB);
        robot.write(an.mrzDateOfExpiry());
        robot.type(KeyCode.ENTER);
        waitFor("key waits for a card", () -> text("#noticeLabel").startsWith("Đã nhận mã"));
        robot.type(KeyCode.F3);
        robot.clickOn("#tray-1");

        waitFor("identity on screen", () -> text("#patientName").equals("Nguyễn Văn An"));
        assertThat(text("#keyHint")).startsWith("Đã nhập MRZ");
        waitFor("verified", () -> text("#verificationHeadline").equals("Đã xác thực"));
        shoot("11-mrz-entry");
        robot.type(KeyCode.F4);
        waitFor("key field back", () -> onFxQuiet(() -> robot.lookup("#keyRow").query().isVisible()));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static int todayCount() {
        return onFxQuiet(() -> ((ListView<?>) robot.lookup("#todayList").query()).getItems().size());
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        FxTestSupport.waitFor(WAIT, what, condition, () -> "reader: " + text("#readerStatus")
                + ", notice: " + text("#noticeLabel") + ", verdict: " + text("#verificationHeadline"));
    }

    private static void shoot(String name) throws Exception {
        FxTestSupport.shoot(stage, name);
    }
}
