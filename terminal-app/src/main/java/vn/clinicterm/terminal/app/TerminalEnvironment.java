package vn.clinicterm.terminal.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.ChipReader;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.trust.TrustStoreCorruptedException;
import vn.clinicterm.card.verify.VerificationPolicy;
import vn.clinicterm.card.verify.Verifier;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.sync.SyncListener;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.storage.PasswordHashing;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.sync.TerminalSync;

/**
 * A real counter ({@code clinicterm} without arguments): the machine's PC/SC readers, and in the data directory
 * ({@link AppDirectories}: {@code CLINICTERM_HOME} or the platform's place) the visit log, its accounts, the trust
 * store and {@code clinicterm.properties}, whose {@code sync.*} keys (or the environment) name the central service.
 *
 * <p>Nothing here refuses to start for a missing part: without a card service the reception screen says so and keeps
 * looking; an unusable trust store leaves cards readable but unverifiable (the admin screen says why); without a
 * central service eligibility stays pending and visits wait in the outbox. Only a visit log that cannot be opened at
 * all stops the start ({@link vn.clinicterm.terminal.storage.StorageException}).
 *
 * <p>Staff log in through {@link #login()}; {@link #session(User)} then gives the screens their role allows. Close the
 * environment to stop the sync worker and close the database.
 */
public final class TerminalEnvironment implements TerminalModels, AutoCloseable {

    /** The terminal's id in visits and uploads (as for the command line); default {@code terminal}. */
    public static final String TERMINAL_ID_VARIABLE = "CLINICTERM_TERMINAL_ID";
    private static final System.Logger LOG = System.getLogger(TerminalEnvironment.class.getName());

    private final AppDirectories dirs;
    private final Clock clock;
    private final TaskExecutor executor;
    private final boolean ownsExecutor;
    private final CardReaders readers;
    private final ChipReader chipReader;
    private final Duration pollInterval;
    private final Path exportDirectory;
    private final String terminalId;
    private final VisitLog visitLog;
    private final Optional<TrustStore> trust;
    private final Optional<String> trustProblem;
    private final VerificationPolicy policy;
    private final Optional<Verifier> verifier;
    private final TerminalSyncSetup syncSetup;
    private final ScheduledExecutorService syncScheduler;
    private final TerminalSync sync;
    private volatile ReceptionViewModel currentReception;

    private TerminalEnvironment(Builder b) throws IOException {
        this.dirs = b.directories != null ? b.directories : AppDirectories.fromEnvironment();
        this.clock = b.clock;
        this.ownsExecutor = b.executor == null;
        this.executor = b.executor != null ? b.executor : TaskExecutor.background("clinicterm-card");
        this.readers = b.readers != null ? b.readers : CardReaders.platform();
        this.chipReader = ChipReader.builder().clock(clock).build();
        this.pollInterval = b.pollInterval;
        this.exportDirectory = b.exportDirectory != null ? b.exportDirectory
                : Path.of(System.getProperty("user.home", "."));
        Map<String, String> env = b.environment != null ? b.environment : System.getenv();
        this.terminalId = Optional.ofNullable(env.get(TERMINAL_ID_VARIABLE)).filter(s -> !s.isBlank())
                .orElse("terminal");
        Files.createDirectories(dirs.home());

        TerminalSyncSetup setup = TerminalSyncSetup.load(dirs.config(), env);
        String facility = setup instanceof TerminalSyncSetup.Configured c ? c.config().facilityCode() : "";
        this.visitLog = VisitLog.builder().database(dirs.database()).keyFile(VisitLog.defaultKeyFile(dirs.keys()))
                .clock(clock).terminalId(terminalId).facilityCode(facility).passwordHashing(b.passwordHashing)
                .open();

        Optional<TrustStore> store = Optional.empty();
        String problem = null;
        try {
            store = Optional.of(TrustStore.open(dirs.trustStore(), Clock.systemUTC()));
        } catch (TrustStoreCorruptedException e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = "cannot open the trust store in " + dirs.trustStore() + ": " + e.getMessage();
        }
        if (problem != null) {
            LOG.log(System.Logger.Level.WARNING, "trust store unusable: {0}", problem);
        }
        this.trust = store;
        this.trustProblem = Optional.ofNullable(problem);
        this.policy = VerificationPolicy.clinicDefault();
        this.verifier = store.map(t -> Verifier.builder().trustStore(t).policy(policy).clock(Clock.systemUTC())
                .build());

        ScheduledExecutorService scheduler = null;
        TerminalSync started = null;
        if (setup instanceof TerminalSyncSetup.Configured c) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "clinicterm-sync");
                t.setDaemon(true);
                return t;
            });
            try {
                started = TerminalSync.open(visitLog, c.config(), new SyncListener() {
                    @Override
                    public void eligibilityResolved(String visitId, EligibilityResult result) {
                        ReceptionViewModel vm = currentReception;
                        if (vm != null) {
                            vm.refreshToday();
                        }
                    }
                }, scheduler, clock);
                started.worker().start();
            } catch (RuntimeException e) { // e.g. a client certificate that cannot be read
                LOG.log(System.Logger.Level.WARNING, "sync not started: {0}", e.getMessage());
                setup = new TerminalSyncSetup.Misconfigured(dirs.config(), String.valueOf(e.getMessage()));
                scheduler.shutdownNow();
                scheduler = null;
                started = null;
            }
        }
        this.syncSetup = setup;
        this.syncScheduler = scheduler;
        this.sync = started;
        executor.execute(Verifier::prewarm);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a window can open here: on Linux, {@code DISPLAY} or {@code WAYLAND_DISPLAY} must be set. */
    public static boolean displayAvailable(Map<String, String> env, String osName) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return true;
        }
        return present(env.get("DISPLAY")) || present(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean present(String v) {
        return v != null && !v.isBlank();
    }

    /** A fresh login screen model over this terminal's accounts. */
    public LoginViewModel login() {
        return new LoginViewModel(visitLog, executor, clock);
    }

    /** The session of a user who logged in. */
    public TerminalSession session(User user) {
        return TerminalSession.of(user, this);
    }

    public Path home() {
        return dirs.home();
    }

    public VisitLog visitLog() {
        return visitLog;
    }

    public TerminalSyncSetup syncSetup() {
        return syncSetup;
    }

    public Optional<String> trustProblem() {
        return trustProblem;
    }

    public String terminalId() {
        return terminalId;
    }

    // ------------------------------------------------------------------------------------------------ models

    @Override
    public User actor(TerminalScreen screen, User loggedIn) {
        return loggedIn;
    }

    @Override
    public ReceptionViewModel reception(User actor) {
        ReceptionServices.Builder b = ReceptionServices.builder()
                .readers(readers)
                .cardReader(CardReadFunction.of(chipReader))
                .visitLog(visitLog)
                .staffUser(actor.name())
                .terminalId(terminalId)
                .executor(executor)
                .pollInterval(pollInterval)
                .clock(clock);
        verifier.ifPresent(b::verifier);
        if (sync != null) {
            b.eligibility(sync.eligibility());
        }
        ReceptionViewModel vm = new ReceptionViewModel(b.build());
        currentReception = vm;
        return vm;
    }

    @Override
    public boolean sessionOwnsReception() {
        return true;
    }

    @Override
    public AuditorViewModel auditor(User actor) {
        return new AuditorViewModel(visitLog, actor, executor, clock, exportDirectory);
    }

    @Override
    public AdminViewModel admin(User actor) {
        AdminServices.Builder b = AdminServices.builder()
                .readers(AdminServices.Readers.of(readers))
                .visitLog(visitLog)
                .actor(actor)
                .sync(syncSetup)
                .policy(policy)
                .dataDirectory(dirs.home())
                .executor(executor)
                .clock(clock);
        trust.ifPresent(b::trustStore);
        trustProblem.ifPresent(b::trustProblem);
        if (sync != null) {
            b.syncWorker(sync.worker());
        }
        return new AdminViewModel(b.build());
    }

    @Override
    public void close() {
        if (sync != null) {
            try {
                sync.worker().stop(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sync.close();
        }
        if (syncScheduler != null) {
            syncScheduler.shutdownNow();
        }
        if (ownsExecutor) {
            executor.close();
        }
        visitLog.close();
    }

    /** Options; every one has a default for the real counter. */
    public static final class Builder {
        private AppDirectories directories;
        private Map<String, String> environment;
        private CardReaders readers;
        private TaskExecutor executor;
        private Clock clock = Clock.systemDefaultZone();
        private PasswordHashing passwordHashing = PasswordHashing.STANDARD;
        private Duration pollInterval = Duration.ofMillis(250);
        private Path exportDirectory;

        private Builder() {}

        /** Default: {@link AppDirectories#fromEnvironment()} ({@code CLINICTERM_HOME} overrides). */
        public Builder directories(AppDirectories v) { directories = v; return this; }

        /** For {@code sync.*} overrides and {@value #TERMINAL_ID_VARIABLE}. Default: {@link System#getenv()}. */
        public Builder environment(Map<String, String> v) { environment = Map.copyOf(v); return this; }

        /** Default: the machine's PC/SC readers. */
        public Builder readers(CardReaders v) { readers = v; return this; }

        /** Where card, database and network work runs. Default: a background pool, closed with the environment. */
        public Builder executor(TaskExecutor v) { executor = v; return this; }

        public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }

        /** Argon2id parameters for new accounts. Default {@link PasswordHashing#STANDARD}. */
        public Builder passwordHashing(PasswordHashing v) { passwordHashing = Objects.requireNonNull(v); return this; }

        /** How often the reader watch polls. Default 250 ms. */
        public Builder pollInterval(Duration v) { pollInterval = Objects.requireNonNull(v); return this; }

        /** Where exports go unless the auditor picks a file. Default: the user's home directory. */
        public Builder exportDirectory(Path v) { exportDirectory = v; return this; }

        /**
         * Opens the data directory.
         *
         * @throws IOException when the data directory cannot be created
         * @throws vn.clinicterm.terminal.storage.StorageException when the visit log cannot be opened at all
         */
        public TerminalEnvironment open() throws IOException {
            return new TerminalEnvironment(this);
        }
    }
}
