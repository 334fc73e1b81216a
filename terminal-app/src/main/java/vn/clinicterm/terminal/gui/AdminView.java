package vn.clinicterm.terminal.gui;

import java.io.File;
import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import vn.clinicterm.card.ReaderState;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.TrustStatus;
import vn.clinicterm.sync.OutboxState;
import vn.clinicterm.sync.SyncWorker;
import vn.clinicterm.terminal.app.AdminState;
import vn.clinicterm.terminal.app.AdminState.CardService;
import vn.clinicterm.terminal.app.AdminViewModel;
import vn.clinicterm.terminal.app.TerminalSyncSetup;
import vn.clinicterm.terminal.storage.OutboxEntry;
import vn.clinicterm.terminal.storage.Role;

/**
 * The admin screen's controller ({@code AdminView.fxml}): readers and card service, trust store and import, sync
 * status with dead letters (each with a retry button), the accounts with their locks (lock, unlock and a new password
 * for the account chosen in the list, and a form to add one), and the settings in force (read-only).
 *
 * <p>Shortcuts: F5 reloads, Ctrl+I imports the file named under the trust store, Ctrl+S asks the sync worker to run
 * now, Ctrl+U goes to the new account's name (Enter in its second password field adds it); Enter in the second new
 * password field sets the chosen account's password.
 */
public final class AdminView implements Screen {

    @FXML private ResourceBundle resources;
    @FXML private BorderPane root;
    @FXML private Button refreshButton;
    @FXML private Label messageLabel;
    @FXML private Label cardServiceLabel;
    @FXML private ListView<ReaderState> readersList;
    @FXML private Label syncHeadline;
    @FXML private Label syncCounts;
    @FXML private Label syncLastSuccess;
    @FXML private Label syncWorker;
    @FXML private ListView<OutboxState.DeadLetter> deadLettersList;
    @FXML private Button syncNowButton;
    @FXML private Label trustHeadline;
    @FXML private Label trustCounts;
    @FXML private Label trustDetail;
    @FXML private TextField trustPathField;
    @FXML private Button importButton;
    @FXML private Label importResult;
    @FXML private Label usersNotPermitted;
    @FXML private ListView<AdminState.UserRow> usersList;
    @FXML private Label userActionsHint;
    @FXML private HBox userActions;
    @FXML private Button lockButton;
    @FXML private Button unlockButton;
    @FXML private GridPane resetForm;
    @FXML private PasswordField resetPasswordField;
    @FXML private PasswordField resetRepeatField;
    @FXML private Button resetButton;
    @FXML private Label addUserTitle;
    @FXML private GridPane addUserForm;
    @FXML private TextField newUserName;
    @FXML private ComboBox<Role> newUserRole;
    @FXML private PasswordField newUserPassword;
    @FXML private PasswordField newUserRepeat;
    @FXML private Button addUserButton;
    @FXML private GridPane settingsGrid;
    @FXML private Label settingsHint;

    private AdminViewModel viewModel;
    private boolean changingUser;
    private Runnable onLanguageToggle = () -> {};
    private ScreenUpdates<AdminState> updates;

    static AdminView load(Locale locale, AdminViewModel vm, Runnable languageToggle) {
        AdminView view = ScreenFxml.load("AdminView.fxml", locale);
        view.bind(vm, languageToggle);
        return view;
    }

    private void bind(AdminViewModel vm, Runnable languageToggle) {
        this.viewModel = vm;
        this.onLanguageToggle = languageToggle;
        readersList.setCellFactory(l -> cell(r -> ScreenFxml.format(resources,
                r.cardPresent() ? "admin.reader.card" : "admin.reader.empty", r.name())));
        boolean mayRetry = vm.state().permissions().settings();
        deadLettersList.setCellFactory(l -> new DeadLetterCell(mayRetry));
        deadLettersList.setPlaceholder(new Label(resources.getString("admin.sync.deadLetters.none")));
        usersList.setCellFactory(l -> cell(this::userLine));
        usersList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> renderUserActions());
        newUserRole.getItems().setAll(Role.values());
        newUserRole.setCellFactory(l -> cell(r -> resources.getString("role." + r.name())));
        newUserRole.setButtonCell(cell(r -> resources.getString("role." + r.name())));
        newUserRole.setValue(Role.RECEPTION);
        AdminState first = vm.state();
        renderSettings(first);
        render(vm.state()); // loaded on the FX thread: show the current state before the first update
        updates = new ScreenUpdates<>(this::render);
        vm.addListener(updates);
    }

    private static <T> ListCell<T> cell(java.util.function.Function<T, String> text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shortcut(KeyEvent e) {
        if (e.getCode() == KeyCode.F5 && !e.isShortcutDown()) {
            refresh();
        } else if (e.isShortcutDown() && !e.isAltDown() && e.getCode() == KeyCode.I) {
            importTrust();
        } else if (e.isShortcutDown() && !e.isAltDown() && e.getCode() == KeyCode.S) {
            syncNow();
        } else if (e.isShortcutDown() && !e.isAltDown() && e.getCode() == KeyCode.U) {
            newUserName.requestFocus();
        } else {
            return;
        }
        e.consume();
    }

    @Override
    public void focus() {
        trustPathField.requestFocus();
    }

    @Override
    public void dispose() {
        updates.stop();
        viewModel.removeListener(updates);
        newUserPassword.clear();
        newUserRepeat.clear();
        resetPasswordField.clear();
        resetRepeatField.clear();
    }

    // ------------------------------------------------------------------------------------------------ intents

    @FXML
    void refresh() {
        viewModel.refresh();
    }

    @FXML
    void importTrust() {
        viewModel.importTrust(trustPathField.getText());
    }

    @FXML
    void browseTrust() {
        FileChooser chooser = new FileChooser();
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            trustPathField.setText(f.getAbsolutePath());
        }
    }

    @FXML
    void syncNow() {
        viewModel.syncNow();
    }

    @FXML
    void addUser() {
        char[] password = newUserPassword.getText().toCharArray();
        char[] repeated = newUserRepeat.getText().toCharArray();
        newUserPassword.clear();
        newUserRepeat.clear();
        viewModel.addUser(newUserName.getText(), newUserRole.getValue(), password, repeated);
    }

    @FXML
    void lockUser() {
        viewModel.lockUser(selectedUser());
    }

    @FXML
    void unlockUser() {
        viewModel.unlockUser(selectedUser());
    }

    @FXML
    void resetPassword() {
        char[] password = resetPasswordField.getText().toCharArray();
        char[] repeated = resetRepeatField.getText().toCharArray();
        resetPasswordField.clear();
        resetRepeatField.clear();
        viewModel.resetPassword(selectedUser(), password, repeated);
    }

    private String selectedUser() {
        AdminState.UserRow u = usersList.getSelectionModel().getSelectedItem();
        return u == null ? "" : u.name();
    }

    @FXML
    void toggleLanguage() {
        onLanguageToggle.run();
    }

    // ------------------------------------------------------------------------------------------------ rendering

    private void render(AdminState s) {
        refreshButton.setDisable(s.loading());
        refreshButton.setText(resources.getString(s.loading() ? "admin.loading" : "admin.refresh"));
        renderMessage(s);
        renderReaders(s);
        renderTrust(s);
        renderSync(s);
        renderUsers(s);
    }

    private void renderMessage(AdminState s) {
        if (s.message().isEmpty()) {
            ScreenFxml.show(messageLabel, false);
            return;
        }
        AdminState.Message m = s.message().get();
        Object[] args = m.args().toArray();
        if (m.kind() == AdminState.Message.Kind.USER_ADDED && args.length == 2) {
            args[1] = resources.getString("role." + args[1]);
        }
        messageLabel.setText(ScreenFxml.format(resources, "admin.message." + m.kind().name(), args));
        ScreenFxml.styleOnly(messageLabel, m.isProblem() ? "ct-problem" : "ct-ok", "ct-problem", "ct-ok");
        ScreenFxml.show(messageLabel, true);
        if (m.kind() == AdminState.Message.Kind.USER_ADDED) {
            newUserName.clear();
        }
    }

    private void renderReaders(AdminState s) {
        if (s.cardService().isEmpty()) {
            cardServiceLabel.setText(resources.getString("admin.loading"));
            return;
        }
        switch (s.cardService().get()) {
            case CardService.Running r -> {
                cardServiceLabel.setText(r.readers().isEmpty() ? resources.getString("admin.readers.none")
                        : ScreenFxml.format(resources, "admin.readers.running", Integer.toString(r.readers().size())));
                ScreenFxml.styleOnly(cardServiceLabel, r.readers().isEmpty() ? "ct-warn" : "ct-ok", "ct-ok",
                        "ct-warn", "ct-problem");
                if (!readersList.getItems().equals(r.readers())) {
                    readersList.getItems().setAll(r.readers());
                }
            }
            case CardService.Unavailable u -> {
                cardServiceLabel.setText(ScreenFxml.format(resources, "admin.readers.unavailable", u.reason()));
                ScreenFxml.styleOnly(cardServiceLabel, "ct-problem", "ct-ok", "ct-warn", "ct-problem");
                readersList.getItems().clear();
            }
        }
    }

    private void renderTrust(AdminState s) {
        importButton.setDisable(!s.permissions().trust() || s.trust().isEmpty() || s.importing());
        importButton.setText(resources.getString(s.importing() ? "admin.trust.importing" : "admin.trust.import"));
        if (s.trust().isEmpty()) {
            if (s.trustProblem().isPresent()) {
                trustHeadline.setText(ScreenFxml.format(resources, "admin.trust.unusable", s.trustProblem().get()));
                ScreenFxml.styleOnly(trustHeadline, "ct-problem", "ct-ok", "ct-warn", "ct-problem");
            } else {
                trustHeadline.setText(resources.getString("admin.loading"));
            }
            trustCounts.setText("");
            trustDetail.setText("");
            return;
        }
        TrustStatus t = s.trust().get();
        trustHeadline.setText(resources.getString("admin.trust.freshness." + t.freshness().name()));
        ScreenFxml.styleOnly(trustHeadline, switch (t.freshness()) {
            case CURRENT -> "ct-ok";
            case NO_CRLS, STALE_CRLS -> "ct-warn";
            case EMPTY -> "ct-problem";
        }, "ct-ok", "ct-warn", "ct-problem");
        trustCounts.setText(ScreenFxml.format(resources, "admin.trust.counts", Integer.toString(t.cscaCount()),
                Integer.toString(t.linkCertificateCount()), Integer.toString(t.countries().size()),
                String.join(", ", t.countries())));
        StringBuilder detail = new StringBuilder(ScreenFxml.format(resources, "admin.trust.lastUpdate",
                t.lastUpdate().map(ScreenFxml::dateTime).orElse(resources.getString("admin.trust.never"))));
        for (TrustStatus.Crl crl : t.crls()) {
            detail.append('\n').append(ScreenFxml.format(resources, "admin.trust.crl", crl.country(),
                    ScreenFxml.dateTime(crl.thisUpdate()),
                    crl.nextUpdate().map(ScreenFxml::dateTime).orElse("—"),
                    resources.getString(crl.stale() ? "admin.trust.crl.stale" : "admin.trust.crl.fresh")));
        }
        trustDetail.setText(detail.toString());
        importResult.setText(s.lastImport().map(this::importLine).orElse(""));
    }

    private String importLine(ImportReport r) {
        return r.source() + ": " + r.message();
    }

    private void renderSync(AdminState s) {
        switch (s.sync()) {
            case TerminalSyncSetup.NotConfigured n -> {
                syncHeadline.setText(ScreenFxml.format(resources, "admin.sync.NotConfigured",
                        n.configFile().toString()));
                ScreenFxml.styleOnly(syncHeadline, "ct-warn", "ct-ok", "ct-warn", "ct-problem");
            }
            case TerminalSyncSetup.Misconfigured m -> {
                syncHeadline.setText(ScreenFxml.format(resources, "admin.sync.Misconfigured", m.reason()));
                ScreenFxml.styleOnly(syncHeadline, "ct-problem", "ct-ok", "ct-warn", "ct-problem");
            }
            case TerminalSyncSetup.Configured c -> {
                syncHeadline.setText(ScreenFxml.format(resources, "admin.sync.Configured",
                        c.config().baseUrl().getHost() + (c.config().baseUrl().getPort() < 0 ? ""
                                : ":" + c.config().baseUrl().getPort()), c.config().facilityCode()));
                ScreenFxml.styleOnly(syncHeadline, "ct-ok", "ct-ok", "ct-warn", "ct-problem");
            }
        }
        long dead = s.outboxCounts().getOrDefault(OutboxEntry.State.DEAD_LETTER, 0L);
        if (s.outbox().isPresent()) {
            OutboxState o = s.outbox().get();
            syncCounts.setText(ScreenFxml.format(resources, "admin.sync.counts", Integer.toString(o.queued()),
                    Integer.toString(o.inFlight()), Integer.toString(o.done()), Long.toString(dead)));
            syncLastSuccess.setText(ScreenFxml.format(resources, "admin.sync.lastSuccess",
                    o.lastSuccess().map(ScreenFxml::dateTime).orElse(resources.getString("admin.sync.never"))));
            if (!deadLettersList.getItems().equals(o.deadLetters())) {
                deadLettersList.getItems().setAll(o.deadLetters());
            }
        }
        syncWorker.setText(s.worker().map(this::workerLine).orElse(resources.getString("admin.sync.noWorker")));
        syncNowButton.setDisable(!s.permissions().settings() || s.worker().isEmpty());
    }

    private String workerLine(SyncWorker.Status w) {
        StringBuilder b = new StringBuilder(resources.getString(w.running() ? "admin.sync.worker.running"
                : "admin.sync.worker.stopped"));
        w.pausedUntil().filter(t -> t.isAfter(Instant.now())).ifPresent(t -> b.append(" · ")
                .append(ScreenFxml.format(resources, "admin.sync.worker.paused", ScreenFxml.dateTime(t))));
        if (w.consecutiveFailures() > 0) {
            b.append(" · ").append(ScreenFxml.format(resources, "admin.sync.worker.failures",
                    Integer.toString(w.consecutiveFailures())));
        }
        w.lastError().ifPresent(e -> b.append('\n').append(ScreenFxml.format(resources,
                "admin.sync.worker.lastError", e)));
        return b.toString();
    }

    private void renderUsers(AdminState s) {
        boolean may = s.permissions().manageUsers();
        ScreenFxml.show(usersNotPermitted, !may);
        ScreenFxml.show(usersList, may);
        ScreenFxml.show(addUserForm, may);
        ScreenFxml.show(addUserButton, may);
        ScreenFxml.show(addUserTitle, may);
        ScreenFxml.show(userActionsHint, may);
        ScreenFxml.show(userActions, may);
        ScreenFxml.show(resetForm, may);
        ScreenFxml.show(resetButton, may);
        addUserButton.setDisable(s.addingUser());
        addUserButton.setText(resources.getString(s.addingUser() ? "admin.users.adding" : "admin.users.add"));
        resetButton.setText(resources.getString(s.changingUser() ? "admin.users.changing" : "admin.users.reset"));
        changingUser = s.changingUser();
        if (!usersList.getItems().equals(s.users())) {
            String selected = selectedUser();
            usersList.getItems().setAll(s.users());
            for (int i = 0; i < s.users().size(); i++) {
                if (s.users().get(i).name().equals(selected)) {
                    usersList.getSelectionModel().select(i);
                }
            }
        }
        renderUserActions();
    }

    /** Lock, unlock and a new password need an account chosen in the list; lock only one nobody locked. */
    private void renderUserActions() {
        AdminState.UserRow u = usersList.getSelectionModel().getSelectedItem();
        boolean none = u == null || changingUser;
        lockButton.setDisable(none || u.lock() == AdminState.UserRow.Lock.ADMINISTRATOR
                || u.name().equals(viewModel.actor().name()));
        unlockButton.setDisable(none || u.lock() == AdminState.UserRow.Lock.NONE);
        resetButton.setDisable(none);
    }

    private String userLine(AdminState.UserRow u) {
        String line = u.name() + " · " + resources.getString("role." + u.role().name());
        return switch (u.lock()) {
            case NONE -> line;
            case ADMINISTRATOR -> line + " · " + resources.getString("admin.user.lockedByAdministrator");
            case FAILED_LOGINS -> line + " · " + ScreenFxml.format(resources, "admin.user.lockedUntil",
                    u.lockedUntil().map(ScreenFxml::dateTime).orElse("—"));
        };
    }

    /** A dead letter's time, kind and reason, with a button that queues it again. */
    private final class DeadLetterCell extends ListCell<OutboxState.DeadLetter> {
        private final Label text = new Label();
        private final Button retry = new Button(resources.getString("admin.sync.retry"));
        private final HBox box = new HBox(8, text, retry);

        DeadLetterCell(boolean mayRetry) {
            text.setWrapText(true);
            text.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(text, Priority.ALWAYS);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            retry.setMinWidth(Region.USE_PREF_SIZE);
            retry.setDisable(!mayRetry);
            retry.setOnAction(e -> {
                OutboxState.DeadLetter d = getItem();
                if (d != null) {
                    viewModel.retryDeadLetter(d.idempotencyKey());
                }
            });
        }

        @Override
        protected void updateItem(OutboxState.DeadLetter d, boolean empty) {
            super.updateItem(d, empty);
            if (empty || d == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            text.setText(ScreenFxml.format(resources, "admin.sync.deadLetter", ScreenFxml.dateTime(d.at()),
                    d.kind().name(), d.reason()));
            setText(null);
            setGraphic(box);
        }
    }

    private void renderSettings(AdminState s) {
        settingsGrid.getChildren().clear();
        int row = 0;
        for (AdminState.Setting setting : s.settings()) {
            Label name = new Label(resources.getString("admin.setting." + setting.key()));
            name.getStyleClass().add("ct-muted");
            name.setWrapText(true);
            String valueKey = "admin.value." + setting.value();
            Label value = new Label(resources.containsKey(valueKey) ? resources.getString(valueKey) : setting.value());
            value.setWrapText(true);
            value.setId("setting-" + setting.key());
            settingsGrid.addRow(row++, name, value);
        }
        settingsHint.setText(ScreenFxml.format(resources, "admin.settings.hint", s.sync().configFile().toString()));
    }
}
