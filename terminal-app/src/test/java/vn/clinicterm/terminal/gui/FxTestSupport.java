package vn.clinicterm.terminal.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * What the GUI tests share: the display check, sizing and closing the window, work on the FX thread with a time limit
 * (so a blocked FX thread fails a test instead of hanging it), lookups of a node's text and style classes, waiting for a
 * state, and writing screenshots to {@code docs/screenshots/}.
 */
final class FxTestSupport {

    /** How long the FX thread may take to answer one piece of work before the test fails. */
    private static final Duration FX_ANSWER = Duration.ofSeconds(10);

    private static final FxRobot robot = new FxRobot();

    private FxTestSupport() {
    }

    /** The one robot the GUI tests drive their windows with and look nodes up by. */
    static FxRobot robot() {
        return robot;
    }

    /** Fails, never skips, when there is no display to open a window on. */
    static void requireDisplay(Class<?> test) {
        if (System.getenv("DISPLAY") == null && System.getProperty("testfx.headless") == null) {
            throw new IllegalStateException(test.getSimpleName() + " needs a display: run it under Xvfb"
                    + " (xvfb-run -a …, or Xvfb :99 & export DISPLAY=:99)");
        }
    }

    /** Gives the window the size the screenshots are taken at and brings it to the front. */
    static void sizeForScreenshots(Stage stage) throws Exception {
        onFx(() -> {
            stage.setWidth(1366);
            stage.setHeight(860);
            stage.toFront();
            return null;
        });
    }

    /** Hides the window (if it was opened), closes what the test opened, in order, then cleans the stages up. */
    static void closeWindow(Stage stage, AutoCloseable... opened) throws Exception {
        if (stage != null) {
            onFx(() -> {
                stage.hide();
                return null;
            });
        }
        for (AutoCloseable resource : opened) {
            if (resource != null) {
                resource.close();
            }
        }
        FxToolkit.cleanupStages();
    }

    /** Runs {@code work} on the FX thread and returns its result; fails if the thread does not answer in time. */
    static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(FX_ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer within " + FX_ANSWER.toSeconds()
                    + " s: is it blocked?", e);
        }
    }

    /** {@link #onFx} for lookups inside conditions: any failure is an assertion error. */
    static <T> T onFxQuiet(Callable<T> work) {
        try {
            return onFx(work);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts the FX thread answers within half a second, i.e. no card or database work blocks it. */
    static void assertFxThreadResponsive() throws Exception {
        long start = System.nanoTime();
        onFx(() -> null);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    /** The text of the label or button with this id (the node must be showing). */
    static String text(String id) {
        return onFxQuiet(() -> textOf(robot.lookup(id).query()));
    }

    /** The text of the label or button with this id, or empty when no such node is showing. */
    static Optional<String> textIfShown(String id) {
        return onFxQuiet(() -> robot.lookup(id).tryQuery().map(FxTestSupport::textOf));
    }

    private static String textOf(Node n) {
        return n instanceof Label l ? l.getText() : n instanceof Button b ? b.getText() : String.valueOf(n);
    }

    /** The style classes of the node with this id, copied on the FX thread. */
    static List<String> styleOf(String id) {
        return onFxQuiet(() -> List.copyOf(robot.lookup(id).query().getStyleClass()));
    }

    /**
     * Polls {@code condition} until it holds or {@code limit} has passed; then fails, saying what was awaited and
     * {@code state}: what the window showed at that moment.
     */
    static void waitFor(Duration limit, String what, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("timed out waiting for: " + what + " (" + state.get() + ")");
    }

    /** Writes the window's current frame to docs/screenshots/NAME.png, rendered by the FX snapshot API. */
    static void shoot(Stage window, String name) throws Exception {
        Thread.sleep(150); // let the last layout pass settle
        WritableImage image = onFx(() -> window.getScene().getRoot().snapshot(null, null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path dir = screenshotDir();
        Files.createDirectories(dir);
        ImageIO.write(buffered, "png", dir.resolve(name + ".png").toFile());
    }

    private static Path screenshotDir() {
        String configured = System.getProperty("clinicterm.screenshots.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        Path here = Path.of("").toAbsolutePath();
        // Maven runs tests in the module directory; the README's docs/ is the project root's
        Path root = Files.isDirectory(here.resolve("terminal-app")) ? here : here.getParent();
        return root.resolve("docs").resolve("screenshots");
    }
}
