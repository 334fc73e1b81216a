package vn.clinicterm.terminal.gui;

import java.util.Objects;
import java.util.Optional;
import javafx.application.Application;
import javafx.stage.Stage;
import vn.clinicterm.terminal.app.DemoEnvironment;
import vn.clinicterm.terminal.app.ReceptionViewModel;
import vn.clinicterm.terminal.app.TerminalEnvironment;

/**
 * The JavaFX application. JavaFX instantiates it itself, so what it shows is handed over through {@link #run},
 * {@link #runDemo} or {@link #runTerminal}; launch it through a class that is not an {@code Application} subclass
 * ({@link Launcher}, the CLI) so that JavaFX on the class path works.
 */
public final class ReceptionApp extends Application {

    private sealed interface Launch {
        record Reception(ReceptionViewModel viewModel, Optional<DemoEnvironment> demo, String staff)
                implements Launch {}

        record Terminal(TerminalEnvironment environment) implements Launch {}
    }

    private static volatile Launch launch;

    /** Shows the reception window for {@code viewModel} and blocks until it is closed. */
    public static void run(ReceptionViewModel viewModel, Optional<DemoEnvironment> demo, String staff) {
        launch = new Launch.Reception(Objects.requireNonNull(viewModel), demo, staff);
        Application.launch(ReceptionApp.class);
    }

    /** Runs the demo window (every screen, logged in) and blocks until it is closed. */
    public static void runDemo(DemoEnvironment demo) {
        run(demo.viewModel(), Optional.of(demo), DemoEnvironment.STAFF_USER);
    }

    /** Runs the real counter's window (login first) and blocks until it is closed. */
    public static void runTerminal(TerminalEnvironment environment) {
        launch = new Launch.Terminal(Objects.requireNonNull(environment));
        Application.launch(ReceptionApp.class);
    }

    @Override
    public void start(Stage stage) {
        StartupProbe.attach(stage); // off unless -Dclinicterm.startupProbe is set (startup benchmark, AOT training)
        switch (Objects.requireNonNull(launch, "ReceptionApp.run was not called")) {
            case Launch.Reception r -> ReceptionWindow.show(stage, r.viewModel(), r.demo(), r.staff());
            case Launch.Terminal t -> ReceptionWindow.showTerminal(stage, t.environment());
        }
    }
}
