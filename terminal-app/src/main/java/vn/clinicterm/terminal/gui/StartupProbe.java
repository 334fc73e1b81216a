package vn.clinicterm.terminal.gui;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Measures start to first frame, for the startup benchmark and the AOT-cache training run of the installer build.
 * Off unless the system property {@value #PROPERTY} is set: {@code print} prints {@code first-frame-ms=N} (from the
 * process start, as the operating system recorded it, to the end of the first pulse that painted the window) on
 * standard output; {@code exit} prints it and then closes the application the normal way (the command closes what it
 * opened and exits with status 0), which is also when the JVM writes an AOT cache requested with
 * {@code -XX:AOTCacheOutput}.
 */
public final class StartupProbe {

    public static final String PROPERTY = "clinicterm.startupProbe";

    private StartupProbe() {}

    /** Call once the first stage is about to be shown (on the FX thread). */
    public static void attach(Stage stage) {
        String mode = System.getProperty(PROPERTY);
        if (mode == null || mode.isBlank()) {
            return;
        }
        // an animation timer runs once per pulse; its second run means the first painted pulse has completed
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses < 2 || !stage.isShowing()) {
                    return;
                }
                stop();
                report(mode);
            }
        }.start();
    }

    private static void report(String mode) {
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        long ms = Duration.between(started, Instant.now()).toMillis();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(String.format(Locale.ROOT, "first-frame-ms=%d", ms));
        if ("exit".equals(mode)) {
            // the normal way out: the launch returns, the command closes what it opened and exits with 0
            Platform.exit();
        }
    }
}
