package vn.clinicterm.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clinicterm} without a verb on a machine without a display (a server, CI without Xvfb): the usage and one line
 * saying the window needs a display, exit 0, and nothing created in the data directory. Runs in a child JVM, whose
 * environment can lack DISPLAY and WAYLAND_DISPLAY.
 */
class MainWithoutVerbTest {

    @TempDir
    Path home;

    @Test
    void withoutADisplayTheUsageIsPrintedWithOneLineAboutTheWindow() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", classPath(), Main.class.getName()));
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().put("CLINICTERM_HOME", home.resolve("data").toString());
        pb.redirectErrorStream(false);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isZero();
        assertThat(out).contains("Usage: clinicterm").contains("demo").contains("Exit codes without a verb:");
        assertThat(out.strip().lines().toList().getLast())
                .startsWith("The reception window needs a display (DISPLAY and WAYLAND_DISPLAY are unset)");
        assertThat(home.resolve("data")).as("no data directory is created just to print help").doesNotExist();
    }

    /**
     * This JVM's class path: the URLs of a launcher's class loader (which may load the tests itself) before
     * {@code java.class.path} (a manifest-only booter jar keeps working in the child, whose JVM reads its manifest).
     */
    private static String classPath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader cl = MainWithoutVerbTest.class.getClassLoader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    entries.add(Path.of(url.toURI()).toString());
                }
            }
        }
        entries.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        return String.join(File.pathSeparator, entries);
    }
}
