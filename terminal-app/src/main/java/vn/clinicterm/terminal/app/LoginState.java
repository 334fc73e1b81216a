package vn.clinicterm.terminal.app;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.clinicterm.terminal.storage.User;

/**
 * What the login screen shows: a snapshot from {@link LoginViewModel}.
 *
 * @param mode whether the screen asks for a login or for the first admin account
 * @param busy a password is being checked (or an account created): the form is disabled meanwhile
 * @param message what went wrong (or a hint), as a bundle key with arguments
 * @param user who logged in, once someone has
 * @param readOnly the visit log failed its startup check: logins work, records do not
 */
public record LoginState(Mode mode, boolean busy, Optional<Message> message, Optional<User> user, boolean readOnly) {

    public LoginState {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(user, "user");
    }

    public enum Mode {
        /** Looking whether any account exists yet. */
        CHECKING,
        /** Name and password. */
        LOG_IN,
        /** No account exists: create the first admin account. */
        FIRST_RUN
    }

    /**
     * A message for people: {@code login.message.<KIND>} in the bundle, with {@code args} filled in.
     */
    public record Message(Kind kind, List<String> args) {
        public Message {
            args = List.copyOf(args);
        }

        public static Message of(Kind kind, String... args) {
            return new Message(kind, List.of(args));
        }

        /** Whether this is a problem (shown in the attention colour) rather than a hint. */
        public boolean isProblem() {
            return kind != Kind.FIRST_ADMIN_CREATED;
        }

        public enum Kind {
            /** Name or password missing. */
            MISSING_INPUT,
            /** Unknown user or wrong password (never says which). */
            WRONG_CREDENTIALS,
            /** Too many failures; arg 0: until when (HH:mm dd/MM/yyyy). */
            LOCKED_OUT,
            /** An administrator locked the account; it stays locked until an administrator unlocks it. */
            LOCKED_BY_ADMINISTRATOR,
            /** First run: the two passwords differ. */
            PASSWORDS_DIFFER,
            /** First run: arg 0: the minimum length. */
            PASSWORD_TOO_SHORT,
            /** First run: the name has characters an account name may not have. */
            BAD_NAME,
            /** First run: someone created an account meanwhile; log in instead. */
            ACCOUNTS_EXIST,
            /** First run: the admin account was created. */
            FIRST_ADMIN_CREATED,
            /** The visit log could not be read or written. */
            STORAGE_FAILED
        }
    }
}
