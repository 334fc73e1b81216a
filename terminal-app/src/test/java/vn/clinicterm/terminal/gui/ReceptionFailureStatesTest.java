package vn.clinicterm.terminal.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.gui.FxTestSupport.assertFxThreadResponsive;
import static vn.clinicterm.terminal.gui.FxTestSupport.onFx;
import static vn.clinicterm.terminal.gui.FxTestSupport.shoot;
import static vn.clinicterm.terminal.gui.FxTestSupport.text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
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
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.terminal.app.ReceptionServices;
import vn.clinicterm.terminal.app.ReceptionViewModel;
import vn.clinicterm.terminal.app.TaskExecutor;
import vn.clinicterm.terminal.storage.VisitLog;

/**
 * The reception window at a real counter (no demo) when there is nothing to read with: the card service is not running,
 * then it runs but no reader is plugged in. Each state must say so and what to do, and the FX thread must stay free
 * (every look at the window goes through it with a time limit).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReceptionFailureStatesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path temp;

    private static final FakePcsc pcsc = new FakePcsc();
    private static final FxRobot robot = FxTestSupport.robot();
    private static VisitLog log;
    private static TaskExecutor executor;
    private static ReceptionViewModel vm;
    private static Stage stage;

    @BeforeAll
    static void openTheCounterWindow() throws Exception {
        FxTestSupport.requireDisplay(ReceptionFailureStatesTest.class);
        log = VisitLog.builder().database(temp.resolve("clinicterm.db")).terminalId("quay-1").open();
        executor = TaskExecutor.background("failure-states");
        vm = new ReceptionViewModel(ReceptionServices.builder()
                .readers(CardReaders.of(pcsc.factory()))
                .visitLog(log)
                .staffUser("le.tan")
                .executor(executor)
                .pollInterval(Duration.ofMillis(50))
                .build());
        stage = FxToolkit.registerPrimaryStage();
        onFx(() -> ReceptionWindow.show(stage, vm, Optional.empty(), "le.tan"));
        FxTestSupport.sizeForScreenshots(stage);
    }

    @AfterAll
    static void close() throws Exception {
        FxTestSupport.closeWindow(stage, vm, executor, log);
    }

    @Test
    @Order(1)
    void withTheCardServiceDownTheCounterSaysToStartIt() throws Exception {
        waitFor("service down", () -> text("#readerStatus").equals("Dịch vụ thẻ chưa chạy"));
        assertThat(text("#noticeLabel")).contains("pcscd").contains("khởi động");
        assertThat(onFx(() -> robot.lookup("#readerStatus").query().getStyleClass())).contains("reader-bad");
        assertThat(onFx(() -> robot.lookup("#consentBox").query().isVisible()))
                .as("a real counter of a private facility asks for consent too").isTrue();
        assertFxThreadResponsive();
        shoot(stage, "12-card-service-down");
    }

    @Test
    @Order(2)
    void withTheServiceUpButNoReaderTheCounterSaysToPlugOneIn() throws Exception {
        pcsc.serviceRunning(true);

        waitFor("no reader", () -> text("#readerStatus").equals("Chưa cắm đầu đọc thẻ"));
        waitFor("notice", () -> text("#noticeLabel").startsWith("Không thấy đầu đọc thẻ"));
        assertFxThreadResponsive();
        shoot(stage, "13-no-reader");
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        FxTestSupport.waitFor(WAIT, what, condition,
                () -> "reader: " + text("#readerStatus") + ", notice: " + text("#noticeLabel"));
    }
}
