package vn.clinicterm.terminal.gui;

import java.io.ByteArrayInputStream;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.event.EventHandler;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import vn.clinicterm.card.ReadStep;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.terminal.app.Cue;
import vn.clinicterm.terminal.app.CueTones;
import vn.clinicterm.terminal.app.DemoCard;
import vn.clinicterm.terminal.app.DemoEnvironment;
import vn.clinicterm.terminal.app.ReceptionState;
import vn.clinicterm.terminal.app.ReceptionState.CheckInStatus;
import vn.clinicterm.terminal.app.ReceptionState.Phase;
import vn.clinicterm.terminal.app.ReceptionViewModel;
import vn.clinicterm.terminal.storage.VisitSummary;

/**
 * The reception screen's controller ({@code ReceptionView.fxml}): forwards intents to the view model and renders its
 * snapshots on the FX thread. Holds no state of its own beyond what is on screen (and the MRZ fields being typed).
 *
 * <p>Its own keys (the window owns the others): C or F3 confirms the patient's consent (C only when no text field has
 * the focus), F4 switches the access key between the QR/CAN field and the MRZ fields. After a check-in, "Copy for
 * HIS" (Ctrl+Shift+C, through {@link ReceptionScreen}) puts the patient line on the system clipboard. Cues from the
 * view model are played by {@link CueTones}, off the FX thread.
 */
public final class ReceptionView {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @FXML private ResourceBundle resources;
    @FXML private BorderPane root;
    @FXML private Label title;
    @FXML private Label readerStatus;
    @FXML private Label staffLabel;
    @FXML private Button languageButton;
    @FXML private Label keyLabel;
    @FXML private HBox keyRow;
    @FXML private TextField keyField;
    @FXML private HBox mrzRow;
    @FXML private TextField mrzNumber;
    @FXML private TextField mrzBirth;
    @FXML private TextField mrzExpiry;
    @FXML private Label keyHint;
    @FXML private Label noticeLabel;
    @FXML private HBox stepsBox;
    @FXML private ImageView photo;
    @FXML private Label photoPlaceholder;
    @FXML private Label patientName;
    @FXML private Label patientId;
    @FXML private Label patientDob;
    @FXML private Label patientGender;
    @FXML private Label patientResidence;
    @FXML private Label patientExpiry;
    @FXML private VBox verificationBadge;
    @FXML private Label verificationHeadline;
    @FXML private Label verificationReason;
    @FXML private VBox eligibilityBadge;
    @FXML private Label eligibilityHeadline;
    @FXML private Label eligibilityDetail;
    @FXML private Button checkInButton;
    @FXML private Button overrideButton;
    @FXML private Button copyLineButton;
    @FXML private Label checkInResult;
    @FXML private Label todayTitle;
    @FXML private ListView<VisitSummary> todayList;
    @FXML private VBox consentBox;
    @FXML private Label consentNotice;
    @FXML private Button consentButton;
    @FXML private Label consentStatus;
    @FXML private VBox demoTray;
    @FXML private FlowPane trayButtons;

    private ReceptionViewModel viewModel;
    private Optional<DemoEnvironment> demo = Optional.empty();
    private Runnable onLanguageToggle = () -> {};
    private final AtomicReference<ReceptionState> pending = new AtomicReference<>();
    private final Consumer<ReceptionState> listener = this::stateChanged;
    private final EventHandler<KeyEvent> keys = this::key;
    private final ChangeListener<Scene> sceneKeys = (obs, old, now) -> {
        if (old != null) {
            old.removeEventFilter(KeyEvent.KEY_PRESSED, keys);
        }
        if (now != null) {
            now.addEventFilter(KeyEvent.KEY_PRESSED, keys);
        }
    };
    private CueTones tones;
    private Consumer<Cue> cueListener = cue -> {};
    private byte[] shownPhoto;
    private boolean rendering;
    private ReceptionState.ReaderStatus renderedReader;

    /** Connects the view to its model; called once, on the FX thread, right after loading. */
    void bind(ReceptionViewModel vm, Optional<DemoEnvironment> demoEnvironment, String staff, Runnable languageToggle) {
        this.viewModel = vm;
        this.demo = demoEnvironment;
        this.onLanguageToggle = languageToggle;
        staffLabel.setText(format("staff.label", staff));
        for (ReadStep step : ReadStep.values()) {
            if (step != ReadStep.DONE) {
                Label l = new Label(resources.getString("step." + step.name()));
                l.setId("step-" + step.name());
                stepsBox.getChildren().add(l);
            }
        }
        todayList.setCellFactory(list -> new VisitCell());
        keyField.textProperty().addListener((obs, old, now) -> {
            if (!rendering) {
                viewModel.keyTyped(now);
            }
        });
        demo.ifPresent(env -> {
            title.setText(resources.getString("app.demoTitle"));
            demoTray.setVisible(true);
            demoTray.setManaged(true);
            for (DemoCard card : DemoCard.values()) {
                Button b = new Button(resources.getString(card.labelKey()));
                b.setId("tray-" + (card.ordinal() + 1));
                b.getStyleClass().add("tray-card");
                b.setFocusTraversable(false);
                b.setOnAction(e -> env.insert(card));
                trayButtons.getChildren().add(b);
            }
            Button remove = new Button(resources.getString("demo.remove"));
            remove.setId("tray-remove");
            remove.getStyleClass().add("tray-card");
            remove.setFocusTraversable(false);
            remove.setOnAction(e -> env.remove());
            trayButtons.getChildren().add(remove);
        });
        root.sceneProperty().addListener(sceneKeys);
        tones = CueTones.open();
        cueListener = tones::play;
        vm.addCueListener(cueListener);
        vm.addListener(listener);
    }

    /** Stops rendering and sounding (the window is being rebuilt in another language, or closed). */
    void unbind() {
        viewModel.removeListener(listener);
        viewModel.removeCueListener(cueListener);
        root.sceneProperty().removeListener(sceneKeys);
        if (root.getScene() != null) {
            root.getScene().removeEventFilter(KeyEvent.KEY_PRESSED, keys);
        }
        if (tones != null) {
            tones.close();
        }
    }

    private void key(KeyEvent e) {
        if (e.isConsumed() || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (e.getCode() == KeyCode.F3 || e.getCode() == KeyCode.C && !keyFieldFocused()) {
            confirmConsent();
            e.consume();
        } else if (e.getCode() == KeyCode.F4) {
            toggleMrz();
            e.consume();
        }
    }

    /** Called on any thread: keeps only the newest snapshot and renders it once on the FX thread. */
    private void stateChanged(ReceptionState s) {
        if (pending.getAndSet(s) == null) {
            Platform.runLater(() -> {
                ReceptionState latest = pending.getAndSet(null);
                if (latest != null) {
                    render(latest);
                }
            });
        }
    }

    // ------------------------------------------------------------------------------------------------ intents

    @FXML
    void submitKey() {
        viewModel.submitKey();
    }

    @FXML
    void confirmConsent() {
        viewModel.confirmConsent();
    }

    @FXML
    void submitMrz() {
        viewModel.submitMrz(mrzNumber.getText(), mrzBirth.getText(), mrzExpiry.getText());
    }

    /** Switches the access-key entry between the QR/CAN field and the three MRZ fields. */
    @FXML
    void toggleMrz() {
        boolean mrz = !mrzRow.isVisible();
        mrzRow.setVisible(mrz);
        mrzRow.setManaged(mrz);
        keyRow.setVisible(!mrz);
        keyRow.setManaged(!mrz);
        keyLabel.setText(resources.getString(mrz ? "mrz.label" : "key.label"));
        if (mrz) {
            mrzNumber.requestFocus();
        } else {
            keyField.requestFocus();
        }
    }

    @FXML
    void checkIn() {
        if (!checkInButton.isDisabled()) {
            viewModel.checkIn();
        }
    }

    @FXML
    void checkInWithOverride() {
        if (overrideButton.isVisible() && !overrideButton.isDisabled()) {
            viewModel.checkInWithOverride();
        }
    }

    /**
     * Puts the checked-in patient's line on the system clipboard in the hospital system's order (Ctrl+Shift+C). The
     * view model makes the line off the FX thread (reading the visit, auditing the copy); the clipboard is set back on
     * the FX thread.
     */
    @FXML
    void copyPatientLine() {
        if (copyLineButton.isDisabled()) {
            return;
        }
        viewModel.copyPatientLine().thenAccept(line -> line.ifPresent(text -> Platform.runLater(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        })));
    }

    @FXML
    void toggleLanguage() {
        onLanguageToggle.run();
    }

    void focusKeyField() {
        TextField f = mrzRow.isVisible() ? mrzNumber : keyField;
        f.requestFocus();
        f.selectAll();
    }

    /** Whether typing goes into an access-key field (the key field or an MRZ field) rather than to shortcuts. */
    boolean keyFieldFocused() {
        return keyField.isFocused() || mrzNumber.isFocused() || mrzBirth.isFocused() || mrzExpiry.isFocused();
    }

    // ------------------------------------------------------------------------------------------------ rendering

    private void render(ReceptionState s) {
        rendering = true;
        try {
            renderReader(s);
            renderConsent(s);
            renderKey(s);
            renderNotice(s);
            renderSteps(s);
            renderPatient(s);
            renderVerification(s);
            renderEligibility(s);
            renderCheckIn(s);
            renderToday(s);
            renderTray();
        } finally {
            rendering = false;
            renderedReader = s.readerStatus();
        }
    }

    private void renderConsent(ReceptionState s) {
        ReceptionState.ConsentPrompt c = s.consent();
        consentBox.setVisible(c.required());
        consentBox.setManaged(c.required());
        consentNotice.setText(c.notice());
        if (c.confirmed()) {
            String at = c.confirmedAt().map(t -> TIME.format(t.atZone(ZoneId.systemDefault()))).orElse("");
            consentStatus.setText(format("consent.confirmed", at, c.noticeVersion()));
            consentButton.setText(resources.getString("consent.confirmedButton"));
            setOnly(consentBox, "consent-ok", "consent-ok", "consent-needed");
        } else {
            consentStatus.setText(resources.getString("consent.needed"));
            consentButton.setText(resources.getString("consent.confirm"));
            setOnly(consentBox, "consent-needed", "consent-ok", "consent-needed");
        }
    }

    private void renderReader(ReceptionState s) {
        readerStatus.setText(resources.getString("reader." + s.readerStatus().name()));
        setOnly(readerStatus, switch (s.readerStatus()) {
            case CARD_PRESENT, EMPTY -> s.readerStatus() == ReceptionState.ReaderStatus.CARD_PRESENT
                    ? "reader-ok" : "reader-wait";
            case STARTING -> "reader-wait";
            case SERVICE_UNAVAILABLE, NO_READER -> "reader-bad";
        }, "reader-ok", "reader-wait", "reader-bad");
    }

    private void renderKey(ReceptionState s) {
        if (!keyField.getText().equals(s.keyInput().text())) {
            keyField.setText(s.keyInput().text());
            keyField.positionCaret(keyField.getText().length());
        }
        keyField.setDisable(s.phase() == Phase.READING);
        boolean cardLeft = renderedReader == ReceptionState.ReaderStatus.CARD_PRESENT
                && s.readerStatus() != ReceptionState.ReaderStatus.CARD_PRESENT;
        if (cardLeft) {
            // the MRZ of the patient who just left is personal data: gone with their card
            mrzNumber.clear();
            mrzBirth.clear();
            mrzExpiry.clear();
        }
        if (s.keyAutoFilled()) {
            keyHint.setText(resources.getString("key.demoFilled"));
            keyHint.getStyleClass().add("demo");
        } else {
            keyHint.setText(resources.getString("key.kind." + s.keyInput().kind().name()));
            keyHint.getStyleClass().remove("demo");
        }
    }

    private void renderNotice(ReceptionState s) {
        if (s.notice().isEmpty() || s.notice().get().kind() == ReceptionState.Notice.Kind.DEMO_KEY_FILLED) {
            // the demo auto-fill is already said next to the key field
            noticeLabel.setVisible(false);
            noticeLabel.setManaged(false);
            return;
        }
        ReceptionState.Notice n = s.notice().get();
        noticeLabel.setText(format("notice." + n.kind().name(), n.args().toArray()));
        setOnly(noticeLabel, n.isProblem() ? "notice-problem" : "notice-info", "notice-problem", "notice-info");
        noticeLabel.setVisible(true);
        noticeLabel.setManaged(true);
    }

    private void renderSteps(ReceptionState s) {
        int done = s.lastStep().map(ReadStep::ordinal).orElse(-1);
        boolean reading = s.phase() == Phase.READING;
        boolean any = s.phase() != Phase.IDLE && s.phase() != Phase.NEED_KEY || s.lastStep().isPresent();
        for (var node : stepsBox.getChildren()) {
            Label l = (Label) node;
            ReadStep step = ReadStep.valueOf(l.getId().substring("step-".length()));
            String cls = !any ? "step-todo" : step.ordinal() <= done ? "step-done"
                    : reading && step.ordinal() == done + 1 ? "step-active" : "step-todo";
            if (step == ReadStep.CHIP_AUTHENTICATED && cls.equals("step-done")) {
                // reaching the step says nothing about its outcome: a clone gets there too
                cls = switch (s.cloneCheck()) {
                    case PASSED -> "step-done";
                    case FAILED -> "step-failed";
                    case UNCONFIRMED -> "step-warn";
                    case NOT_YET -> "step-active";
                };
            }
            String mark = switch (cls) {
                case "step-done" -> "✓ ";
                case "step-failed" -> "✗ ";
                case "step-warn" -> "⚠ ";
                case "step-active" -> "… ";
                default -> "";
            };
            l.setText(mark + resources.getString("step." + step.name()));
            setOnly(l, cls, "step-done", "step-active", "step-todo", "step-failed", "step-warn");
        }
    }

    private void renderPatient(ReceptionState s) {
        Optional<ReceptionState.Patient> p = s.patient();
        patientName.setText(p.map(ReceptionState.Patient::fullName).orElse(resources.getString("patient.none")));
        patientId.setText(p.map(ReceptionState.Patient::maskedIdNumber).orElse("—"));
        patientDob.setText(p.flatMap(ReceptionState.Patient::dateOfBirth).map(DATE::format).orElse("—"));
        patientGender.setText(p.map(x -> gender(x.gender())).orElse("—"));
        patientResidence.setText(p.map(ReceptionState.Patient::residence).filter(r -> !r.isBlank()).orElse("—"));
        if (p.isPresent()) {
            ReceptionState.Patient x = p.get();
            String expiry = x.expiryDate().map(DATE::format).orElse(resources.getString("patient.noExpiry"));
            patientExpiry.setText(x.cardExpired() ? format("patient.expired", expiry) : expiry);
            setOnly(patientExpiry, x.cardExpired() ? "expired" : "value", "expired", "value");
        } else {
            patientExpiry.setText("—");
        }
        byte[] bytes = s.photo().orElse(null);
        if (bytes != shownPhoto) {
            shownPhoto = bytes;
            photo.setImage(bytes == null ? null : new Image(new ByteArrayInputStream(bytes)));
        }
        photoPlaceholder.setVisible(bytes == null);
    }

    private String gender(String g) {
        return switch (g.strip()) {
            case "Nam", "M" -> resources.getString("gender.M");
            case "Nữ", "F" -> resources.getString("gender.F");
            default -> g;
        };
    }

    private void renderVerification(ReceptionState s) {
        String headline;
        String reason;
        String cls;
        if (s.verdict().isPresent()) {
            ReceptionState.Verdict v = s.verdict().get();
            headline = v.cloneSuspected() ? resources.getString("verify.clone") : v.simple().headline();
            reason = v.simple().reason();
            cls = switch (v.indication()) {
                case PASSED -> "badge-ok";
                case FAILED -> "badge-bad";
                case INDETERMINATE -> "badge-warn";
            };
        } else if (s.phase() == Phase.READING || s.phase() == Phase.VERIFYING) {
            headline = resources.getString("verify.running");
            reason = "";
            cls = "badge-idle";
        } else {
            headline = resources.getString("verify.waiting");
            reason = "";
            cls = "badge-idle";
        }
        verificationHeadline.setText(headline);
        verificationReason.setText(reason);
        setOnly(verificationBadge, cls, "badge-ok", "badge-bad", "badge-warn", "badge-idle");
    }

    private void renderEligibility(ReceptionState s) {
        String headline;
        String detail = "";
        String cls;
        if (s.eligibility().isPresent()) {
            EligibilityResult r = s.eligibility().get();
            switch (r) {
                case EligibilityResult.Eligible e -> {
                    headline = resources.getString("elig.eligible");
                    detail = format("elig.eligible.detail", DATE.format(e.validFrom()), DATE.format(e.validTo()),
                            e.registeredFacility(), Integer.toString(e.benefitLevel()));
                    cls = "badge-ok";
                }
                case EligibilityResult.NotEligible n -> {
                    headline = resources.getString("elig.notEligible");
                    detail = reason(n.reasonCode().name(), n.reason());
                    cls = "badge-bad";
                }
                case EligibilityResult.UnknownPerson u -> {
                    headline = resources.getString("elig.unknown");
                    detail = resources.getString("elig.unknown.detail");
                    cls = "badge-bad";
                }
                case EligibilityResult.Pending p -> {
                    headline = resources.getString("elig.pending");
                    detail = p.cached().map(c -> format("elig.pending.cached", age(c.age()), shortAnswer(c.answer())))
                            .orElse(resources.getString("elig.pending.none"));
                    cls = "badge-warn";
                }
                case EligibilityResult.Error err -> {
                    headline = resources.getString("elig.error");
                    detail = format("elig.error.detail", err.reasonCode().name());
                    cls = "badge-warn";
                }
            }
        } else if (s.eligibilityChecking()) {
            headline = resources.getString("elig.checking");
            cls = "badge-idle";
        } else {
            headline = resources.getString("elig.waiting");
            cls = "badge-idle";
        }
        eligibilityHeadline.setText(headline);
        eligibilityDetail.setText(detail);
        setOnly(eligibilityBadge, cls, "badge-ok", "badge-bad", "badge-warn", "badge-idle");
    }

    private String reason(String code, String insurerText) {
        String key = "elig.reason." + code;
        return resources.containsKey(key) ? resources.getString(key) : format("elig.reason.other", insurerText);
    }

    private String shortAnswer(EligibilityResult r) {
        return switch (r) {
            case EligibilityResult.Eligible e -> resources.getString("elig.eligible");
            case EligibilityResult.NotEligible n -> resources.getString("elig.notEligible");
            case EligibilityResult.UnknownPerson u -> resources.getString("elig.unknown");
            case EligibilityResult.Pending p -> resources.getString("elig.pending");
            case EligibilityResult.Error e -> resources.getString("elig.error");
        };
    }

    private static String age(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + " d";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h";
        }
        return Math.max(1, d.toMinutes()) + " min";
    }

    private void renderCheckIn(ReceptionState s) {
        CheckInStatus c = s.checkIn();
        checkInButton.setDisable(c != CheckInStatus.READY && c != CheckInStatus.FAILED);
        copyLineButton.setDisable(s.visitId() <= 0);
        boolean overridable = c == CheckInStatus.NEEDS_OVERRIDE || c == CheckInStatus.REFUSED;
        overrideButton.setVisible(overridable);
        overrideButton.setManaged(overridable);
        String text = resources.getString("checkin." + c.name());
        checkInResult.setText(text.contains("{0}") ? format("checkin." + c.name(), Long.toString(s.visitId())) : text);
        boolean bad = c == CheckInStatus.NEEDS_OVERRIDE || c == CheckInStatus.REFUSED || c == CheckInStatus.FAILED
                || c == CheckInStatus.CONSENT_REFUSED;
        if (bad) {
            if (!checkInResult.getStyleClass().contains("bad")) {
                checkInResult.getStyleClass().add("bad");
            }
        } else {
            checkInResult.getStyleClass().remove("bad");
        }
    }

    private void renderToday(ReceptionState s) {
        todayTitle.setText(format("today.title", Integer.toString(s.today().size())));
        if (!todayList.getItems().equals(s.today())) {
            todayList.getItems().setAll(s.today());
        }
        todayList.setPlaceholder(new Label(resources.getString("today.empty")));
    }

    private void renderTray() {
        demo.ifPresent(env -> {
            int inserted = env.inserted().map(c -> c.ordinal() + 1).orElse(0);
            for (var node : trayButtons.getChildren()) {
                boolean on = node.getId().equals("tray-" + inserted);
                if (on && !node.getStyleClass().contains("inserted")) {
                    node.getStyleClass().add("inserted");
                } else if (!on) {
                    node.getStyleClass().remove("inserted");
                }
            }
        });
    }

    private final class VisitCell extends ListCell<VisitSummary> {
        @Override
        protected void updateItem(VisitSummary v, boolean empty) {
            super.updateItem(v, empty);
            if (empty || v == null) {
                setText(null);
                return;
            }
            String time = TIME.format(v.time().atZone(ZoneId.systemDefault()));
            setText(time + "   " + v.maskedIdNumber() + "\n" + v.fullName() + "\n"
                    + resources.getString("today.verified." + v.indication().name())
                    + (v.overrideByStaff() ? " (" + resources.getString("today.override") + ")" : "")
                    + " · " + resources.getString("today.elig." + v.eligibility().name()));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String format(String key, Object... args) {
        return MessageFormat.format(resources.getString(key), args);
    }

    private static void setOnly(Region node, String cls, String... all) {
        node.getStyleClass().removeAll(List.of(all));
        node.getStyleClass().add(cls);
    }
}
