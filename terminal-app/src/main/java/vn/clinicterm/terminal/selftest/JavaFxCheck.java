package vn.clinicterm.terminal.selftest;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Whether the JavaFX toolkit starts: {@link Platform#startup}, waiting at most the context's time limit for it to
 * run a task. On Linux without {@code DISPLAY} or {@code WAYLAND_DISPLAY} it is skipped as headless. The toolkit is
 * left running: it cannot be started twice in one process, and the process ends after the self-test.
 */
final class JavaFxCheck implements Check {

    static final String NAME = "javafx";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(SelfTestContext context) throws InterruptedException {
        String display = firstSet(context, "WAYLAND_DISPLAY", "DISPLAY");
        if (context.osName().toLowerCase(Locale.ROOT).contains("linux") && display == null) {
            return CheckResult.skip(NAME, "headless: DISPLAY and WAYLAND_DISPLAY are unset (the counter app needs a"
                    + " display)");
        }
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        try {
            Platform.startup(ran::countDown);
        } catch (IllegalStateException alreadyRunning) {
            return CheckResult.ok(NAME, "the toolkit is already running in this process");
        } catch (RuntimeException e) {
            return CheckResult.fail(NAME, "the toolkit does not start" + (display == null ? "" : " on " + display)
                    + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (!ran.await(context.javafxTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            return CheckResult.fail(NAME, "the toolkit did not start within "
                    + SelfTest.seconds(context.javafxTimeout()));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return CheckResult.ok(NAME, "JavaFX " + System.getProperty("javafx.runtime.version", "?") + " started"
                + (display == null ? "" : " on " + display) + " in " + millis + " ms");
    }

    private static String firstSet(SelfTestContext context, String... names) {
        for (String n : names) {
            String v = context.env().get(n);
            if (v != null && !v.isBlank()) {
                return n + "=" + v;
            }
        }
        return null;
    }
}
