package vn.clinicterm.terminal.gui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import vn.clinicterm.terminal.app.DemoCard;
import vn.clinicterm.terminal.app.DemoEnvironment;
import vn.clinicterm.terminal.app.ReceptionViewModel;

/**
 * The reception screen inside the terminal window: {@code ReceptionView.fxml} in one language, bound to the view model,
 * with the counter's shortcuts: Ctrl+Enter checks in, Ctrl+Shift+Enter checks in as an exception, Ctrl+Shift+C copies
 * the checked-in patient's line for the hospital system to the clipboard, F2 goes to the key field; in the demo, 1–6
 * put a tray card on the reader and R or Escape take it off. The view itself handles the rest: C or F3 confirms the
 * patient's consent and F4 switches to MRZ entry (see {@link ReceptionView}).
 */
final class ReceptionScreen implements Screen {

    private final Parent root;
    private final ReceptionView view;
    private final Optional<DemoEnvironment> demo;

    private ReceptionScreen(Parent root, ReceptionView view, Optional<DemoEnvironment> demo) {
        this.root = root;
        this.view = view;
        this.demo = demo;
    }

    static ReceptionScreen load(Locale locale, ReceptionViewModel vm, Optional<DemoEnvironment> demo, String staff,
            Runnable languageToggle) {
        ResourceBundle bundle = ResourceBundle.getBundle(ReceptionWindow.BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        FXMLLoader loader = new FXMLLoader(ReceptionScreen.class.getResource("ReceptionView.fxml"), bundle);
        try {
            Parent root = loader.load();
            ReceptionView view = loader.getController();
            view.bind(vm, demo, staff, languageToggle);
            return new ReceptionScreen(root, view, demo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the reception view", e);
        }
    }

    @Override
    public Parent root() {
        return root;
    }

    /** At a real counter the key field (a scanner types into it); in the demo the screen, so 1–6 and R work. */
    @Override
    public void focus() {
        if (demo.isEmpty()) {
            view.focusKeyField();
        } else {
            Platform.runLater(root::requestFocus);
        }
    }

    @Override
    public void dispose() {
        view.unbind();
    }

    @Override
    public void shortcut(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.ENTER && e.isShortcutDown()) {
            if (e.isShiftDown()) {
                view.checkInWithOverride();
            } else {
                view.checkIn();
            }
            e.consume();
        } else if (code == KeyCode.C && e.isShortcutDown() && e.isShiftDown() && !e.isAltDown()) {
            view.copyPatientLine();
            e.consume();
        } else if (code == KeyCode.F2) {
            view.focusKeyField();
            e.consume();
        } else if (demo.isPresent() && !e.isShortcutDown() && !e.isAltDown()) {
            demoKey(e, code, demo.get());
        }
    }

    private void demoKey(KeyEvent e, KeyCode code, DemoEnvironment env) {
        if (code == KeyCode.ESCAPE) {
            env.remove();
            root.requestFocus();
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
