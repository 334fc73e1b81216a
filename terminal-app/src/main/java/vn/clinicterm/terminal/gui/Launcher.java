package vn.clinicterm.terminal.gui;

import java.io.IOException;
import vn.clinicterm.terminal.app.DemoEnvironment;

/**
 * Starts the reception demo window ({@code java -cp … vn.clinicterm.terminal.gui.Launcher}). Not an
 * {@link javafx.application.Application} subclass on purpose: that is what lets JavaFX run from the class path.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) throws IOException {
        try (DemoEnvironment demo = DemoEnvironment.start()) {
            ReceptionApp.runDemo(demo);
        }
        System.exit(0);
    }
}
