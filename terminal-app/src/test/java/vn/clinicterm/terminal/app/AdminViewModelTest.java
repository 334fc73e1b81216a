package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.app.TerminalTestVisits.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.CardServiceUnavailableException;
import vn.clinicterm.card.ReaderState;
import vn.clinicterm.card.trust.TrustStatus;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.cardsim.SimCard;
import vn.clinicterm.cardsim.SimTerminals;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.sync.OutboxState;
import vn.clinicterm.terminal.app.AdminState.CardService;
import vn.clinicterm.terminal.app.AdminState.Message.Kind;
import vn.clinicterm.terminal.app.AdminState.UserRow;
import vn.clinicterm.terminal.storage.AuditEntry;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.OutboxEntry;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitLogOutbox;

/**
 * The admin screen without JavaFX: a real SQLite visit log, the real trust store (fed with card-sim's test CSCAs),
 * in-JVM simulated readers and a card service that is down.
 */
class AdminViewModelTest {

    @TempDir
    Path temp;

    private final TerminalTestVisits.MovableClock clock = new TerminalTestVisits.MovableClock(TerminalTestVisits.MORNING);
    private final RecordingExecutor executor = new RecordingExecutor();
    private final SimTerminals terminals = SimTerminals.withReaders(2);
    private VisitLog log;
    private TrustStore trust;
    private Path pki;

    @BeforeEach
    void open() throws Exception {
        log = TerminalTestVisits.open(temp, clock);
        trust = TrustStore.open(temp.resolve("trust"), Clock.systemUTC());
        pki = temp.resolve("pki");
        TestPki.standard().exportTo(pki);
    }

    @AfterEach
    void close() {
        executor.close();
        log.close();
    }

    private AdminViewModel as(Role role, AdminServices.Readers readers) {
        return new AdminViewModel(AdminServices.builder()
                .readers(readers)
                .trustStore(trust)
                .visitLog(log)
                .actor(new User("nguoi." + role.name().toLowerCase(), role))
                .sync(new TerminalSyncSetup.NotConfigured(temp.resolve("clinicterm.properties")))
                .dataDirectory(temp)
                .executor(executor)
                .clock(clock)
                .build());
    }

    private AdminViewModel admin() {
        return as(Role.ADMIN, AdminServices.Readers.of(CardReaders.of(terminals.factory())));
    }

    private static AdminState refreshed(AdminViewModel vm) throws InterruptedException {
        vm.refresh();
        return await(vm::state, s -> !s.loading() && s.cardService().isPresent());
    }

    @Test
    void theReadersAreListedWithTheirCards() throws Exception {
        terminals.insert(terminals.readerNames().get(1), SimCard.builder().citizen(1).build().chip());

        AdminState s = refreshed(admin());

        assertThat(s.cardService().get()).isEqualTo(new CardService.Running(List.of(
                new ReaderState(terminals.readerNames().get(0), false),
                new ReaderState(terminals.readerNames().get(1), true))));
    }

    @Test
    void aCardServiceThatIsDownIsSaidSo() throws Exception {
        AdminState viaLambda = refreshed(as(Role.ADMIN, () -> {
            throw new CardServiceUnavailableException("card service not running (no PC/SC: on Linux start pcscd)",
                    null);
        }));
        assertThat(viaLambda.cardService().get()).isInstanceOfSatisfying(CardService.Unavailable.class,
                u -> assertThat(u.reason()).contains("not running"));

        AdminState viaFactory = refreshed(as(Role.ADMIN,
                AdminServices.Readers.of(CardReaders.of(FailingTerminals.factory()))));
        assertThat(viaFactory.cardService().get()).isInstanceOf(CardService.Unavailable.class);
    }

    @Test
    void importingTheTestCscasAndTheirCrlMakesTheStoreCurrentAndIsAudited() throws Exception {
        AdminViewModel vm = admin();
        assertThat(refreshed(vm).trust().get().freshness()).isEqualTo(TrustStatus.Freshness.EMPTY);

        vm.importTrust(pki.resolve("csca-brainpool.der").toString());
        AdminState one = await(vm::state, s -> s.lastImport().isPresent() && !s.importing() && !s.loading()
                && s.trust().get().cscaCount() == 1);
        assertThat(one.message().get()).isEqualTo(AdminState.Message.of(Kind.TRUST_IMPORTED, "csca-brainpool.der",
                "1", "0"));
        assertThat(one.trust().get().freshness()).isEqualTo(TrustStatus.Freshness.NO_CRLS);

        vm.importTrust(pki.resolve("csca.crl").toString());
        AdminState two = await(vm::state, s -> !s.importing() && !s.loading()
                && s.trust().get().freshness() == TrustStatus.Freshness.CURRENT);
        assertThat(two.trust().get().crls()).hasSize(1);

        assertThat(log.auditEntries(1, 100)).filteredOn(e -> e.type() == AuditType.TRUST_UPDATE)
                .extracting(AuditEntry::actor).containsExactly("nguoi.admin", "nguoi.admin");
    }

    @Test
    void aFileTheStoreRefusesChangesNothing() throws Exception {
        AdminViewModel vm = admin();
        Path junk = Files.writeString(temp.resolve("not-a-certificate.der"), "hello");

        vm.importTrust(junk.toString());
        AdminState s = await(vm::state, x -> x.lastImport().isPresent() && !x.importing() && !x.loading());

        assertThat(s.message().get().kind()).isEqualTo(Kind.TRUST_REJECTED);
        assertThat(s.trust().get().cscaCount()).isZero();
        assertThat(log.auditEntries(1, 100)).noneMatch(e -> e.type() == AuditType.TRUST_UPDATE);

        vm.importTrust(temp.resolve("missing.der").toString());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.NO_SUCH_FILE);
        vm.importTrust("  ");
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.MISSING_INPUT);
    }

    @Test
    void anAdminListsAndAddsAccountsAndBadInputIsSaid() throws Exception {
        log.accounts().addUser("quan.tri", Role.ADMIN, "mat-khau-quan-tri".toCharArray(), "setup");
        AdminViewModel vm = admin();
        assertThat(refreshed(vm).users()).containsExactly(new UserRow("quan.tri", Role.ADMIN));

        char[] password = "mat-khau-le-tan".toCharArray();
        vm.addUser("le.tan", Role.RECEPTION, password, "mat-khau-le-tan".toCharArray());
        AdminState added = await(vm::state, s -> !s.addingUser() && !s.loading() && s.users().size() == 2);
        assertThat(added.message().get()).isEqualTo(AdminState.Message.of(Kind.USER_ADDED, "le.tan", "RECEPTION"));
        assertThat(password).containsOnly('\0');
        assertThat(log.auditEntries(1, 100)).filteredOn(e -> e.type() == AuditType.USER_ADDED)
                .extracting(AuditEntry::actor).containsExactly("setup", "nguoi.admin");

        vm.addUser("le.tan", Role.AUDITOR, "mat-khau-khac".toCharArray(), "mat-khau-khac".toCharArray());
        assertThat(await(vm::state, s -> !s.addingUser() && s.message().isPresent()).message().get())
                .isEqualTo(AdminState.Message.of(Kind.NAME_TAKEN, "le.tan"));
        vm.addUser("le.tan2", Role.AUDITOR, "ngan".toCharArray(), "ngan".toCharArray());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.PASSWORD_TOO_SHORT);
        vm.addUser("le.tan2", Role.AUDITOR, "mat-khau-mot".toCharArray(), "mat-khau-hai".toCharArray());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.PASSWORDS_DIFFER);
        vm.addUser("lê tân", Role.AUDITOR, "mat-khau-mot".toCharArray(), "mat-khau-mot".toCharArray());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.BAD_NAME);
        assertThat(log.accounts().users()).hasSize(2);
    }

    @Test
    void anAuditorMayNeitherManageAccountsNorTheTrustStore() throws Exception {
        AdminViewModel vm = as(Role.AUDITOR, AdminServices.Readers.of(CardReaders.of(terminals.factory())));

        vm.addUser("le.tan", Role.RECEPTION, "mat-khau-le-tan".toCharArray(), "mat-khau-le-tan".toCharArray());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.USERS_NOT_PERMITTED);
        vm.importTrust(pki.resolve("csca-brainpool.der").toString());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.TRUST_NOT_PERMITTED);
        vm.syncNow();
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.SETTINGS_NOT_PERMITTED);
        vm.lockUser("nguoi.auditor");
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.USERS_NOT_PERMITTED);
        vm.unlockUser("le.tan");
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.USERS_NOT_PERMITTED);
        char[] password = "mat-khau-moi-dai".toCharArray();
        vm.resetPassword("le.tan", password, "mat-khau-moi-dai".toCharArray());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.USERS_NOT_PERMITTED);
        assertThat(password).containsOnly('\0');
        vm.retryDeadLetter(UUID.randomUUID());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.SETTINGS_NOT_PERMITTED);

        assertThat(log.accounts().users()).isEmpty();
        assertThat(trust.cscas()).isEmpty();
        assertThat(refreshed(vm).users()).as("the account list is for user managers only").isEmpty();
    }

    @Test
    void outboxCountsDeadLettersAndTheSettingsInForceAreShown() throws Exception {
        TerminalTestVisits.visit(log, 1, Indication.PASSED, Eligibility.PENDING);
        AdminViewModel vm = admin();

        AdminState s = refreshed(vm);

        assertThat(s.outbox().get().queued()).isGreaterThanOrEqualTo(1);
        assertThat(s.outbox().get().deadLetters()).isEmpty();
        assertThat(s.outboxCounts().get(OutboxEntry.State.QUEUED)).isGreaterThanOrEqualTo(1L);
        assertThat(s.sync()).isInstanceOf(TerminalSyncSetup.NotConfigured.class);
        assertThat(s.settings()).contains(new AdminState.Setting("terminalId", "quay-1"),
                new AdminState.Setting("syncProvider", "NOT_CONFIGURED"),
                new AdminState.Setting("policyName", "clinic-default"),
                new AdminState.Setting("timeZone", "Asia/Ho_Chi_Minh"));

        vm.syncNow();
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.SYNC_NOT_RUNNING);
    }

    @Test
    void anAdminLocksUnlocksAndSetsANewPasswordButLocksNeitherThemselfNorTheLastAdmin() throws Exception {
        log.accounts().addUser("quan.tri", Role.ADMIN, "mat-khau-quan-tri".toCharArray(), "setup");
        log.accounts().addUser("le.tan", Role.RECEPTION, "mat-khau-cu".toCharArray(), "setup");
        AdminViewModel vm = admin(); // acts as nguoi.admin, who has no account here
        refreshed(vm);

        vm.lockUser("quan.tri");
        assertThat(await(vm::state, s -> !s.changingUser() && s.message().isPresent()).message().get())
                .isEqualTo(AdminState.Message.of(Kind.LAST_ADMINISTRATOR, "quan.tri"));
        vm.lockUser("nguoi.admin");
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.CANNOT_LOCK_SELF);
        vm.lockUser(" ");
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.NO_USER_SELECTED);

        vm.lockUser("le.tan");
        AdminState locked = await(vm::state, s -> !s.changingUser() && !s.loading()
                && s.users().contains(new UserRow("le.tan", Role.RECEPTION, UserRow.Lock.ADMINISTRATOR,
                        java.util.Optional.empty())));
        assertThat(locked.message().get()).isEqualTo(AdminState.Message.of(Kind.USER_LOCKED, "le.tan"));
        assertThat(log.accounts().authenticate("le.tan", "mat-khau-cu".toCharArray()))
                .isInstanceOf(vn.clinicterm.terminal.storage.LoginOutcome.LockedOut.class);

        vm.unlockUser("le.tan");
        AdminState unlocked = await(vm::state, s -> !s.changingUser() && !s.loading()
                && s.users().contains(new UserRow("le.tan", Role.RECEPTION)));
        assertThat(unlocked.message().get()).isEqualTo(AdminState.Message.of(Kind.USER_UNLOCKED, "le.tan"));

        vm.resetPassword("le.tan", "mat-khau-moi-1".toCharArray(), "mat-khau-moi-2".toCharArray());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.PASSWORDS_DIFFER);
        vm.resetPassword("le.tan", "ngan".toCharArray(), "ngan".toCharArray());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.PASSWORD_TOO_SHORT);
        vm.resetPassword("", "mat-khau-moi-dai".toCharArray(), "mat-khau-moi-dai".toCharArray());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.NO_USER_SELECTED);
        char[] password = "mat-khau-moi-dai".toCharArray();
        char[] repeated = "mat-khau-moi-dai".toCharArray();
        vm.resetPassword("le.tan", password, repeated);
        assertThat(await(vm::state, s -> !s.changingUser() && s.message().isPresent()).message().get())
                .isEqualTo(AdminState.Message.of(Kind.PASSWORD_RESET, "le.tan"));
        assertThat(password).containsOnly('\0');
        assertThat(repeated).containsOnly('\0');
        assertThat(log.accounts().authenticate("le.tan", "mat-khau-moi-dai".toCharArray()))
                .isInstanceOf(vn.clinicterm.terminal.storage.LoginOutcome.Authenticated.class);

        vm.unlockUser("khong.ai");
        assertThat(await(vm::state, s -> !s.changingUser() && s.message().isPresent()).message().get())
                .isEqualTo(AdminState.Message.of(Kind.NO_SUCH_USER, "khong.ai"));
        assertThat(log.auditEntries(1, 100)).filteredOn(e -> e.actor().equals("nguoi.admin"))
                .extracting(AuditEntry::type)
                .containsExactly(AuditType.USER_LOCKED, AuditType.USER_UNLOCKED, AuditType.PASSWORD_RESET);
    }

    @Test
    void aLockoutAfterWrongPasswordsIsShownWithItsEnd() throws Exception {
        log.accounts().addUser("le.tan", Role.RECEPTION, "mat-khau-le-tan".toCharArray(), "setup");
        for (int i = 0; i < 3; i++) {
            log.accounts().authenticate("le.tan", "sai-mat-khau".toCharArray());
        }

        assertThat(refreshed(admin()).users()).containsExactly(new UserRow("le.tan", Role.RECEPTION,
                UserRow.Lock.FAILED_LOGINS, java.util.Optional.of(TerminalTestVisits.MORNING.plusSeconds(15 * 60))));
    }

    @Test
    void aDeadLetterIsQueuedAgainFromTheScreenAndThatIsAudited() throws Exception {
        TerminalTestVisits.visit(log, 1, Indication.PASSED, Eligibility.PENDING);
        VisitLogOutbox outbox = new VisitLogOutbox(log);
        UUID key = outbox.nextBatch(10, clock.instant()).getFirst().idempotencyKey();
        outbox.markInFlight(List.of(key));
        outbox.markDeadLetter(key, clock.instant(), "CONFIG_ERROR: facility not registered");
        AdminViewModel vm = admin();
        assertThat(refreshed(vm).outbox().get().deadLetters()).extracting(OutboxState.DeadLetter::idempotencyKey)
                .containsExactly(key);

        vm.retryDeadLetter(key);

        AdminState after = await(vm::state, s -> s.message().isPresent() && !s.loading()
                && s.outbox().get().deadLetters().isEmpty());
        assertThat(after.message().get()).isEqualTo(AdminState.Message.of(Kind.DEAD_LETTER_REQUEUED,
                "ELIGIBILITY_CHECK"));
        assertThat(log.auditEntries(1, 100)).filteredOn(e -> e.type() == AuditType.OUTBOX_REQUEUED)
                .extracting(AuditEntry::actor).containsExactly("nguoi.admin");

        vm.retryDeadLetter(key);
        assertThat(await(vm::state, s -> s.message().get().kind() != Kind.DEAD_LETTER_REQUEUED).message().get()
                .kind()).isEqualTo(Kind.DEAD_LETTER_GONE);
    }

    @Test
    void everyMessageAndSettingHasItsTextInBothLanguages() {
        AdminState s = admin().state();
        for (java.util.Locale locale : List.of(java.util.Locale.of("vi"), java.util.Locale.ENGLISH)) {
            java.util.ResourceBundle b = java.util.ResourceBundle.getBundle("vn.clinicterm.terminal.gui.admin", locale,
                    java.util.ResourceBundle.Control.getNoFallbackControl(
                            java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
            for (Kind k : Kind.values()) {
                assertThat(b.containsKey("admin.message." + k.name())).as(locale + " admin.message." + k).isTrue();
            }
            for (LoginState.Message.Kind k : LoginState.Message.Kind.values()) {
                assertThat(b.containsKey("login.message." + k.name())).as(locale + " login.message." + k).isTrue();
            }
            for (AdminState.Setting setting : s.settings()) {
                assertThat(b.containsKey("admin.setting." + setting.key())).as(locale + " " + setting.key()).isTrue();
            }
            for (String key : List.of("consentPolicy", "handoff", "checkIns", "trustAnchors", "patientLine")) {
                assertThat(b.containsKey("admin.setting." + key)).as(locale + " " + key).isTrue();
            }
        }
    }
}
