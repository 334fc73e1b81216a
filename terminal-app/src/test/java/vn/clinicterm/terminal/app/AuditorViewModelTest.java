package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.app.TerminalTestVisits.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.terminal.app.AuditorState.ExportCheck;
import vn.clinicterm.terminal.app.AuditorState.Message.Kind;
import vn.clinicterm.terminal.app.AuditorState.Row;
import vn.clinicterm.terminal.storage.AuditEntry;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.AuditVerification;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.ExportRequest;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;

/** The auditor screen without JavaFX, over a real SQLite visit log with synthetic visits on three days. */
class AuditorViewModelTest {

    @TempDir
    Path temp;

    private final TerminalTestVisits.MovableClock clock = new TerminalTestVisits.MovableClock(TerminalTestVisits.MORNING);
    private final RecordingExecutor executor = new RecordingExecutor();
    private VisitLog log;
    private Path exports;
    private long notInsuredVisit;

    @BeforeEach
    void visitsOnThreeDays() throws Exception {
        log = TerminalTestVisits.open(temp, clock);
        exports = Files.createDirectories(temp.resolve("exports"));
        clock.advance(java.time.Duration.ofDays(-2)); // 26/11
        TerminalTestVisits.visit(log, 1, Indication.PASSED, Eligibility.ELIGIBLE);
        clock.advance(java.time.Duration.ofDays(1)); // 27/11
        TerminalTestVisits.visit(log, 2, Indication.FAILED, Eligibility.PENDING);
        notInsuredVisit = TerminalTestVisits.visit(log, 7, Indication.PASSED, Eligibility.NOT_ELIGIBLE);
        clock.advance(java.time.Duration.ofDays(1)); // 28/11
        TerminalTestVisits.visit(log, 3, Indication.INDETERMINATE, Eligibility.ELIGIBLE);
        TerminalTestVisits.visit(log, 4, Indication.PASSED, Eligibility.ELIGIBLE);
    }

    @AfterEach
    void close() {
        executor.close();
        log.close();
    }

    private AuditorViewModel as(Role role) {
        return new AuditorViewModel(log, new User("nguoi." + role.name().toLowerCase(), role), executor, clock, exports);
    }

    @Test
    void searchesByDateRangeOutcomeAndEligibilityWithMaskedIds() throws Exception {
        AuditorViewModel vm = as(Role.AUDITOR);

        vm.search("27/11/2026", "28/11/2026", Optional.empty(), Optional.empty());
        AuditorState all = await(vm::state, s -> s.searched() && !s.searching());
        assertThat(all.rows()).hasSize(4);
        assertThat(all.rows()).allSatisfy(r -> assertThat(r.maskedIdNumber()).matches("\\d{4}••••\\d{4}"));
        assertThat(all.rows().getFirst().time().toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(all.from()).isEqualTo(LocalDate.of(2026, 11, 27));

        vm.search("1/11/2026", "30/11/2026", Optional.of(Indication.PASSED), Optional.of(Eligibility.NOT_ELIGIBLE));
        AuditorState filtered = await(vm::state, s -> !s.searching() && s.rows().size() == 1);
        assertThat(filtered.rows()).extracting(Row::visitId).containsExactly(notInsuredVisit);
        assertThat(filtered.indication()).contains(Indication.PASSED);

        vm.search("26/11/2026", "26/11/2026", Optional.of(Indication.FAILED), Optional.empty());
        assertThat(await(vm::state, s -> !s.searching() && s.rows().isEmpty()).searched()).isTrue();
        assertThat(executor.tasks()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void badDatesAndAReversedRangeAreSaidAndNotSearched() throws Exception {
        AuditorViewModel vm = as(Role.AUDITOR);

        vm.search("31/02/2026", "28/11/2026", Optional.empty(), Optional.empty());
        assertThat(vm.state().message().get()).isEqualTo(AuditorState.Message.of(Kind.BAD_DATE, "31/02/2026"));
        vm.search("2026-11-01", "28/11/2026", Optional.empty(), Optional.empty());
        assertThat(vm.state().message().get()).isEqualTo(AuditorState.Message.of(Kind.BAD_DATE, "2026-11-01"));
        vm.search("28/11/2026", "01/11/2026", Optional.empty(), Optional.empty());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.BAD_RANGE);

        assertThat(vm.state().searched()).isFalse();
        assertThat(executor.tasks()).isZero();
        assertThat(AuditorViewModel.parseDate("01/12/2026")).contains(LocalDate.of(2026, 12, 1));
        assertThat(AuditorViewModel.format(LocalDate.of(2026, 3, 5))).isEqualTo("05/03/2026");
    }

    @Test
    void aCsvExportIsSignedAuditedAndVerifiesUntilItIsAltered() throws Exception {
        AuditorViewModel vm = as(Role.AUDITOR);
        Path file = vm.suggestedExportFile(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30),
                ExportRequest.Format.CSV);
        assertThat(file).isEqualTo(exports.resolve("clinicterm-visits-2026-11-01_2026-11-30.csv"));

        vm.export("01/11/2026", "30/11/2026", ExportRequest.Format.CSV, file.getFileName().toString(), false);
        AuditorState done = await(vm::state, s -> s.lastExport().isPresent() && !s.exporting());
        assertThat(done.lastExport().get().rows()).isEqualTo(5);
        assertThat(done.message().get().kind()).isEqualTo(Kind.EXPORTED);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain(
                vn.clinicterm.cardsim.SyntheticCitizens.citizen(1).idNumber());
        assertThat(log.auditEntries(1, 1000)).filteredOn(e -> e.type() == AuditType.EXPORT)
                .extracting(AuditEntry::actor).containsExactly("nguoi.auditor");
        long exportEntry = done.lastExport().get().chainHeadSeq();
        assertThat(await(vm::state, s -> s.chain().isPresent() && !s.checkingChain()).chain().get())
                .as("the chain is checked again with the export's entry")
                .isInstanceOfSatisfying(AuditVerification.Intact.class,
                        i -> assertThat(i.head().seq()).isEqualTo(exportEntry));

        vm.verifyExport(file.toString());
        AuditorState ok = await(vm::state, s -> s.verification().isPresent() && !s.verifying());
        assertThat(ok.verification().get()).isInstanceOfSatisfying(ExportCheck.Valid.class, v -> {
            assertThat(v.rows()).isEqualTo(5);
            assertThat(v.signedByThisTerminal()).isTrue();
            assertThat(v.fullIds()).isFalse();
        });

        Files.writeString(file, "\nforged row", java.nio.file.StandardOpenOption.APPEND);
        vm.verifyExport(file.toString());
        AuditorState altered = await(vm::state, s -> !s.verifying()
                && s.verification().get() instanceof ExportCheck.Invalid);
        assertThat(((ExportCheck.Invalid) altered.verification().get()).reason()).contains("SHA-256");
    }

    @Test
    void aPdfSummaryCanBeExportedToAChosenAbsolutePath() throws Exception {
        AuditorViewModel vm = as(Role.AUDITOR);
        Path pdf = temp.resolve("elsewhere/thang-11.pdf");
        vm.export("01/11/2026", "30/11/2026", ExportRequest.Format.PDF, pdf.toString(), false);
        assertThat(vm.state().message().get().kind()).as("the directory does not exist")
                .isEqualTo(Kind.NO_SUCH_DIRECTORY);

        Files.createDirectories(pdf.getParent());
        vm.export("01/11/2026", "30/11/2026", ExportRequest.Format.PDF, pdf.toString(), false);
        await(vm::state, s -> s.lastExport().isPresent());
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        assertThat(pdf.resolveSibling("thang-11.pdf.manifest.json")).exists();
    }

    @Test
    void anAdminMayCheckTheChainAndVerifyExportsButNotSearchOrExport() throws Exception {
        AuditorViewModel vm = as(Role.ADMIN);
        assertThat(vm.state().permissions()).isEqualTo(new AuditorState.Permissions(false, false, true));

        vm.search("01/11/2026", "30/11/2026", Optional.empty(), Optional.empty());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.SEARCH_NOT_PERMITTED);
        vm.export("01/11/2026", "30/11/2026", ExportRequest.Format.CSV, "x.csv", false);
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.EXPORT_NOT_PERMITTED);
        assertThat(exports.resolve("x.csv")).doesNotExist();

        vm.start();
        AuditorState s = await(vm::state, x -> x.chain().isPresent() && !x.checkingChain());
        assertThat(s.chain().get()).isInstanceOfSatisfying(AuditVerification.Intact.class,
                i -> assertThat(i.entries()).isGreaterThanOrEqualTo(5));
        assertThat(s.searched()).as("start() does not search for a role that may not").isFalse();

        assertThat(as(Role.RECEPTION).state().permissions()).isEqualTo(new AuditorState.Permissions(false, false, false));
    }

    @Test
    void aDamagedSignedHeadShowsTheChainAsBroken() throws Exception {
        AuditorViewModel vm = as(Role.AUDITOR);
        Path head = temp.resolve("clinicterm.db.head");
        assertThat(head).exists();
        Files.writeString(head, Files.readString(head).replaceFirst("[0-9a-f]{8}", "00000000"));

        vm.checkAuditChain();
        AuditorState s = await(vm::state, x -> x.chain().isPresent() && !x.checkingChain());
        assertThat(s.chain().get()).isInstanceOf(AuditVerification.Broken.class);
    }
}
