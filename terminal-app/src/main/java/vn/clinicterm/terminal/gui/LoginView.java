package vn.clinicterm.terminal.gui;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import vn.clinicterm.terminal.app.LoginState;
import vn.clinicterm.terminal.app.LoginState.Mode;
import vn.clinicterm.terminal.app.LoginViewModel;
import vn.clinicterm.terminal.storage.User;

/**
 * The login screen's controller ({@code LoginView.fxml}): name and password, or the first admin account on a terminal
 * without accounts. Passwords go to the view model as {@code char[]} and the fields are cleared right away. Enter
 * moves from name to password and submits; Ctrl+L switches the language.
 */
public final class LoginView implements Screen {

    @FXML private ResourceBundle resources;
    @FXML private StackPane root;
    @FXML private Label subtitle;
    @FXML private Label firstRunHint;
    @FXML private TextField nameField;
    @FXML private PasswordField passwordField;
    @FXML private VBox repeatBox;
    @FXML private PasswordField repeatField;
    @FXML private Label messageLabel;
    @FXML private Button submitButton;
    @FXML private Label readOnlyLabel;
    @FXML private Label placeLabel;

    private LoginViewModel viewModel;
    private Consumer<User> onLoggedIn = u -> {};
    private Runnable onLanguageToggle = () -> {};
    private ScreenUpdates<LoginState> updates;
    private Mode mode = Mode.CHECKING;
    private boolean handedOver;
    private boolean wasDisabled = true;

    /** Loads the screen in {@code locale} over {@code vm}; {@code loggedIn} runs once, on the FX thread. */
    static LoginView load(Locale locale, LoginViewModel vm, String place, Consumer<User> loggedIn,
            Runnable languageToggle) {
        LoginView view = ScreenFxml.load("LoginView.fxml", locale);
        view.bind(vm, place, loggedIn, languageToggle);
        return view;
    }

    private void bind(LoginViewModel vm, String place, Consumer<User> loggedIn, Runnable languageToggle) {
        this.viewModel = vm;
        this.onLoggedIn = loggedIn;
        this.onLanguageToggle = languageToggle;
        placeLabel.setText(place);
        render(vm.state()); // loaded on the FX thread: show the current state before the first update
        updates = new ScreenUpdates<>(this::render);
        vm.addListener(updates);
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shortcut(KeyEvent e) {
        // Enter and Tab do the work here; the window handles Ctrl+L
    }

    @Override
    public void focus() {
        (nameField.getText().isBlank() ? nameField : passwordField).requestFocus();
    }

    @Override
    public void dispose() {
        updates.stop();
        viewModel.removeListener(updates);
        passwordField.clear();
        repeatField.clear();
    }

    // ------------------------------------------------------------------------------------------------ intents

    @FXML
    void nameEntered() {
        passwordField.requestFocus();
    }

    @FXML
    void passwordEntered() {
        if (mode == Mode.FIRST_RUN) {
            repeatField.requestFocus();
        } else {
            submit();
        }
    }

    @FXML
    void submit() {
        char[] password = passwordField.getText().toCharArray();
        passwordField.clear();
        if (mode == Mode.FIRST_RUN) {
            char[] repeated = repeatField.getText().toCharArray();
            repeatField.clear();
            viewModel.createFirstAdmin(nameField.getText(), password, repeated);
        } else if (mode == Mode.LOG_IN) {
            viewModel.logIn(nameField.getText(), password);
        } else {
            Arrays.fill(password, '\0');
        }
    }

    @FXML
    void toggleLanguage() {
        onLanguageToggle.run();
    }

    // ------------------------------------------------------------------------------------------------ rendering

    private void render(LoginState s) {
        mode = s.mode();
        subtitle.setText(resources.getString("login.subtitle." + s.mode().name()));
        boolean firstRun = s.mode() == Mode.FIRST_RUN;
        ScreenFxml.show(firstRunHint, firstRun);
        ScreenFxml.show(repeatBox, firstRun);
        submitButton.setText(resources.getString(s.busy() ? "login.busy" : "login.submit." + s.mode().name()));
        boolean disabled = s.busy() || s.mode() == Mode.CHECKING || s.user().isPresent();
        nameField.setDisable(disabled);
        passwordField.setDisable(disabled);
        repeatField.setDisable(disabled);
        submitButton.setDisable(disabled);
        if (wasDisabled && !disabled) {
            focus();
        }
        wasDisabled = disabled;
        ScreenFxml.show(readOnlyLabel, s.readOnly());
        if (s.message().isPresent()) {
            LoginState.Message m = s.message().get();
            messageLabel.setText(MessageFormat.format(resources.getString("login.message." + m.kind().name()),
                    m.args().toArray()));
            ScreenFxml.styleOnly(messageLabel, m.isProblem() ? "ct-problem" : "ct-ok", "ct-problem", "ct-ok");
            ScreenFxml.show(messageLabel, true);
        } else {
            ScreenFxml.show(messageLabel, false);
        }
        if (!s.busy() && s.user().isEmpty() && s.message().isPresent()) {
            passwordField.requestFocus();
        }
        if (s.user().isPresent() && !handedOver) {
            handedOver = true;
            onLoggedIn.accept(s.user().get());
        }
    }
}
