package vn.clinicterm.terminal.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
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
    private static final FxRobot robot = new FxRobot();
    private static VisitLog log;
    private static TaskExecutor executor;
    private static ReceptionViewModel vm;
    private static Stage stage;

    @BeforeAll
    static void openTheCounterWindow() throws Exception {
        if (System.getenv("DISPLAY") == null && System.getProperty("testfx.headless") == null) {
            throw new IllegalStateException("ReceptionFailureStatesTest needs a display: run it under Xvfb");
        }
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
        onFx(() -> {
            stage.setWidth(1366);
            stage.setHeight(860);
            return null;
        });
    }

    @AfterAll
    static void close() throws Exception {
        if (stage != null) {
            onFx(() -> {
                stage.hide();
                return null;
            });
        }
        vm.close();
        executor.close();
        log.close();
        FxToolkit.cleanupStages();
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
        ReceptionWindowTest.shoot(stage, "12-card-service-down");
    }

    @Test
    @Order(2)
    void withTheServiceUpButNoReaderTheCounterSaysToPlugOneIn() throws Exception {
        pcsc.serviceRunning(true);

        waitFor("no reader", () -> text("#readerStatus").equals("Chưa cắm đầu đọc thẻ"));
        waitFor("notice", () -> text("#noticeLabel").startsWith("Không thấy đầu đọc thẻ"));
        assertFxThreadResponsive();
        ReceptionWindowTest.shoot(stage, "13-no-reader");
    }

    private static void assertFxThreadResponsive() throws Exception {
        long start = System.nanoTime();
        onFx(() -> null);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    private static String text(String id) {
        return onFxQuiet(() -> {
            Node n = robot.lookup(id).query();
            return n instanceof Label l ? l.getText() : String.valueOf(n);
        });
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("timed out waiting for: " + what + " (reader: " + text("#readerStatus")
                + ", notice: " + text("#noticeLabel") + ")");
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
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer within 10 s: is it blocked?", e);
        }
    }

    private static <T> T onFxQuiet(Callable<T> work) {
        try {
            return onFx(work);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
