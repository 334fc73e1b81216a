package vn.clinicterm.terminal.gui;

import java.util.Objects;
import java.util.Optional;
import javafx.application.Application;
import javafx.stage.Stage;
import vn.clinicterm.terminal.app.DemoEnvironment;
import vn.clinicterm.terminal.app.ReceptionViewModel;

/**
 * The JavaFX application. JavaFX instantiates it itself, so what it shows is handed over through {@link #run}; launch
 * it through a class that is not an {@code Application} subclass ({@link Launcher}, the CLI's {@code demo} verb) so
 * that JavaFX on the class path works.
 */
public final class ReceptionApp extends Application {

    private record Session(ReceptionViewModel viewModel, Optional<DemoEnvironment> demo, String staff) {}

    private static volatile Session session;

    /** Shows the reception window for {@code viewModel} and blocks until it is closed. */
    public static void run(ReceptionViewModel viewModel, Optional<DemoEnvironment> demo, String staff) {
        session = new Session(Objects.requireNonNull(viewModel), demo, staff);
        Application.launch(ReceptionApp.class);
    }

    /** Runs the demo window and blocks until it is closed. */
    public static void runDemo(DemoEnvironment demo) {
        run(demo.viewModel(), Optional.of(demo), DemoEnvironment.STAFF_USER);
    }

    @Override
    public void start(Stage stage) {
        Session s = Objects.requireNonNull(session, "ReceptionApp.run was not called");
        ReceptionWindow.show(stage, s.viewModel(), s.demo(), s.staff());
    }
}
