package vn.clinicterm.terminal.app;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.clinicterm.card.ReaderState;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.TrustStatus;
import vn.clinicterm.sync.OutboxState;
import vn.clinicterm.sync.SyncWorker;
import vn.clinicterm.terminal.storage.OutboxEntry;
import vn.clinicterm.terminal.storage.Role;

/**
 * What the admin screen shows: a snapshot from {@link AdminViewModel}. Parts not loaded yet (or that failed to load)
 * are empty; none of them holds personal data.
 *
 * @param cardService the readers, or why the card service cannot be reached
 * @param trust the trust store's status; empty when the store is unusable ({@code trustProblem} says why)
 * @param lastImport the report of the last trust import in this session
 * @param outbox what waits for the central service, with the dead letters
 * @param outboxCounts entries per storage state (queued, in flight, sent, failed, dead letter)
 * @param worker the sync worker's own state, when it runs
 * @param settings read-only settings: terminal, data directory, sync endpoint, verification policy
 * @param users the staff accounts with their locks (only for a role that manages users)
 * @param addingUser an account is being added
 * @param changingUser an account is being locked, unlocked or given a new password
 */
public record AdminState(
        boolean loading,
        Optional<CardService> cardService,
        Optional<TrustStatus> trust,
        Optional<String> trustProblem,
        boolean importing,
        Optional<ImportReport> lastImport,
        TerminalSyncSetup sync,
        Optional<OutboxState> outbox,
        Map<OutboxEntry.State, Long> outboxCounts,
        Optional<SyncWorker.Status> worker,
        List<Setting> settings,
        List<UserRow> users,
        boolean addingUser,
        boolean changingUser,
        Optional<Message> message,
        Permissions permissions) {

    public AdminState {
        settings = List.copyOf(settings);
        users = List.copyOf(users);
        outboxCounts = Map.copyOf(outboxCounts);
    }

    /** The card service: running with these readers, or not reachable. */
    public sealed interface CardService {
        record Running(List<ReaderState> readers) implements CardService {
            public Running {
                readers = List.copyOf(readers);
            }
        }

        /** @param reason from the PC/SC layer, in English (e.g. "card service not running …") */
        record Unavailable(String reason) implements CardService {}
    }

    /**
     * One read-only setting. The screen labels it with {@code admin.setting.<key>}; {@code value} is shown as it is,
     * or through {@code admin.value.<value>} when the bundle has that key (enum values such as FAIL or WARN).
     */
    public record Setting(String key, String value) {}

    /**
     * One staff account.
     *
     * @param lock whether logins are refused now, and why
     * @param lockedUntil until when, for a lockout after failed logins (empty otherwise)
     */
    public record UserRow(String name, Role role, Lock lock, Optional<Instant> lockedUntil) {

        public UserRow {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(lock, "lock");
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }

        /** An account nobody locked. */
        public UserRow(String name, Role role) {
            this(name, role, Lock.NONE, Optional.empty());
        }

        public enum Lock {
            NONE,
            /** Too many wrong passwords: locked for a while ({@code lockedUntil}). */
            FAILED_LOGINS,
            /** An administrator locked it: locked until an administrator unlocks it. */
            ADMINISTRATOR
        }
    }

    /** What the actor's role may change here. */
    public record Permissions(boolean manageUsers, boolean trust, boolean settings) {}

    /** {@code admin.message.<KIND>} in the bundle, with {@code args}. */
    public record Message(Kind kind, List<String> args) {
        public Message {
            args = List.copyOf(args);
        }

        public static Message of(Kind kind, String... args) {
            return new Message(kind, List.of(args));
        }

        public boolean isProblem() {
            return switch (kind) {
                case USER_ADDED, USER_LOCKED, USER_UNLOCKED, PASSWORD_RESET, TRUST_IMPORTED, SYNC_WOKEN,
                        DEAD_LETTER_REQUEUED -> false;
                default -> true;
            };
        }

        public enum Kind {
            USERS_NOT_PERMITTED,
            TRUST_NOT_PERMITTED,
            SETTINGS_NOT_PERMITTED,
            /** Name or password missing. */
            MISSING_INPUT,
            BAD_NAME,
            /** arg 0: the name. */
            NAME_TAKEN,
            /** arg 0: the minimum length. */
            PASSWORD_TOO_SHORT,
            PASSWORDS_DIFFER,
            /** arg 0: the name, arg 1: the role. */
            USER_ADDED,
            /** Lock, unlock or a new password without an account chosen in the list. */
            NO_USER_SELECTED,
            /** arg 0: the name (someone removed it meanwhile, or a typo). */
            NO_SUCH_USER,
            /** An administrator tried to lock their own account. */
            CANNOT_LOCK_SELF,
            /** arg 0: the name; it is the last administrator nobody locked. */
            LAST_ADMINISTRATOR,
            /** arg 0: the name. */
            USER_LOCKED,
            /** arg 0: the name. */
            USER_UNLOCKED,
            /** arg 0: the name. */
            PASSWORD_RESET,
            /** arg 0: the file. */
            NO_SUCH_FILE,
            /** arg 0: the source, arg 1: certificates added, arg 2: CRLs added. */
            TRUST_IMPORTED,
            /** arg 0: the source, arg 1: the store's reason (English). */
            TRUST_REJECTED,
            /** The store cannot be used (see trustProblem); arg 0: the reason. */
            TRUST_UNUSABLE,
            /** The trust import worked but could not be written to the audit log. */
            TRUST_NOT_AUDITED,
            /** No sync worker runs in this window (no central service configured). */
            SYNC_NOT_RUNNING,
            /** The sync worker was asked to run a round now. */
            SYNC_WOKEN,
            /** A dead letter is queued again; arg 0: its kind (VISIT, ELIGIBILITY_CHECK, AUDIT_ANCHOR). */
            DEAD_LETTER_REQUEUED,
            /** The dead letter to retry is none any more (requeued from elsewhere, or purged with its visit). */
            DEAD_LETTER_GONE,
            /** The visit log could not be read or written. */
            STORAGE_FAILED
        }
    }
}
