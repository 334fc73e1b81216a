package vn.clinicterm.terminal.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import vn.clinicterm.terminal.app.DemoEnvironment;
import vn.clinicterm.terminal.gui.ReceptionApp;

/**
 * {@code clinicterm demo}: the reception app on a virtual reader with a tray of synthetic cards, an embedded
 * central-sim on 127.0.0.1 and a temporary data directory, deleted on exit. No reader, network or setup needed. The
 * hand-off API runs too, so a hospital-system client can follow the counter: its address is printed, its token is not
 * (a secret on a terminal ends up in scroll-back and screen shares): the token is in an owner-only file in the demo
 * directory, whose path is printed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Opens the reception app in demo mode: a virtual reader with a tray of synthetic cards"
                + " (genuine, expired, not insured, clone, tampered, unknown issuer; keys 1-6 insert, R/Esc remove),"
                + " a local central service and a temporary database and trust store. Nothing is kept.",
            "The demo is a private clinic: press C (or F3) once the patient agreed to the consent notice, before or"
                + " after putting the card on the reader; Ctrl+Enter checks in.",
            "The hand-off API for a hospital system listens on 127.0.0.1 (a free port, printed at start); the token"
                + " of client demo-his is in the owner-only file printed at start, e.g.:",
            "  curl -N -H \"Authorization: Bearer $(cat FILE)\" URL/v1/events",
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
            // Ctrl-C in the launching terminal must not leave the temporary data (and the hand-off token) behind
            Thread cleanup = new Thread(demo::close, "clinicterm-demo-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                Cli.out().println("ClinicTerm demo: data in " + demo.home() + " (deleted on exit), central service "
                        + demo.centralUrl());
                Cli.out().println("hand-off API " + demo.handoffUrl() + "/v1 (events: " + demo.handoffUrl()
                        + "/v1/events); token of client " + DemoEnvironment.HANDOFF_CLIENT + " in "
                        + demo.handoffTokenFile());
                ReceptionApp.runDemo(demo);
                return ExitCodes.OK;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is already running and closes the demo
                }
            }
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
