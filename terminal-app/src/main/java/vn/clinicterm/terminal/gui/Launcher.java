package vn.clinicterm.terminal.gui;

import java.io.IOException;
import java.util.Arrays;
import vn.clinicterm.terminal.app.DemoEnvironment;
import vn.clinicterm.terminal.app.TerminalEnvironment;

/**
 * Starts the window without the command line: {@code java -cp … vn.clinicterm.terminal.gui.Launcher} opens the real
 * counter (this machine's readers, the data directory, login first), {@code … Launcher demo} the demo. Not an
 * {@link javafx.application.Application} subclass on purpose: that is what lets JavaFX run from the class path.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) throws IOException {
        if (Arrays.asList(args).contains("demo")) {
            try (DemoEnvironment demo = DemoEnvironment.start()) {
                ReceptionApp.runDemo(demo);
            }
        } else {
            try (TerminalEnvironment terminal = TerminalEnvironment.builder().open()) {
                ReceptionApp.runTerminal(terminal);
            }
        }
        System.exit(0);
    }
}
