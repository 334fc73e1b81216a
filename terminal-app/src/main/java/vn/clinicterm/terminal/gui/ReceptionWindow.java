package vn.clinicterm.terminal.gui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import vn.clinicterm.card.verify.SimpleReport;
import vn.clinicterm.terminal.app.DemoCard;
import vn.clinicterm.terminal.app.DemoEnvironment;
import vn.clinicterm.terminal.app.ReceptionViewModel;

/**
 * The reception window: loads {@code ReceptionView.fxml} in the current language into a stage, and owns the keyboard
 * shortcuts. Switching the language reloads the view with the other bundle (the view model and its state stay).
 *
 * <p>Shortcuts: Enter reads with the typed key, Ctrl+Enter checks in, Ctrl+Shift+Enter checks in as an exception,
 * F2 goes to the key field, Ctrl+L switches language; demo: 1–6 insert a tray card, R or Escape remove it.
 */
public final class ReceptionWindow {

    static final String BUNDLE = "vn.clinicterm.terminal.gui.messages";

    private final Stage stage;
    private final ReceptionViewModel viewModel;
    private final Optional<DemoEnvironment> demo;
    private final String staff;
    private final Scene scene;
    private Locale locale = SimpleReport.VIETNAMESE;
    private ReceptionView view;

    private ReceptionWindow(Stage stage, ReceptionViewModel viewModel, Optional<DemoEnvironment> demo, String staff) {
        this.stage = stage;
        this.viewModel = viewModel;
        this.demo = demo;
        this.staff = staff;
        this.scene = new Scene(load(), 1366, 860);
        scene.getStylesheets().add(ReceptionWindow.class.getResource("reception.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
    }

    /** Shows the window on {@code stage} (FX thread) and starts the view model. */
    public static ReceptionWindow show(Stage stage, ReceptionViewModel viewModel, Optional<DemoEnvironment> demo,
            String staff) {
        ReceptionWindow w = new ReceptionWindow(stage, viewModel, demo, staff);
        stage.setScene(w.scene);
        stage.setTitle(ResourceBundle.getBundle(BUNDLE, w.locale).getString(demo.isPresent() ? "app.demoTitle"
                : "app.title"));
        stage.setMinWidth(1100);
        stage.setMinHeight(720);
        stage.setOnHidden(e -> w.view.unbind());
        stage.show();
        viewModel.start();
        w.initialFocus();
        return w;
    }

    public Scene scene() {
        return scene;
    }

    public Locale locale() {
        return locale;
    }

    /** Switches between Vietnamese and English. */
    public void toggleLanguage() {
        locale = "vi".equals(locale.getLanguage()) ? Locale.ENGLISH : SimpleReport.VIETNAMESE;
        view.unbind();
        scene.setRoot(load());
        viewModel.setLocale(locale);
        stage.setTitle(ResourceBundle.getBundle(BUNDLE, locale).getString(demo.isPresent() ? "app.demoTitle"
                : "app.title"));
        initialFocus();
    }

    /** At a real counter the key field (a scanner types into it); in the demo the window, so 1-6 and R work. */
    private void initialFocus() {
        if (demo.isEmpty()) {
            view.focusKeyField();
        } else {
            javafx.application.Platform.runLater(() -> scene.getRoot().requestFocus());
        }
    }

    private Parent load() {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
        FXMLLoader loader = new FXMLLoader(ReceptionWindow.class.getResource("ReceptionView.fxml"), bundle);
        try {
            Parent root = loader.load();
            view = loader.getController();
            view.bind(viewModel, demo, staff, this::toggleLanguage);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the reception view", e);
        }
    }

    private void shortcut(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.ENTER && e.isShortcutDown()) {
            if (e.isShiftDown()) {
                view.checkInWithOverride();
            } else {
                view.checkIn();
            }
            e.consume();
        } else if (code == KeyCode.F2) {
            view.focusKeyField();
            e.consume();
        } else if (code == KeyCode.L && e.isShortcutDown()) {
            toggleLanguage();
            e.consume();
        } else if (demo.isPresent() && !e.isShortcutDown() && !e.isAltDown()) {
            demoKey(e, code, demo.get());
        }
    }

    private void demoKey(KeyEvent e, KeyCode code, DemoEnvironment env) {
        if (code == KeyCode.ESCAPE) {
            env.remove();
            scene.getRoot().requestFocus();
            e.consume();
            return;
        }
        if (view.keyFieldFocused()) {
            return; // digits and letters typed into the key field belong to the field
        }
        if (code == KeyCode.R) {
            env.remove();
            e.consume();
            return;
        }
        int n = switch (code) {
            case DIGIT1, NUMPAD1 -> 1;
            case DIGIT2, NUMPAD2 -> 2;
            case DIGIT3, NUMPAD3 -> 3;
            case DIGIT4, NUMPAD4 -> 4;
            case DIGIT5, NUMPAD5 -> 5;
            case DIGIT6, NUMPAD6 -> 6;
            default -> 0;
        };
        if (n > 0) {
            env.insert(DemoCard.values()[n - 1]);
            e.consume();
        }
    }
}
