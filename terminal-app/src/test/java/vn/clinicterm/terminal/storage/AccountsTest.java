package vn.clinicterm.terminal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.clinicterm.terminal.storage.TestVisits.MORNING;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {

    @TempDir
    Path dir;

    private final TestVisits.MutableClock clock = new TestVisits.MutableClock(MORNING);

    @Test
    void aUserLogsInWithTheRightPasswordAndTheHashIsArgon2id() throws Exception {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            Accounts accounts = log.accounts();
            accounts.addUser("kiem.toan", Role.AUDITOR, "mật-khẩu-dài".toCharArray(), "setup");

            assertThat(accounts.authenticate("kiem.toan", "mật-khẩu-dài".toCharArray()))
                    .isEqualTo(new LoginOutcome.Authenticated(new User("kiem.toan", Role.AUDITOR)));
            assertThat(accounts.authenticate("kiem.toan", "wrong-password".toCharArray()))
                    .isEqualTo(new LoginOutcome.Rejected());
            assertThat(accounts.authenticate("nobody", "whatever-pw".toCharArray()))
                    .isEqualTo(new LoginOutcome.Rejected());
            assertThat(log.auditEntries(1, 10)).extracting(AuditEntry::type).containsExactly(AuditType.USER_ADDED,
                    AuditType.LOGIN_SUCCESS, AuditType.LOGIN_FAILURE, AuditType.LOGIN_FAILURE);
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("clinicterm.db"));
                var rs = c.createStatement().executeQuery("SELECT password_hash FROM users")) {
            assertThat(rs.getString(1)).startsWith("$argon2id$v=19$m=256,t=1,p=1$");
        }
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPasswordUntilThePeriodEnds() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            Accounts accounts = log.accounts();
            accounts.addUser("le.tan", Role.RECEPTION, "correct horse".toCharArray(), "setup");
            for (int i = 1; i <= 4; i++) {
                assertThat(accounts.authenticate("le.tan", "nope-nope".toCharArray()))
                        .isEqualTo(new LoginOutcome.Rejected());
            }
            assertThat(accounts.authenticate("le.tan", "nope-nope".toCharArray()))
                    .isEqualTo(new LoginOutcome.LockedOut(MORNING.plus(Duration.ofMinutes(15))));
            assertThat(accounts.authenticate("le.tan", "correct horse".toCharArray()))
                    .isInstanceOf(LoginOutcome.LockedOut.class);

            clock.advance(Duration.ofMinutes(16));
            assertThat(accounts.authenticate("le.tan", "correct horse".toCharArray()))
                    .isInstanceOf(LoginOutcome.Authenticated.class);
            assertThat(log.auditEntries(1, 20)).extracting(AuditEntry::type).containsSubsequence(
                    AuditType.LOGIN_FAILURE, AuditType.LOGIN_LOCKOUT, AuditType.LOGIN_LOCKOUT,
                    AuditType.LOGIN_SUCCESS);
            assertThat(log.verifyAudit().intact()).isTrue();
        }
    }

    @Test
    void changingThePasswordNeedsTheOldOneAndRolesSeparateDuties() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            Accounts accounts = log.accounts();
            User admin = accounts.addUser("quan.tri", Role.ADMIN, "first-password".toCharArray(), "setup");
            assertThatThrownBy(() -> accounts.addUser("quan.tri", Role.ADMIN, "another-one".toCharArray(), "x"))
                    .hasMessageContaining("already exists");
            assertThatThrownBy(() -> accounts.addUser("short", Role.ADMIN, "1234".toCharArray(), "x"))
                    .hasMessageContaining("at least 8");

            assertThat(accounts.changePassword("quan.tri", "bad-old-pass".toCharArray(), "second-password".toCharArray()))
                    .isEqualTo(new LoginOutcome.Rejected());
            assertThat(accounts.changePassword("quan.tri", "first-password".toCharArray(),
                    "second-password".toCharArray())).isInstanceOf(LoginOutcome.Authenticated.class);
            assertThat(accounts.authenticate("quan.tri", "second-password".toCharArray()))
                    .isInstanceOf(LoginOutcome.Authenticated.class);

            assertThat(admin.may(Role.Permission.PURGE)).isTrue();
            assertThat(admin.may(Role.Permission.EXPORT)).isFalse();
            assertThat(Role.AUDITOR.permits(Role.Permission.EXPORT)).isTrue();
            assertThat(Role.RECEPTION.permits(Role.Permission.SEARCH)).isFalse();
        }
    }
}
