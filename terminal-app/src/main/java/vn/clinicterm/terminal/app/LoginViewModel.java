package vn.clinicterm.terminal.app;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import vn.clinicterm.terminal.app.LoginState.Message;
import vn.clinicterm.terminal.app.LoginState.Mode;
import vn.clinicterm.terminal.storage.Accounts;
import vn.clinicterm.terminal.storage.Health;
import vn.clinicterm.terminal.storage.LoginOutcome;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.StorageException;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;

/**
 * The login screen's logic: a name and password checked against the visit log's {@link Accounts} (Argon2id, lockout
 * after repeated failures, every attempt audited), or, while no account exists, the creation of the first admin
 * account. A locked account is told apart: locked for a while after wrong passwords (until when), or locked by an
 * administrator (until unlocked). The role of whoever logs in decides which {@link TerminalScreen}s open.
 *
 * <p>Threading contract as {@link ReceptionViewModel}: intents return at once, password hashing and database work run
 * on the injected {@link TaskExecutor}, listeners get snapshots on whichever thread changed the state. Passwords are
 * taken as {@code char[]} and wiped once checked.
 */
public final class LoginViewModel {

    private static final System.Logger LOG = System.getLogger(LoginViewModel.class.getName());
    /** What {@link Accounts#addUser} accepts as a name; checked here first to say what is wrong in the UI's words. */
    static final String NAME_PATTERN = "[A-Za-z0-9._-]{1,64}";
    /** The shortest password {@link Accounts} takes. */
    public static final int MIN_PASSWORD = 8;
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private final VisitLog log;
    private final TaskExecutor executor;
    private final Clock clock;
    private final List<Consumer<LoginState>> listeners = new CopyOnWriteArrayList<>();

    // guarded by this
    private Mode mode = Mode.CHECKING;
    private boolean busy;
    private Message message;
    private User user;

    public LoginViewModel(VisitLog log, TaskExecutor executor, Clock clock) {
        this.log = log;
        this.executor = executor;
        this.clock = clock;
    }

    public void addListener(Consumer<LoginState> listener) {
        listeners.add(listener);
        listener.accept(state());
    }

    public void removeListener(Consumer<LoginState> listener) {
        listeners.remove(listener);
    }

    public synchronized LoginState state() {
        return new LoginState(mode, busy, Optional.ofNullable(message), Optional.ofNullable(user),
                log.health() instanceof Health.ReadOnly);
    }

    private void publish() {
        LoginState s = state();
        for (Consumer<LoginState> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "login listener threw; ignored", e);
            }
        }
    }

    /** Looks (on the executor) whether any account exists, to ask for a login or for the first admin account. */
    public void start() {
        executor.execute(() -> {
            Mode m;
            Message why = null;
            try {
                m = log.accounts().none() ? Mode.FIRST_RUN : Mode.LOG_IN;
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot list accounts: {0}", e.getMessage());
                m = Mode.LOG_IN;
                why = Message.of(Message.Kind.STORAGE_FAILED);
            }
            synchronized (this) {
                mode = m;
                if (why != null) {
                    message = why;
                }
            }
            publish();
        });
    }

    /** Checks {@code password} for {@code name}; wipes the password afterwards. */
    public void logIn(String name, char[] password) {
        String n = name == null ? "" : name.strip();
        boolean go;
        synchronized (this) {
            if (busy || user != null) {
                Arrays.fill(password, '\0');
                return;
            }
            go = !n.isEmpty() && password.length > 0;
            busy = go;
            message = go ? null : Message.of(Message.Kind.MISSING_INPUT);
        }
        publish();
        if (!go) {
            Arrays.fill(password, '\0');
            return;
        }
        executor.execute(() -> {
            LoginOutcome outcome;
            try {
                outcome = log.accounts().authenticate(n, password);
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "login not checked: {0}", e.getMessage());
                finish(null, Message.of(Message.Kind.STORAGE_FAILED));
                return;
            } finally {
                Arrays.fill(password, '\0');
            }
            switch (outcome) {
                case LoginOutcome.Authenticated(User u) -> finish(u, null);
                case LoginOutcome.Rejected() -> finish(null, Message.of(Message.Kind.WRONG_CREDENTIALS));
                case LoginOutcome.LockedOut(Instant until) when Accounts.isAdministratorLock(until) ->
                        finish(null, Message.of(Message.Kind.LOCKED_BY_ADMINISTRATOR));
                case LoginOutcome.LockedOut(Instant until) -> finish(null, Message.of(Message.Kind.LOCKED_OUT,
                        UNTIL.format(until.atZone(clock.getZone()))));
            }
        });
    }

    /**
     * First run only: creates {@code name} as an ADMIN account and logs it in. Refused once any account exists (the
     * check is repeated on the executor, so two windows cannot both create a first admin).
     */
    public void createFirstAdmin(String name, char[] password, char[] repeated) {
        String n = name == null ? "" : name.strip();
        Message invalid;
        if (n.isEmpty() || password.length == 0) {
            invalid = Message.of(Message.Kind.MISSING_INPUT);
        } else if (!n.matches(NAME_PATTERN)) {
            invalid = Message.of(Message.Kind.BAD_NAME);
        } else if (password.length < MIN_PASSWORD) {
            invalid = Message.of(Message.Kind.PASSWORD_TOO_SHORT, Integer.toString(MIN_PASSWORD));
        } else if (!Arrays.equals(password, repeated)) {
            invalid = Message.of(Message.Kind.PASSWORDS_DIFFER);
        } else {
            invalid = null;
        }
        Arrays.fill(repeated, '\0');
        synchronized (this) {
            if (busy || user != null || mode != Mode.FIRST_RUN) {
                Arrays.fill(password, '\0');
                return;
            }
            busy = invalid == null;
            message = invalid;
        }
        publish();
        if (invalid != null) {
            Arrays.fill(password, '\0');
            return;
        }
        executor.execute(() -> {
            try {
                if (!log.accounts().none()) {
                    synchronized (this) {
                        mode = Mode.LOG_IN;
                    }
                    finish(null, Message.of(Message.Kind.ACCOUNTS_EXIST));
                    return;
                }
                log.accounts().addUser(n, Role.ADMIN, password, "setup");
                // log in as usual, so that the first session starts with a LOGIN_SUCCESS entry like every other
                if (log.accounts().authenticate(n, password) instanceof LoginOutcome.Authenticated(User u)) {
                    synchronized (this) {
                        mode = Mode.LOG_IN;
                    }
                    finish(u, Message.of(Message.Kind.FIRST_ADMIN_CREATED, u.name()));
                } else {
                    finish(null, Message.of(Message.Kind.STORAGE_FAILED));
                }
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.INFO, "first account refused: {0}", e.getMessage());
                finish(null, Message.of(Message.Kind.BAD_NAME));
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "first account not created: {0}", e.getMessage());
                finish(null, Message.of(Message.Kind.STORAGE_FAILED));
            } finally {
                Arrays.fill(password, '\0');
            }
        });
    }

    /** Forgets who was logged in and asks again (the caller closes that user's screens). */
    public void logOut() {
        synchronized (this) {
            user = null;
            busy = false;
            message = null;
            mode = Mode.CHECKING;
        }
        publish();
        start();
    }

    private void finish(User who, Message why) {
        synchronized (this) {
            busy = false;
            user = who;
            message = why;
        }
        publish();
    }
}
