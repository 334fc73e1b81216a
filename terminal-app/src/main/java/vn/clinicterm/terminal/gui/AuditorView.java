package vn.clinicterm.terminal.gui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import vn.clinicterm.terminal.app.AuditorState;
import vn.clinicterm.terminal.app.AuditorState.ExportCheck;
import vn.clinicterm.terminal.app.AuditorState.Row;
import vn.clinicterm.terminal.app.AuditorViewModel;
import vn.clinicterm.terminal.storage.AuditVerification;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.ExportRequest;
import vn.clinicterm.terminal.storage.Indication;

/**
 * The auditor screen's controller ({@code AuditorView.fxml}): search, export, verify an export, audit-chain status.
 * Dates are typed {@code dd/MM/yyyy}; ID numbers in the list are masked.
 *
 * <p>Shortcuts: Enter in a date field searches, Ctrl+F goes to the first date, Ctrl+E exports, Ctrl+R verifies the
 * file named under "verify", Ctrl+K checks the audit chain.
 */
public final class AuditorView implements Screen {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    @FXML private ResourceBundle resources;
    @FXML private BorderPane root;
    @FXML private TextField fromField;
    @FXML private TextField toField;
    @FXML private ComboBox<Choice<Indication>> outcomeBox;
    @FXML private ComboBox<Choice<Eligibility>> eligibilityBox;
    @FXML private Button searchButton;
    @FXML private Label notPermittedLabel;
    @FXML private Label messageLabel;
    @FXML private Label resultsLabel;
    @FXML private TableView<Row> resultsTable;
    @FXML private TableColumn<Row, String> timeColumn;
    @FXML private TableColumn<Row, String> idColumn;
    @FXML private TableColumn<Row, String> nameColumn;
    @FXML private TableColumn<Row, String> outcomeColumn;
    @FXML private TableColumn<Row, String> eligibilityColumn;
    @FXML private TableColumn<Row, String> staffColumn;
    @FXML private RadioButton csvChoice;
    @FXML private RadioButton pdfChoice;
    @FXML private CheckBox fullIdsBox;
    @FXML private TextField exportPathField;
    @FXML private Button exportButton;
    @FXML private Label exportResult;
    @FXML private TextField verifyPathField;
    @FXML private Button verifyButton;
    @FXML private Label verifyResult;
    @FXML private Label chainStatus;
    @FXML private Label chainDetail;
    @FXML private Button chainButton;

    private AuditorViewModel viewModel;
    private Runnable onLanguageToggle = () -> {};
    private ScreenUpdates<AuditorState> updates;
    private String suggestedExport = "";
    private AuditorState.ExportDone shownExport;

    /** A combo box entry: a value, or empty for "any". */
    private record Choice<T>(Optional<T> value, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    static AuditorView load(Locale locale, AuditorViewModel vm, Runnable languageToggle) {
        AuditorView view = ScreenFxml.load("AuditorView.fxml", locale);
        view.bind(vm, languageToggle);
        return view;
    }

    private void bind(AuditorViewModel vm, Runnable languageToggle) {
        this.viewModel = vm;
        this.onLanguageToggle = languageToggle;
        outcomeBox.getItems().add(new Choice<>(Optional.empty(), resources.getString("auditor.any")));
        for (Indication i : Indication.values()) {
            outcomeBox.getItems().add(new Choice<>(Optional.of(i), resources.getString("auditor.outcome." + i.name())));
        }
        outcomeBox.getSelectionModel().selectFirst();
        eligibilityBox.getItems().add(new Choice<>(Optional.empty(), resources.getString("auditor.any")));
        for (Eligibility e : Eligibility.values()) {
            eligibilityBox.getItems().add(new Choice<>(Optional.of(e), resources.getString("auditor.elig." + e.name())));
        }
        eligibilityBox.getSelectionModel().selectFirst();
        column(timeColumn, r -> TIME.format(r.time()));
        column(idColumn, Row::maskedIdNumber);
        column(nameColumn, Row::fullName);
        column(outcomeColumn, r -> resources.getString("auditor.outcome." + r.indication().name())
                + (r.overrideByStaff() ? " " + resources.getString("auditor.override") : "")
                + (r.cloneSuspected() && r.indication() != Indication.FAILED ? " " + resources.getString("auditor.clone")
                        : ""));
        column(eligibilityColumn, r -> resources.getString("auditor.elig." + r.eligibility().name()));
        column(staffColumn, Row::staffUser);
        resultsTable.setPlaceholder(new Label(resources.getString("auditor.results.none")));
        resultsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        AuditorState first = vm.state();
        fromField.setText(AuditorViewModel.format(first.from()));
        toField.setText(AuditorViewModel.format(first.to()));
        csvChoice.selectedProperty().addListener((o, was, now) -> suggestExportFile());
        fromField.textProperty().addListener((o, was, now) -> suggestExportFile());
        toField.textProperty().addListener((o, was, now) -> suggestExportFile());
        render(vm.state()); // loaded on the FX thread: show the current state before the first update
        updates = new ScreenUpdates<>(this::render);
        vm.addListener(updates);
    }

    private static void column(TableColumn<Row, String> column, Function<Row, String> text) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(c.getValue())));
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shortcut(KeyEvent e) {
        if (!e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        switch (e.getCode()) {
            case F -> fromField.requestFocus();
            case E -> export();
            case R -> verifyExport();
            case K -> checkChain();
            default -> {
                return;
            }
        }
        e.consume();
    }

    @Override
    public void focus() {
        fromField.requestFocus();
    }

    @Override
    public void dispose() {
        updates.stop();
        viewModel.removeListener(updates);
    }

    // ------------------------------------------------------------------------------------------------ intents

    @FXML
    void search() {
        viewModel.search(fromField.getText(), toField.getText(),
                outcomeBox.getValue() == null ? Optional.empty() : outcomeBox.getValue().value(),
                eligibilityBox.getValue() == null ? Optional.empty() : eligibilityBox.getValue().value());
    }

    @FXML
    void export() {
        viewModel.export(fromField.getText(), toField.getText(), format(), exportPathField.getText(),
                fullIdsBox.isSelected());
    }

    @FXML
    void verifyExport() {
        viewModel.verifyExport(verifyPathField.getText());
    }

    @FXML
    void checkChain() {
        viewModel.checkAuditChain();
    }

    @FXML
    void browseExport() {
        FileChooser chooser = chooser(exportPathField.getText());
        File f = chooser.showSaveDialog(root.getScene().getWindow());
        if (f != null) {
            exportPathField.setText(f.getAbsolutePath());
        }
    }

    @FXML
    void browseVerify() {
        FileChooser chooser = chooser(verifyPathField.getText());
        File f = chooser.showOpenDialog(root.getScene().getWindow());
        if (f != null) {
            verifyPathField.setText(f.getAbsolutePath());
        }
    }

    @FXML
    void toggleLanguage() {
        onLanguageToggle.run();
    }

    private ExportRequest.Format format() {
        return pdfChoice.isSelected() ? ExportRequest.Format.PDF : ExportRequest.Format.CSV;
    }

    private static FileChooser chooser(String current) {
        FileChooser chooser = new FileChooser();
        try {
            Path p = Path.of(current.strip());
            if (p.getParent() != null && Files.isDirectory(p.getParent())) {
                chooser.setInitialDirectory(p.getParent().toFile());
            }
            if (p.getFileName() != null) {
                chooser.setInitialFileName(p.getFileName().toString());
            }
        } catch (InvalidPathException e) {
            // start wherever the platform starts
        }
        return chooser;
    }

    /** Fills in the suggested export file unless the auditor typed or chose another. */
    private void suggestExportFile() {
        Optional<java.time.LocalDate> from = AuditorViewModel.parseDate(fromField.getText());
        Optional<java.time.LocalDate> to = AuditorViewModel.parseDate(toField.getText());
        if (from.isEmpty() || to.isEmpty()) {
            return;
        }
        String suggestion = viewModel.suggestedExportFile(from.get(), to.get(), format()).toString();
        if (exportPathField.getText().isBlank() || exportPathField.getText().equals(suggestedExport)) {
            exportPathField.setText(suggestion);
        }
        suggestedExport = suggestion;
    }

    // ------------------------------------------------------------------------------------------------ rendering

    private void render(AuditorState s) {
        AuditorState.Permissions p = s.permissions();
        ScreenFxml.show(notPermittedLabel, !p.search());
        notPermittedLabel.setText(ScreenFxml.format(resources, "auditor.notPermitted",
                roleName(viewModel.actor().role())));
        searchButton.setDisable(!p.search() || s.searching());
        searchButton.setText(resources.getString(s.searching() ? "auditor.searching" : "auditor.search"));
        exportButton.setDisable(!p.export() || s.exporting());
        exportButton.setText(resources.getString(s.exporting() ? "auditor.exporting" : "auditor.export"));
        verifyButton.setDisable(s.verifying());
        verifyButton.setText(resources.getString(s.verifying() ? "auditor.verifying" : "auditor.verify"));
        chainButton.setDisable(!p.verifyAudit() || s.checkingChain());
        chainButton.setText(resources.getString(s.checkingChain() ? "auditor.chain.checking" : "auditor.chain.check"));
        renderMessage(s);
        renderResults(s);
        renderExport(s);
        renderVerification(s);
        renderChain(s);
        suggestExportFile();
    }

    private void renderMessage(AuditorState s) {
        if (s.message().isEmpty()) {
            ScreenFxml.show(messageLabel, false);
            return;
        }
        AuditorState.Message m = s.message().get();
        messageLabel.setText(ScreenFxml.format(resources, "auditor.message." + m.kind().name(), m.args().toArray()));
        ScreenFxml.styleOnly(messageLabel, m.isProblem() ? "ct-problem" : "ct-ok", "ct-problem", "ct-ok");
        ScreenFxml.show(messageLabel, true);
    }

    private void renderResults(AuditorState s) {
        if (!resultsTable.getItems().equals(s.rows())) {
            resultsTable.getItems().setAll(s.rows());
        }
        String from = ScreenFxml.DATE.format(s.from());
        String to = ScreenFxml.DATE.format(s.to());
        if (!s.searched()) {
            resultsLabel.setText(resources.getString("auditor.results.none"));
        } else if (s.rows().isEmpty()) {
            resultsLabel.setText(resources.getString("auditor.results.empty"));
            resultsTable.setPlaceholder(new Label(resources.getString("auditor.results.empty")));
        } else {
            resultsLabel.setText(ScreenFxml.format(resources, s.truncated() ? "auditor.results.truncated"
                    : "auditor.results", Integer.toString(s.rows().size()), from, to));
        }
    }

    private void renderExport(AuditorState s) {
        if (s.lastExport().isEmpty()) {
            exportResult.setText("");
            return;
        }
        AuditorState.ExportDone d = s.lastExport().get();
        exportResult.setText(ScreenFxml.format(resources, "auditor.export.done", Long.toString(d.rows()),
                d.file().getFileName().toString(), Long.toString(d.chainHeadSeq())));
        ScreenFxml.styleOnly(exportResult, "ct-ok", "ct-ok", "ct-problem");
        if (d != shownExport) {
            shownExport = d;
            verifyPathField.setText(d.file().toString()); // the natural next step is to verify what was written
        }
    }

    private void renderVerification(AuditorState s) {
        if (s.verification().isEmpty()) {
            verifyResult.setText("");
            return;
        }
        switch (s.verification().get()) {
            case ExportCheck.Valid v -> {
                String signer = v.signedByThisTerminal() ? resources.getString("auditor.verify.signer.this")
                        : ScreenFxml.format(resources, "auditor.verify.signer.other", v.terminalId());
                verifyResult.setText(ScreenFxml.format(resources, "auditor.verify.valid", Long.toString(v.rows()),
                        ScreenFxml.DATE.format(v.from()), ScreenFxml.DATE.format(v.to()),
                        resources.getString(v.fullIds() ? "auditor.verify.full" : "auditor.verify.masked") + ", "
                                + signer, Long.toString(v.chainHeadSeq())));
                ScreenFxml.styleOnly(verifyResult, "ct-ok", "ct-ok", "ct-problem");
            }
            case ExportCheck.Invalid i -> {
                verifyResult.setText(ScreenFxml.format(resources, "auditor.verify.invalid", i.reason()));
                ScreenFxml.styleOnly(verifyResult, "ct-problem", "ct-ok", "ct-problem");
            }
        }
    }

    private void renderChain(AuditorState s) {
        if (!s.permissions().verifyAudit()) {
            chainStatus.setText(resources.getString("auditor.message.AUDIT_NOT_PERMITTED"));
            chainDetail.setText("");
            return;
        }
        if (s.chain().isEmpty()) {
            chainStatus.setText(resources.getString(s.checkingChain() ? "auditor.chain.checking"
                    : "auditor.chain.unknown"));
            chainDetail.setText("");
            return;
        }
        switch (s.chain().get()) {
            case AuditVerification.Intact ok -> {
                chainStatus.setText(ScreenFxml.format(resources, "auditor.chain.intact", Long.toString(ok.entries()),
                        Long.toString(ok.head().seq())));
                chainDetail.setText(resources.getString(ok.anchorChecked() ? "auditor.chain.anchored"
                        : "auditor.chain.notAnchored") + " " + ok.head().hash().substring(0, 16) + "…");
                ScreenFxml.styleOnly(chainStatus, "ct-ok", "ct-ok", "ct-problem");
            }
            case AuditVerification.Broken b -> {
                chainStatus.setText(ScreenFxml.format(resources, "auditor.chain.broken", Long.toString(b.seq()),
                        resources.getString("auditor.chain.problem." + b.problem().name())));
                chainDetail.setText(b.message());
                ScreenFxml.styleOnly(chainStatus, "ct-problem", "ct-ok", "ct-problem");
            }
        }
    }

    private String roleName(vn.clinicterm.terminal.storage.Role role) {
        return resources.getString("role." + role.name());
    }
}
