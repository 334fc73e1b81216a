package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.app.TerminalTestVisits.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.terminal.app.LoginState.Message.Kind;
import vn.clinicterm.terminal.app.LoginState.Mode;
import vn.clinicterm.terminal.storage.AuditEntry;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;

/** The login screen without JavaFX, over a real SQLite visit log and its Argon2id accounts. */
class LoginViewModelTest {

    @TempDir
    Path temp;

    private final TerminalTestVisits.MovableClock clock = new TerminalTestVisits.MovableClock(TerminalTestVisits.MORNING);
    private final RecordingExecutor executor = new RecordingExecutor();
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();
    private VisitLog log;
    private LoginViewModel vm;

    @BeforeEach
    void open() {
        log = TerminalTestVisits.open(temp, clock);
        vm = new LoginViewModel(log, executor, clock);
        vm.addListener(s -> listenerThreads.add(Thread.currentThread().getName()));
    }

    @AfterEach
    void close() {
        executor.close();
        log.close();
    }

    private LoginState started() throws InterruptedException {
        vm.start();
        return await(vm::state, s -> s.mode() != Mode.CHECKING);
    }

    @Test
    void withNoAccountTheFirstRunCreatesAnAdminWhoIsThenLoggedIn() throws Exception {
        assertThat(started().mode()).isEqualTo(Mode.FIRST_RUN);

        vm.createFirstAdmin("quan.tri", "mat-khau-1".toCharArray(), "mat-khau-2".toCharArray());
        assertThat(await(vm::state, s -> s.message().isPresent()).message().get().kind())
                .isEqualTo(Kind.PASSWORDS_DIFFER);
        vm.createFirstAdmin("quan.tri", "ngan".toCharArray(), "ngan".toCharArray());
        assertThat(vm.state().message().get()).isEqualTo(LoginState.Message.of(Kind.PASSWORD_TOO_SHORT, "8"));
        vm.createFirstAdmin("quản trị", "mat-khau-dai".toCharArray(), "mat-khau-dai".toCharArray());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.BAD_NAME);
        assertThat(log.accounts().none()).as("nothing created by refused attempts").isTrue();

        vm.createFirstAdmin("quan.tri", "mat-khau-dai".toCharArray(), "mat-khau-dai".toCharArray());
        LoginState in = await(vm::state, s -> s.user().isPresent());

        assertThat(in.user()).contains(new User("quan.tri", Role.ADMIN));
        assertThat(in.message().get().kind()).isEqualTo(Kind.FIRST_ADMIN_CREATED);
        assertThat(log.accounts().users()).containsExactly(new User("quan.tri", Role.ADMIN));
        assertThat(log.auditEntries(1, 100)).extracting(AuditEntry::type)
                .contains(AuditType.USER_ADDED, AuditType.LOGIN_SUCCESS);
        assertThat(listenerThreads).anyMatch(t -> t.startsWith(RecordingExecutor.PREFIX));
    }

    @Test
    void onceAnAccountExistsTheFirstRunFormIsRefused() throws Exception {
        log.accounts().addUser("le.tan", Role.RECEPTION, "mat-khau-le-tan".toCharArray(), "setup");
        assertThat(started().mode()).isEqualTo(Mode.LOG_IN);

        vm.createFirstAdmin("ke.gian", "mat-khau-dai".toCharArray(), "mat-khau-dai".toCharArray());
        Thread.sleep(100);

        assertThat(log.accounts().find("ke.gian")).isEmpty();
        assertThat(vm.state().user()).isEmpty();
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameMessageAndThePasswordIsWiped() throws Exception {
        log.accounts().addUser("kiem.toan", Role.AUDITOR, "mat-khau-kiem-toan".toCharArray(), "setup");
        started();

        char[] typed = "sai-mat-khau".toCharArray();
        vm.logIn("kiem.toan", typed);
        LoginState wrong = await(vm::state, s -> !s.busy() && s.message().isPresent());
        assertThat(wrong.message().get().kind()).isEqualTo(Kind.WRONG_CREDENTIALS);
        assertThat(wrong.user()).isEmpty();
        assertThat(typed).containsOnly('\0');

        vm.logIn("khong.ai", "sai-mat-khau".toCharArray());
        assertThat(await(vm::state, s -> !s.busy()).message().get().kind()).isEqualTo(Kind.WRONG_CREDENTIALS);

        vm.logIn("  ", "x".toCharArray());
        assertThat(vm.state().message().get().kind()).isEqualTo(Kind.MISSING_INPUT);
    }

    @Test
    void repeatedFailuresLockTheAccountAndTheMessageSaysUntilWhen() throws Exception {
        log.accounts().addUser("le.tan", Role.RECEPTION, "mat-khau-le-tan".toCharArray(), "setup");
        started();
        for (int i = 0; i < 3; i++) {
            vm.logIn("le.tan", "sai-mat-khau".toCharArray());
            await(vm::state, s -> !s.busy() && s.message().isPresent());
        }
        assertThat(vm.state().message().get()).isEqualTo(LoginState.Message.of(Kind.LOCKED_OUT, "09:15 28/11/2026"));

        vm.logIn("le.tan", "mat-khau-le-tan".toCharArray());
        LoginState stillLocked = await(vm::state, s -> !s.busy());
        assertThat(stillLocked.user()).as("the right password does not open a locked account").isEmpty();
        assertThat(stillLocked.message().get().kind()).isEqualTo(Kind.LOCKED_OUT);

        clock.advance(Duration.ofMinutes(16));
        vm.logIn("le.tan", "mat-khau-le-tan".toCharArray());
        assertThat(await(vm::state, s -> s.user().isPresent()).user()).contains(new User("le.tan", Role.RECEPTION));
    }

    @Test
    void anAccountAnAdministratorLockedIsToldSoUntilUnlocked() throws Exception {
        log.accounts().addUser("quan.tri", Role.ADMIN, "mat-khau-quan-tri".toCharArray(), "setup");
        log.accounts().addUser("le.tan", Role.RECEPTION, "mat-khau-le-tan".toCharArray(), "setup");
        log.accounts().lock("le.tan", "quan.tri");
        started();

        vm.logIn("le.tan", "mat-khau-le-tan".toCharArray());
        LoginState locked = await(vm::state, s -> !s.busy() && s.message().isPresent());
        assertThat(locked.user()).isEmpty();
        assertThat(locked.message().get()).isEqualTo(LoginState.Message.of(Kind.LOCKED_BY_ADMINISTRATOR));

        clock.advance(Duration.ofDays(30));
        vm.logIn("le.tan", "mat-khau-le-tan".toCharArray());
        assertThat(await(vm::state, s -> !s.busy()).message().get().kind()).isEqualTo(Kind.LOCKED_BY_ADMINISTRATOR);

        log.accounts().unlock("le.tan", "quan.tri");
        vm.logIn("le.tan", "mat-khau-le-tan".toCharArray());
        assertThat(await(vm::state, s -> s.user().isPresent()).user()).contains(new User("le.tan", Role.RECEPTION));
    }

    @Test
    void theRoleDecidesWhichScreensTheSessionOpens() throws Exception {
        log.accounts().addUser("le.tan", Role.RECEPTION, "mat-khau-le-tan".toCharArray(), "setup");
        log.accounts().addUser("kiem.toan", Role.AUDITOR, "mat-khau-kiem-toan".toCharArray(), "setup");
        log.accounts().addUser("quan.tri", Role.ADMIN, "mat-khau-quan-tri".toCharArray(), "setup");
        started();

        vm.logIn("kiem.toan", "mat-khau-kiem-toan".toCharArray());
        User auditor = await(vm::state, s -> s.user().isPresent()).user().get();
        vm.logOut();
        assertThat(await(vm::state, s -> s.mode() == Mode.LOG_IN).user()).isEmpty();
        vm.logIn("quan.tri", "mat-khau-quan-tri".toCharArray());
        User admin = await(vm::state, s -> s.user().isPresent()).user().get();

        assertThat(TerminalScreen.allowedFor(Role.RECEPTION)).containsExactly(TerminalScreen.RECEPTION);
        assertThat(TerminalScreen.allowedFor(auditor.role())).containsExactly(TerminalScreen.AUDITOR);
        assertThat(TerminalScreen.allowedFor(admin.role())).containsExactly(TerminalScreen.AUDITOR, TerminalScreen.ADMIN);
        assertThat(TerminalScreen.home(admin.role())).isEqualTo(TerminalScreen.ADMIN);
        assertThat(TerminalScreen.home(Role.RECEPTION)).isEqualTo(TerminalScreen.RECEPTION);
    }
}
