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

    @Test
    void anAdministratorsLockHoldsUntilUnlockedAndBothAreAudited() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            Accounts accounts = log.accounts();
            accounts.addUser("quan.tri", Role.ADMIN, "mat-khau-quan-tri".toCharArray(), "setup");
            accounts.addUser("le.tan", Role.RECEPTION, "mat-khau-le-tan".toCharArray(), "setup");

            Accounts.Account locked = accounts.lock("le.tan", "quan.tri");
            assertThat(locked.lockedByAdministrator()).isTrue();
            LoginOutcome refused = accounts.authenticate("le.tan", "mat-khau-le-tan".toCharArray());
            assertThat(refused).isEqualTo(new LoginOutcome.LockedOut(Accounts.ADMINISTRATOR_LOCK));
            assertThat(Accounts.isAdministratorLock(((LoginOutcome.LockedOut) refused).until())).isTrue();
            clock.advance(Duration.ofDays(400));
            assertThat(accounts.authenticate("le.tan", "mat-khau-le-tan".toCharArray()))
                    .as("an administrator's lock does not run out").isInstanceOf(LoginOutcome.LockedOut.class);
            assertThat(accounts.accounts()).extracting(Accounts.Account::name, Accounts.Account::lockedByAdministrator)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("le.tan", true),
                            org.assertj.core.groups.Tuple.tuple("quan.tri", false));

            assertThat(accounts.unlock("le.tan", "quan.tri").lockedUntil()).isEmpty();
            assertThat(accounts.authenticate("le.tan", "mat-khau-le-tan".toCharArray()))
                    .isInstanceOf(LoginOutcome.Authenticated.class);

            assertThat(log.auditEntries(1, 50)).filteredOn(e -> e.type() == AuditType.USER_LOCKED
                    || e.type() == AuditType.USER_UNLOCKED).extracting(AuditEntry::type, AuditEntry::actor)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditType.USER_LOCKED, "quan.tri"),
                            org.assertj.core.groups.Tuple.tuple(AuditType.USER_UNLOCKED, "quan.tri"));
            assertThat(log.auditEntries(1, 50)).filteredOn(e -> e.type() == AuditType.USER_UNLOCKED).singleElement()
                    .satisfies(e -> assertThat(e.details()).contains("\"lock\":\"administrator\""));
            assertThat(log.verifyAudit().intact()).isTrue();
        }
    }

    @Test
    void unlockingEndsALockoutAfterWrongPasswordsAtOnce() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            Accounts accounts = log.accounts();
            accounts.addUser("le.tan", Role.RECEPTION, "correct horse".toCharArray(), "setup");
            for (int i = 0; i < 5; i++) {
                accounts.authenticate("le.tan", "nope-nope".toCharArray());
            }
            Accounts.Account lockedOut = accounts.accounts().getFirst();
            assertThat(lockedOut.lockedAt(clock.instant())).isTrue();
            assertThat(lockedOut.lockedByAdministrator()).isFalse();

            accounts.unlock("le.tan", "quan.tri");

            assertThat(accounts.authenticate("le.tan", "correct horse".toCharArray()))
                    .isInstanceOf(LoginOutcome.Authenticated.class);
            assertThat(log.auditEntries(1, 50)).filteredOn(e -> e.type() == AuditType.USER_UNLOCKED).singleElement()
                    .satisfies(e -> assertThat(e.details()).contains("\"lock\":\"failedLogins\""));
        }
    }

    @Test
    void nobodyLocksThemselfNorTheLastAdministratorNobodyLocked() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            Accounts accounts = log.accounts();
            accounts.addUser("quan.tri", Role.ADMIN, "mat-khau-quan-tri".toCharArray(), "setup");

            assertThatThrownBy(() -> accounts.lock("quan.tri", "quan.tri")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("own account");
            assertThatThrownBy(() -> accounts.lock("quan.tri", "setup")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("last administrator");
            assertThatThrownBy(() -> accounts.lock("khong.ai", "quan.tri")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no user");

            accounts.addUser("quan.tri.2", Role.ADMIN, "mat-khau-quan-tri-2".toCharArray(), "quan.tri");
            // a lockout after wrong passwords ends by itself: that administrator still counts as one who can log in
            for (int i = 0; i < 5; i++) {
                accounts.authenticate("quan.tri.2", "sai-mat-khau".toCharArray());
            }
            accounts.lock("quan.tri", "quan.tri.2");
            assertThatThrownBy(() -> accounts.lock("quan.tri.2", "quan.tri")).isInstanceOf(IllegalStateException.class);

            assertThat(accounts.accounts()).filteredOn(Accounts.Account::lockedByAdministrator)
                    .extracting(Accounts.Account::name).containsExactly("quan.tri");
            assertThat(log.auditEntries(1, 50)).filteredOn(e -> e.type() == AuditType.USER_LOCKED).hasSize(1);
        }
    }

    @Test
    void aPasswordResetNeedsNoOldPasswordLiftsAnyLockAndIsAuditedWithoutThePassword() throws Exception {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            Accounts accounts = log.accounts();
            accounts.addUser("quan.tri", Role.ADMIN, "mat-khau-quan-tri".toCharArray(), "setup");
            accounts.addUser("le.tan", Role.RECEPTION, "mat-khau-cu-da-quen".toCharArray(), "setup");
            accounts.lock("le.tan", "quan.tri");

            assertThatThrownBy(() -> accounts.resetPassword("le.tan", "ngan".toCharArray(), "quan.tri"))
                    .hasMessageContaining("at least 8");
            assertThatThrownBy(() -> accounts.resetPassword("khong.ai", "mat-khau-moi-dai".toCharArray(), "quan.tri"))
                    .hasMessageContaining("no user");
            Accounts.Account reset = accounts.resetPassword("le.tan", "mat-khau-moi-dai".toCharArray(), "quan.tri");

            assertThat(reset.lockedUntil()).isEmpty();
            assertThat(reset.failedAttempts()).isZero();
            assertThat(accounts.authenticate("le.tan", "mat-khau-cu-da-quen".toCharArray()))
                    .isEqualTo(new LoginOutcome.Rejected());
            assertThat(accounts.authenticate("le.tan", "mat-khau-moi-dai".toCharArray()))
                    .isEqualTo(new LoginOutcome.Authenticated(new User("le.tan", Role.RECEPTION)));
            assertThat(log.auditEntries(1, 50)).filteredOn(e -> e.type() == AuditType.PASSWORD_RESET).singleElement()
                    .satisfies(e -> {
                        assertThat(e.actor()).isEqualTo("quan.tri");
                        assertThat(e.details()).contains("le.tan").doesNotContain("mat-khau");
                    });
            assertThat(log.verifyAudit().intact()).isTrue();
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("clinicterm.db"));
                var rs = c.createStatement().executeQuery("SELECT count(*) FROM audit_log WHERE details LIKE '%mat-khau%'")) {
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
