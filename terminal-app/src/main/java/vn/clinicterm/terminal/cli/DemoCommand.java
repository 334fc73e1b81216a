package vn.clinicterm.terminal.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import vn.clinicterm.terminal.app.DemoEnvironment;
import vn.clinicterm.terminal.gui.ReceptionApp;

/**
 * {@code clinicterm demo}: the reception app on a virtual reader with a tray of synthetic cards, an embedded
 * central-sim on 127.0.0.1 and a temporary data directory, deleted on exit. No reader, network or setup needed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Opens the reception app in demo mode: a virtual reader with a tray of synthetic cards"
                + " (genuine, expired, not insured, clone, tampered, unknown issuer; keys 1-6 insert, R/Esc remove),"
                + " a local central service and a temporary database and trust store. Nothing is kept.",
            "Needs a display (on a server: xvfb-run ./clinicterm demo)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the window was closed", "16:the demo could not start (message on stderr)"})
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        if (isHeadlessLinux()) {
            Cli.err().println("clinicterm demo: no display (DISPLAY and WAYLAND_DISPLAY are unset);"
                    + " on a server run it under xvfb-run");
            return ExitCodes.READ_FAILED;
        }
        try (DemoEnvironment demo = DemoEnvironment.start()) {
            Cli.out().println("ClinicTerm demo: data in " + demo.home() + " (deleted on exit), central service "
                    + demo.centralUrl());
            ReceptionApp.runDemo(demo);
            return ExitCodes.OK;
        } catch (IOException | RuntimeException e) {
            Cli.err().println("clinicterm demo: cannot start the demo: " + e.getMessage());
            return ExitCodes.READ_FAILED;
        }
    }

    private static boolean isHeadlessLinux() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null;
    }
}
