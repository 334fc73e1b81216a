package vn.clinicterm.terminal.gui;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import vn.clinicterm.card.verify.SimpleReport;
import vn.clinicterm.terminal.app.DemoEnvironment;
import vn.clinicterm.terminal.app.LoginViewModel;
import vn.clinicterm.terminal.app.ReceptionViewModel;
import vn.clinicterm.terminal.app.TaskExecutor;
import vn.clinicterm.terminal.app.TerminalDemo;
import vn.clinicterm.terminal.app.TerminalEnvironment;
import vn.clinicterm.terminal.app.TerminalScreen;
import vn.clinicterm.terminal.app.TerminalSession;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;

/**
 * The terminal window: a navigation bar over one screen at a time. At a real counter ({@link #showTerminal}) it opens
 * on the login screen; after login the bar offers the screens the user's role allows ({@link TerminalScreen}), the
 * user's name and a logout. The demo ({@link #show} with a demo) is logged in already and offers every screen, each
 * acting as the demo account of its role. A window for one reception view model ({@link #show} without a demo) shows
 * just the reception screen.
 *
 * <p>Shortcuts everywhere: Ctrl+1, Ctrl+2, Ctrl+3 open the reception, auditor and admin screens, Ctrl+Q logs out,
 * Ctrl+L switches between Vietnamese and English (every screen is rebuilt in the other language; view models and their
 * state stay). Each screen adds its own (see {@link ReceptionScreen}, {@link AuditorView}, {@link AdminView}): on the
 * reception screen, C or F3 confirms the patient's consent and F4 switches to MRZ entry.
 */
public final class ReceptionWindow {

    /** The reception screen's strings. */
    static final String BUNDLE = "vn.clinicterm.terminal.gui.messages";

    private final Stage stage;
    private final BorderPane frame = new BorderPane();
    private final HBox nav = new HBox();
    private final Scene scene;
    private final Optional<DemoEnvironment> demo;
    private final Optional<TerminalEnvironment> terminal;
    private final Optional<LoginViewModel> login;
    private final TaskExecutor ownedExecutor;
    private final Map<TerminalScreen, Screen> screens = new EnumMap<>(TerminalScreen.class);
    private final Set<TerminalScreen> started = EnumSet.noneOf(TerminalScreen.class);
    private Locale locale = SimpleReport.VIETNAMESE;
    private TerminalSession session;
    private TerminalScreen current;
    private Screen shown;

    private ReceptionWindow(Stage stage, Optional<DemoEnvironment> demo, Optional<TerminalEnvironment> terminal,
            TaskExecutor ownedExecutor) {
        this.stage = stage;
        this.demo = demo;
        this.terminal = terminal;
        this.login = terminal.map(TerminalEnvironment::login);
        this.ownedExecutor = ownedExecutor;
        nav.getStyleClass().add("ct-nav");
        nav.setId("navBar");
        frame.setTop(nav);
        this.scene = new Scene(frame, 1366, 860);
        scene.getStylesheets().add(ReceptionWindow.class.getResource("reception.css").toExternalForm());
        scene.getStylesheets().add(ReceptionWindow.class.getResource("admin.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        stage.setScene(scene);
        stage.setMinWidth(1100);
        stage.setMinHeight(720);
        stage.setOnHidden(e -> closed());
    }

    /**
     * Shows the reception screen for {@code viewModel} on {@code stage} (FX thread) and starts the view model. With a
     * demo ({@code viewModel} is then the demo's), the auditor and admin screens are offered too, acting as the demo's
     * accounts of those roles.
     */
    public static ReceptionWindow show(Stage stage, ReceptionViewModel viewModel, Optional<DemoEnvironment> demo,
            String staff) {
        ReceptionWindow w;
        TerminalSession session;
        if (demo.isPresent()) {
            if (viewModel != demo.get().viewModel()) {
                throw new IllegalArgumentException("with a demo, the window shows the demo's own view model");
            }
            TaskExecutor screensExecutor = TaskExecutor.background("clinicterm-screens");
            w = new ReceptionWindow(stage, demo, Optional.empty(), screensExecutor);
            session = TerminalDemo.of(demo.get(), screensExecutor).session();
        } else {
            w = new ReceptionWindow(stage, Optional.empty(), Optional.empty(), null);
            session = TerminalSession.receptionOnly(new User(staff, Role.RECEPTION), viewModel);
        }
        stage.show();
        w.open(session);
        return w;
    }

    /** The real counter: the login screen first, then the screens of whoever logged in. */
    public static ReceptionWindow showTerminal(Stage stage, TerminalEnvironment environment) {
        ReceptionWindow w = new ReceptionWindow(stage, Optional.empty(), Optional.of(environment), null);
        stage.show();
        w.login.orElseThrow().start();
        w.showLogin();
        return w;
    }

    public Scene scene() {
        return scene;
    }

    public Locale locale() {
        return locale;
    }

    /** The screen showing; empty while the login screen shows. */
    public Optional<TerminalScreen> currentScreen() {
        return Optional.ofNullable(current);
    }

    // ------------------------------------------------------------------------------------------------ navigation

    private void showLogin() {
        TerminalEnvironment env = terminal.orElseThrow();
        ResourceBundle b = ScreenFxml.bundle(locale);
        LoginView view = LoginView.load(locale, login.orElseThrow(),
                ScreenFxml.format(b, "login.place", env.terminalId(), env.home().toString()), this::loggedIn,
                this::toggleLanguage);
        replace(view);
        current = null;
        nav.setVisible(false);
        nav.setManaged(false);
        stage.setTitle(b.getString("window.title.LOGIN"));
        view.focus();
    }

    private void loggedIn(User user) {
        open(terminal.orElseThrow().session(user));
    }

    private void open(TerminalSession s) {
        session = s;
        started.clear();
        showScreen(s.home());
    }

    /** Shows {@code screen} when the session allows it. */
    public void showScreen(TerminalScreen screen) {
        if (session == null || !session.allows(screen)) {
            return;
        }
        Screen s = screens.computeIfAbsent(screen, this::create);
        if (started.add(screen)) {
            switch (screen) {
                case RECEPTION -> {
                    session.reception().setLocale(locale);
                    session.reception().start();
                }
                case AUDITOR -> session.auditor().start();
                case ADMIN -> { } // refreshed below, every time it is shown
            }
        }
        if (screen == TerminalScreen.ADMIN) {
            session.admin().refresh();
        }
        current = screen;
        replace(s);
        buildNav();
        ResourceBundle b = ScreenFxml.bundle(locale);
        String title = b.getString("window.title." + screen.name());
        stage.setTitle(session.isDemo() ? ScreenFxml.format(b, "window.demo", title) : title);
        s.focus();
    }

    private Screen create(TerminalScreen screen) {
        return switch (screen) {
            case RECEPTION -> ReceptionScreen.load(locale, session.reception(), demo,
                    session.actor(TerminalScreen.RECEPTION).name(), this::toggleLanguage);
            case AUDITOR -> AuditorView.load(locale, session.auditor(), this::toggleLanguage);
            case ADMIN -> AdminView.load(locale, session.admin(), this::toggleLanguage);
        };
    }

    private void replace(Screen s) {
        if (shown != null && shown instanceof LoginView old && old != s) {
            old.dispose();
        }
        shown = s;
        frame.setCenter(s.root());
    }

    /** Back to the login screen; the session's screens and view models are closed. Not in the demo. */
    public void logOut() {
        if (login.isEmpty() || session == null) {
            return;
        }
        disposeScreens();
        session.close();
        session = null;
        current = null;
        login.get().logOut();
        showLogin();
    }

    /** Switches between Vietnamese and English. */
    public void toggleLanguage() {
        locale = "vi".equals(locale.getLanguage()) ? Locale.ENGLISH : SimpleReport.VIETNAMESE;
        if (session == null) {
            showLogin();
            return;
        }
        disposeScreens();
        if (started.contains(TerminalScreen.RECEPTION)) {
            session.reception().setLocale(locale);
        }
        showScreen(current);
    }

    private void buildNav() {
        ResourceBundle b = ScreenFxml.bundle(locale);
        nav.getChildren().clear();
        boolean canLogOut = login.isPresent();
        boolean visible = session.screens().size() > 1 || canLogOut;
        nav.setVisible(visible);
        nav.setManaged(visible);
        if (!visible) {
            return;
        }
        nav.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        for (TerminalScreen s : session.screens()) {
            ToggleButton tab = new ToggleButton(b.getString("nav." + s.name()));
            tab.setId("nav-" + s.name());
            tab.getStyleClass().add("ct-nav-tab");
            tab.setFocusTraversable(false);
            tab.setSelected(s == current);
            tab.setOnAction(e -> {
                tab.setSelected(true);
                showScreen(s);
            });
            nav.getChildren().add(tab);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        User actor = session.actor(current);
        Label user = new Label(ScreenFxml.format(b, session.isDemo() ? "nav.demoUser" : "nav.user", actor.name(),
                b.getString("role." + actor.role().name())));
        user.setId("nav-user");
        if (session.isDemo()) {
            user.getStyleClass().add("ct-nav-demo");
        }
        nav.getChildren().addAll(spacer, user);
        if (canLogOut) {
            Button logout = new Button(b.getString("nav.logout"));
            logout.setId("nav-logout");
            logout.setFocusTraversable(false);
            logout.setOnAction(e -> logOut());
            nav.getChildren().add(logout);
        }
    }

    private void shortcut(KeyEvent e) {
        KeyCode code = e.getCode();
        if (e.isShortcutDown() && !e.isAltDown() && code == KeyCode.L) {
            toggleLanguage();
            e.consume();
            return;
        }
        if (session != null && e.isShortcutDown() && !e.isShiftDown() && !e.isAltDown()) {
            TerminalScreen target = switch (code) {
                case DIGIT1, NUMPAD1 -> TerminalScreen.RECEPTION;
                case DIGIT2, NUMPAD2 -> TerminalScreen.AUDITOR;
                case DIGIT3, NUMPAD3 -> TerminalScreen.ADMIN;
                default -> null;
            };
            if (target != null) {
                showScreen(target);
                e.consume();
                return;
            }
            if (code == KeyCode.Q && login.isPresent()) {
                logOut();
                e.consume();
                return;
            }
        }
        if (shown != null) {
            shown.shortcut(e);
        }
    }

    private void disposeScreens() {
        screens.values().forEach(Screen::dispose);
        screens.clear();
        if (shown instanceof LoginView l) {
            l.dispose();
        }
        shown = null;
    }

    private void closed() {
        disposeScreens();
        if (session != null && terminal.isPresent()) {
            session.close();
        }
        if (ownedExecutor != null) {
            ownedExecutor.close();
        }
    }
}
