package vn.clinicterm.terminal.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import vn.clinicterm.card.CardServiceUnavailableException;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.TrustStatus;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.VerificationPolicy;
import vn.clinicterm.sync.OutboxState;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncWorker;
import vn.clinicterm.terminal.app.AdminState.CardService;
import vn.clinicterm.terminal.app.AdminState.Message;
import vn.clinicterm.terminal.app.AdminState.Permissions;
import vn.clinicterm.terminal.app.AdminState.Setting;
import vn.clinicterm.terminal.app.AdminState.UserRow;
import vn.clinicterm.terminal.storage.Accounts;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.OutboxEntry;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.Role.Permission;
import vn.clinicterm.terminal.storage.StorageException;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLogOutbox;

/**
 * The admin screen's logic, over the library calls the command line uses ({@code readers}, {@code trust status|import},
 * {@code sync status}, {@code users list|add}): the card readers and whether the card service runs; the trust store's
 * status and freshness, and importing a file into it (recorded in the audit chain as a TRUST_UPDATE); sync status,
 * outbox counts and dead letters, a "sync now" that wakes the worker and a "retry" that queues a dead letter again
 * (OUTBOX_REQUEUED); the settings in force, read-only; the staff accounts with their locks, adding one, locking and
 * unlocking one and setting a new password (USER_ADDED, USER_LOCKED, USER_UNLOCKED, PASSWORD_RESET). Each change checks
 * the actor's {@link Permission} first; an administrator cannot lock their own account nor the last administrator
 * nobody locked ({@link vn.clinicterm.terminal.storage.Accounts#lock}).
 *
 * <p>Threading contract as {@link ReceptionViewModel}: intents return at once, the work runs on the executor.
 */
public final class AdminViewModel {

    private static final System.Logger LOG = System.getLogger(AdminViewModel.class.getName());

    private final AdminServices services;
    private final Permissions permissions;
    private final List<Setting> settings;
    private final List<Consumer<AdminState>> listeners = new CopyOnWriteArrayList<>();

    // guarded by this
    private boolean loading;
    private CardService cardService;
    private TrustStatus trust;
    private boolean importing;
    private ImportReport lastImport;
    private OutboxState outbox;
    private Map<OutboxEntry.State, Long> outboxCounts = Map.of();
    private SyncWorker.Status worker;
    private List<UserRow> users = List.of();
    private boolean addingUser;
    private boolean changingUser;
    private Message message;

    public AdminViewModel(AdminServices services) {
        this.services = services;
        User actor = services.actor();
        this.permissions = new Permissions(actor.may(Permission.MANAGE_USERS), actor.may(Permission.TRUST),
                actor.may(Permission.SETTINGS));
        this.settings = settings(services);
    }

    public User actor() {
        return services.actor();
    }

    public void addListener(Consumer<AdminState> listener) {
        listeners.add(listener);
        listener.accept(state());
    }

    public void removeListener(Consumer<AdminState> listener) {
        listeners.remove(listener);
    }

    public synchronized AdminState state() {
        return new AdminState(loading, Optional.ofNullable(cardService), Optional.ofNullable(trust),
                services.trustProblem(), importing, Optional.ofNullable(lastImport), services.sync(),
                Optional.ofNullable(outbox), outboxCounts, Optional.ofNullable(worker), settings, users, addingUser,
                changingUser, Optional.ofNullable(message), permissions);
    }

    private void publish() {
        AdminState s = state();
        for (Consumer<AdminState> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "admin listener threw; ignored", e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ refresh

    /** Reloads readers, trust status, sync status and users (on the executor). */
    public void refresh() {
        synchronized (this) {
            if (loading) {
                return;
            }
            loading = true;
        }
        publish();
        services.executor().execute(this::load);
    }

    private void load() {
        CardService readers;
        try {
            readers = new CardService.Running(services.readers().list());
        } catch (CardServiceUnavailableException e) {
            readers = new CardService.Unavailable(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list readers", e);
            readers = new CardService.Unavailable(String.valueOf(e.getMessage()));
        }
        TrustStatus t = services.trustStore().map(s -> s.status()).orElse(null);
        OutboxState o = null;
        Map<OutboxEntry.State, Long> counts = Map.of();
        List<UserRow> u = List.of();
        Message why = null;
        try {
            o = new VisitLogOutbox(services.visitLog()).state();
            counts = services.visitLog().outboxCounts();
            if (permissions.manageUsers()) {
                Instant now = services.clock().instant();
                u = services.visitLog().accounts().accounts().stream().map(a -> row(a, now)).toList();
            }
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.WARNING, "admin status not read: {0}", e.getMessage());
            why = Message.of(Message.Kind.STORAGE_FAILED);
        }
        SyncWorker.Status w = services.syncWorker().map(SyncWorker::status).orElse(null);
        synchronized (this) {
            loading = false;
            cardService = readers;
            trust = t;
            if (o != null) {
                outbox = o;
                outboxCounts = counts;
                users = u;
            }
            worker = w;
            if (why != null) {
                message = why;
            }
        }
        publish();
    }

    // ------------------------------------------------------------------------------------------------ trust

    /**
     * Imports a master list, certificate, CRL, LDIF file or directory into the trust store (as {@code clinicterm trust
     * import}); a rejected file changes nothing. An accepted import is recorded in the audit chain.
     */
    public void importTrust(String fileText) {
        if (!permissions.trust()) {
            problem(Message.of(Message.Kind.TRUST_NOT_PERMITTED));
            return;
        }
        if (services.trustStore().isEmpty()) {
            problem(Message.of(Message.Kind.TRUST_UNUSABLE, services.trustProblem().orElse("")));
            return;
        }
        if (fileText == null || fileText.isBlank()) {
            problem(Message.of(Message.Kind.MISSING_INPUT));
            return;
        }
        Path file;
        try {
            file = Path.of(fileText.strip()).toAbsolutePath();
        } catch (InvalidPathException e) {
            problem(Message.of(Message.Kind.NO_SUCH_FILE, fileText.strip()));
            return;
        }
        if (!Files.exists(file)) {
            problem(Message.of(Message.Kind.NO_SUCH_FILE, file.toString()));
            return;
        }
        synchronized (this) {
            if (importing) {
                return;
            }
            importing = true;
            message = null;
        }
        publish();
        services.executor().execute(() -> {
            ImportReport report = null;
            Message why;
            try {
                report = services.trustStore().get().importFile(file);
                if (report.accepted()) {
                    why = Message.of(Message.Kind.TRUST_IMPORTED, report.source(),
                            Integer.toString(report.certificatesAdded()), Integer.toString(report.crlsAdded()));
                    why = audit(report).orElse(why);
                } else {
                    why = Message.of(Message.Kind.TRUST_REJECTED, report.source(), report.message());
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "trust import failed: {0}", e.getMessage());
                why = Message.of(Message.Kind.TRUST_UNUSABLE, String.valueOf(e.getMessage()));
            }
            synchronized (this) {
                importing = false;
                if (report != null) {
                    lastImport = report;
                }
                message = why;
                loading = true; // the status shown must include what was just imported
            }
            publish();
            load();
        });
    }

    private Optional<Message> audit(ImportReport r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("source", r.source());
        d.put("kind", r.kind().name());
        d.put("certificatesAdded", r.certificatesAdded());
        d.put("crlsAdded", r.crlsAdded());
        d.put("signatureVerified", r.signatureVerified());
        d.put("countries", String.join(",", r.countries()));
        try {
            services.visitLog().recordEvent(AuditType.TRUST_UPDATE, services.actor().name(), d);
            return Optional.empty();
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.WARNING, "trust import not audited: {0}", e.getMessage());
            return Optional.of(Message.of(Message.Kind.TRUST_NOT_AUDITED));
        }
    }

    // ------------------------------------------------------------------------------------------------ sync

    /** Asks the sync worker to run a round now (entries waiting for their retry time go now). */
    public void syncNow() {
        if (!permissions.settings()) {
            problem(Message.of(Message.Kind.SETTINGS_NOT_PERMITTED));
            return;
        }
        if (services.syncWorker().isEmpty()) {
            problem(Message.of(Message.Kind.SYNC_NOT_RUNNING));
            return;
        }
        services.syncWorker().get().wakeUp();
        synchronized (this) {
            message = Message.of(Message.Kind.SYNC_WOKEN);
        }
        publish();
        refresh();
    }

    // ------------------------------------------------------------------------------------------------ users

    /** Adds a staff account (audited as USER_ADDED with this actor); wipes the passwords afterwards. */
    public void addUser(String name, Role role, char[] password, char[] repeated) {
        String n = name == null ? "" : name.strip();
        Message invalid;
        if (!permissions.manageUsers()) {
            invalid = Message.of(Message.Kind.USERS_NOT_PERMITTED);
        } else if (n.isEmpty() || password.length == 0 || role == null) {
            invalid = Message.of(Message.Kind.MISSING_INPUT);
        } else if (!n.matches(LoginViewModel.NAME_PATTERN)) {
            invalid = Message.of(Message.Kind.BAD_NAME);
        } else {
            invalid = passwordProblem(password, repeated);
        }
        if (refused(invalid, password, repeated)) {
            return;
        }
        synchronized (this) {
            if (addingUser) {
                Arrays.fill(password, '\0');
                return;
            }
            addingUser = true;
            message = null;
        }
        publish();
        services.executor().execute(() -> {
            Message why;
            try {
                if (services.visitLog().accounts().find(n).isPresent()) {
                    why = Message.of(Message.Kind.NAME_TAKEN, n);
                } else {
                    User u = services.visitLog().accounts().addUser(n, role, password, services.actor().name());
                    why = Message.of(Message.Kind.USER_ADDED, u.name(), u.role().name());
                }
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.INFO, "account refused: {0}", e.getMessage());
                why = Message.of(Message.Kind.BAD_NAME);
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "account not added: {0}", e.getMessage());
                why = Message.of(Message.Kind.STORAGE_FAILED);
            } finally {
                Arrays.fill(password, '\0');
            }
            synchronized (this) {
                addingUser = false;
                message = why;
                loading = true;
            }
            publish();
            load();
        });
    }

    private static UserRow row(Accounts.Account a, Instant now) {
        if (a.lockedByAdministrator()) {
            return new UserRow(a.name(), a.role(), UserRow.Lock.ADMINISTRATOR, Optional.empty());
        }
        if (a.lockedAt(now)) {
            return new UserRow(a.name(), a.role(), UserRow.Lock.FAILED_LOGINS, a.lockedUntil());
        }
        return new UserRow(a.name(), a.role());
    }

    /** Locks {@code name} until an administrator unlocks it (USER_LOCKED). Not the actor's own account. */
    public void lockUser(String name) {
        String n = name == null ? "" : name.strip();
        if (!n.isEmpty() && n.equals(services.actor().name()) && permissions.manageUsers()) {
            problem(Message.of(Message.Kind.CANNOT_LOCK_SELF));
            return;
        }
        changeUser(n, () -> {
            services.visitLog().accounts().lock(n, services.actor().name());
            return Message.of(Message.Kind.USER_LOCKED, n);
        });
    }

    /** Lifts an administrator's lock or a lockout after wrong passwords (USER_UNLOCKED). */
    public void unlockUser(String name) {
        String n = name == null ? "" : name.strip();
        changeUser(n, () -> {
            services.visitLog().accounts().unlock(n, services.actor().name());
            return Message.of(Message.Kind.USER_UNLOCKED, n);
        });
    }

    /**
     * Sets a new password for {@code name} (PASSWORD_RESET; the password is never recorded), which also lifts any lock;
     * wipes both passwords afterwards.
     */
    public void resetPassword(String name, char[] password, char[] repeated) {
        String n = name == null ? "" : name.strip();
        Message invalid;
        if (!permissions.manageUsers()) {
            invalid = Message.of(Message.Kind.USERS_NOT_PERMITTED);
        } else if (n.isEmpty()) {
            invalid = Message.of(Message.Kind.NO_USER_SELECTED);
        } else if (password.length == 0) {
            invalid = Message.of(Message.Kind.MISSING_INPUT);
        } else {
            invalid = passwordProblem(password, repeated);
        }
        if (refused(invalid, password, repeated)) {
            return;
        }
        boolean started = changeUser(n, () -> {
            try {
                services.visitLog().accounts().resetPassword(n, password, services.actor().name());
                return Message.of(Message.Kind.PASSWORD_RESET, n);
            } finally {
                Arrays.fill(password, '\0');
            }
        });
        if (!started) {
            Arrays.fill(password, '\0');
        }
    }

    /** The rules for a new password: long enough and typed the same twice; null when it follows them. */
    private static Message passwordProblem(char[] password, char[] repeated) {
        if (password.length < LoginViewModel.MIN_PASSWORD) {
            return Message.of(Message.Kind.PASSWORD_TOO_SHORT, Integer.toString(LoginViewModel.MIN_PASSWORD));
        }
        return Arrays.equals(password, repeated) ? null : Message.of(Message.Kind.PASSWORDS_DIFFER);
    }

    /**
     * Wipes the repeated password, needed only for the checks; when the checks found a problem ({@code invalid} not
     * null) also wipes the password and shows the problem. True when the input was refused.
     */
    private boolean refused(Message invalid, char[] password, char[] repeated) {
        Arrays.fill(repeated, '\0');
        if (invalid == null) {
            return false;
        }
        Arrays.fill(password, '\0');
        problem(invalid);
        return true;
    }

    @FunctionalInterface
    private interface UserChange {
        Message run();
    }

    /** Checks the permission and the name, then runs {@code change} on the executor; false when it did not start. */
    private boolean changeUser(String name, UserChange change) {
        if (!permissions.manageUsers()) {
            problem(Message.of(Message.Kind.USERS_NOT_PERMITTED));
            return false;
        }
        if (name.isEmpty()) {
            problem(Message.of(Message.Kind.NO_USER_SELECTED));
            return false;
        }
        synchronized (this) {
            if (changingUser) {
                return false;
            }
            changingUser = true;
            message = null;
        }
        publish();
        services.executor().execute(() -> {
            Message why;
            try {
                why = change.run();
            } catch (IllegalStateException e) { // Accounts refuses to lock the last administrator nobody locked
                LOG.log(System.Logger.Level.INFO, "account change refused: {0}", e.getMessage());
                why = Message.of(Message.Kind.LAST_ADMINISTRATOR, name);
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.INFO, "account change refused: {0}", e.getMessage());
                why = name.equals(services.actor().name()) ? Message.of(Message.Kind.CANNOT_LOCK_SELF)
                        : Message.of(Message.Kind.NO_SUCH_USER, name);
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "account not changed: {0}", e.getMessage());
                why = Message.of(Message.Kind.STORAGE_FAILED);
            }
            synchronized (this) {
                changingUser = false;
                message = why;
                loading = true;
            }
            publish();
            load();
        });
        return true;
    }

    // ------------------------------------------------------------------------------------------------ dead letters

    /**
     * Queues the dead letter {@code key} again (OUTBOX_REQUEUED with this actor) and wakes the sync worker when one
     * runs; fix the cause first, or it comes back.
     */
    public void retryDeadLetter(UUID key) {
        if (!permissions.settings()) {
            problem(Message.of(Message.Kind.SETTINGS_NOT_PERMITTED));
            return;
        }
        if (key == null) {
            problem(Message.of(Message.Kind.DEAD_LETTER_GONE));
            return;
        }
        services.executor().execute(() -> {
            Message why;
            try {
                Optional<OutboxState.DeadLetter> dead = new VisitLogOutbox(services.visitLog()).state().deadLetters()
                        .stream().filter(d -> d.idempotencyKey().equals(key)).findFirst();
                if (dead.isPresent() && new VisitLogOutbox(services.visitLog())
                        .requeueDeadLetter(key, services.actor().name())) {
                    why = Message.of(Message.Kind.DEAD_LETTER_REQUEUED, dead.get().kind().name());
                    services.syncWorker().ifPresent(SyncWorker::wakeUp);
                } else {
                    why = Message.of(Message.Kind.DEAD_LETTER_GONE);
                }
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "dead letter not requeued: {0}", e.getMessage());
                why = Message.of(Message.Kind.STORAGE_FAILED);
            }
            synchronized (this) {
                message = why;
                loading = true;
            }
            publish();
            load();
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void problem(Message why) {
        synchronized (this) {
            message = why;
        }
        publish();
    }

    private static List<Setting> settings(AdminServices s) {
        List<Setting> out = new ArrayList<>();
        out.add(new Setting("terminalId", s.visitLog().terminalId()));
        out.add(new Setting("facilityCode", s.visitLog().facilityCode().isEmpty() ? "—" : s.visitLog().facilityCode()));
        out.add(new Setting("timeZone", s.visitLog().zone().getId()));
        out.add(new Setting("dataDirectory", s.dataDirectory().toString()));
        out.add(new Setting("configFile", s.sync().configFile().toString()));
        switch (s.sync()) {
            case TerminalSyncSetup.Configured c -> {
                SyncConfig config = c.config();
                out.add(new Setting("syncProvider", config.provider().name()));
                out.add(new Setting("syncUrl", withoutUserInfo(config.baseUrl())));
                out.add(new Setting("syncFacilityCode", config.facilityCode()));
                out.add(new Setting("syncPins", config.certificatePins().isEmpty() ? "—"
                        : Integer.toString(config.certificatePins().size())));
                out.add(new Setting("syncClientCertificate", config.clientCertificate().isPresent() ? "YES" : "NO"));
            }
            case TerminalSyncSetup.NotConfigured n -> out.add(new Setting("syncProvider", "NOT_CONFIGURED"));
            case TerminalSyncSetup.Misconfigured m -> out.add(new Setting("syncProvider", "MISCONFIGURED"));
        }
        out.addAll(s.counterSettings());
        VerificationPolicy p = s.policy();
        out.add(new Setting("policyName", p.name()));
        out.add(new Setting("policyValidityModel", p.validityModel().name()));
        out.add(new Setting("policyRevocationUnknown", p.revocationUnknownLevel().name()));
        out.add(new Setting("policyChipAuthenticationMissing", p.chipAuthenticationMissingLevel().name()));
        out.add(new Setting("policyChipAuthentication", p.level(CheckId.CHIP_AUTHENTICATION).name()));
        out.add(new Setting("policyDocumentExpiry", p.level(CheckId.DOCUMENT_EXPIRY).name()));
        out.add(new Setting("policySha1", p.sha1Level().name()));
        out.add(new Setting("policyRsaMinimumBits", Integer.toString(p.rsaMinimumBits())));
        return out;
    }

    /** The endpoint without any user:password part, which may be a secret. */
    private static String withoutUserInfo(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getPath() == null ? "" : uri.getPath());
    }
}
