package vn.clinicterm.terminal.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
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
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncListener;
import vn.clinicterm.terminal.checkin.CheckInSettings;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigException;
import vn.clinicterm.terminal.config.ConfigFiles;
import vn.clinicterm.terminal.config.ConfigKeys;
import vn.clinicterm.terminal.config.TerminalConfig;
import vn.clinicterm.terminal.config.TrustAnchors;
import vn.clinicterm.terminal.consent.ConsentPolicy;
import vn.clinicterm.terminal.handoff.HandoffServer;
import vn.clinicterm.terminal.handoff.PatientLine;
import vn.clinicterm.terminal.reception.Reception;
import vn.clinicterm.terminal.storage.PasswordHashing;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.sync.TerminalSync;

/**
 * A real counter ({@code clinicterm} without arguments): the machine's PC/SC readers, and in the data directory
 * ({@link AppDirectories}: {@code CLINICTERM_HOME} or the platform's place) the visit log, its accounts and the trust
 * store; the settings come from the layered configuration ({@link TerminalConfig}: the system-wide file, the data
 * directory's {@code clinicterm.properties}, the environment):
 * <ul>
 *   <li>{@code terminal.id} names the terminal in visits and the audit log;
 *   <li>{@code consent.facilityType} ({@code private}, the default, or {@code public}) sets the consent policy of the
 *       one {@link Reception} every reception screen and the hand-off API share;
 *   <li>{@code sync.*} names the central service: the sync worker then runs, and its late eligibility answers reach
 *       the reception screen and the hand-off event stream;
 *   <li>any {@code checkin.*} key (with {@code sync.*} and {@code sync.password}) also starts the BHXH check-in worker,
 *       and lets the hand-off API queue check-in records;
 *   <li>{@code handoff.port} starts the hand-off API for the hospital system on 127.0.0.1 (everywhere with
 *       {@code handoff.allowNetwork=true});
 *   <li>{@code handoff.patientLine} and {@code handoff.patientLineSeparator} give the field order and separator of the
 *       patient line the reception screen copies for a hospital system without an integration;
 *   <li>{@code trust.anchors} names the trust material (IT's preset) the trust store is provisioned from before the
 *       first card ({@link TrustAnchors}); a file refused or unreadable is shown on the admin screen, and the store
 *       keeps what it had.
 * </ul>
 *
 * <p>A bad {@code terminal.id}, {@code consent.facilityType}, {@code handoff.patientLine} or
 * {@code handoff.patientLineSeparator} stops the start with a {@link ConfigException} naming the key and the file:
 * every visit carries the first two, and the patient line is pasted into another system's fields, so guessing (an ID
 * number where that system expects the name) is worse than not starting. Nothing else refuses to start
 * for a missing or broken part: without a card service the reception screen says so and keeps looking; an unusable
 * trust store leaves cards readable but unverifiable; a sync, check-in or hand-off setting that does not work leaves
 * that part off and the admin screen says why. A visit log that cannot be opened at all stops the start too
 * ({@link vn.clinicterm.terminal.storage.StorageException}).
 *
 * <p>Staff log in through {@link #login()}; {@link #session(User)} then gives the screens their role allows. Close the
 * environment to stop the hand-off API and the workers and close the database.
 */
public final class TerminalEnvironment implements TerminalModels, AutoCloseable {

    /** The environment variable of {@code terminal.id} ({@link ConfigKeys#TERMINAL_ID}). */
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
    private final PatientLine patientLine;
    private final VisitLog visitLog;
    private final Reception reception;
    private final Optional<TrustStore> trust;
    private final Optional<String> trustProblem;
    private final TrustAnchors.Outcome trustAnchors;
    private final VerificationPolicy policy;
    private final Optional<Verifier> verifier;
    private final TerminalSyncSetup syncSetup;
    private final ScheduledExecutorService syncScheduler;
    private final TerminalSync sync;
    private final boolean checkInsRunning;
    private final Optional<String> checkInProblem;
    private final HandoffServer handoff;
    private final Optional<String> handoffProblem;
    private volatile ReceptionViewModel currentReception;

    private TerminalEnvironment(Builder b) throws IOException {
        Map<String, String> env = b.environment != null ? b.environment : System.getenv();
        this.dirs = b.directories != null ? b.directories : AppDirectories.from(env);
        this.clock = b.clock;
        this.pollInterval = b.pollInterval;
        this.exportDirectory = b.exportDirectory != null ? b.exportDirectory
                : Path.of(System.getProperty("user.home", "."));

        CounterConfig counter = new CounterConfig(TerminalConfig.builder()
                .files(ConfigFiles.from(env).withTerminal(dirs.config())).environment(env).load(), env);
        // what every visit carries: refuse to start rather than guess (ConfigException names the key and file)
        this.terminalId = counter.terminalId();
        ConsentPolicy consent = counter.consentPolicy();
        this.patientLine = counter.patientLine();
        counter.config().warnings().forEach(w ->
                LOG.log(System.Logger.Level.WARNING, "configuration: {0}", w.describe()));
        Files.createDirectories(dirs.home());

        this.ownsExecutor = b.executor == null;
        this.executor = b.executor != null ? b.executor : TaskExecutor.background("clinicterm-card");
        this.readers = b.readers != null ? b.readers : CardReaders.platform();
        this.chipReader = ChipReader.builder().clock(clock).build();

        TerminalSyncSetup setup = TerminalSyncSetup.of(counter.config());
        String facility = setup instanceof TerminalSyncSetup.Configured c ? c.config().facilityCode() : "";
        this.visitLog = VisitLog.builder().database(dirs.database()).keyFile(VisitLog.defaultKeyFile(dirs.keys()))
                .clock(clock).terminalId(terminalId).facilityCode(facility).passwordHashing(b.passwordHashing)
                .open();
        this.reception = Reception.builder().visitLog(visitLog).consentPolicy(consent).clock(clock).build();

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
        // IT's preset trust material (trust.anchors) reaches every user's store before the first card is verified
        this.trustAnchors = store.map(t -> TrustAnchors.provision(counter.config(), t))
                .orElseGet(TrustAnchors.NotConfigured::new);
        if (trustAnchors.failed() || trustAnchors instanceof TrustAnchors.Imported) {
            LOG.log(trustAnchors.failed() ? System.Logger.Level.WARNING : System.Logger.Level.INFO, "{0}",
                    trustAnchors.describe());
        }
        this.trust = store;
        this.trustProblem = Optional.ofNullable(problem);
        this.policy = VerificationPolicy.clinicDefault();
        this.verifier = store.map(t -> Verifier.builder().trustStore(t).policy(policy).clock(Clock.systemUTC())
                .build());

        // check-ins: settings first, so that the hand-off API can queue records for the worker
        Optional<CheckInSettings> checkIn = Optional.empty();
        String checkInWhy = null;
        if (counter.checkInsConfigured()) {
            if (setup instanceof TerminalSyncSetup.Configured c) {
                try {
                    checkIn = counter.checkIn(c.config(), clock);
                } catch (IllegalArgumentException e) { // SyncConfigException or ConfigException: names the key
                    checkInWhy = e.getMessage();
                }
            } else {
                checkInWhy = "checkin.* is set, but check-ins go to the gateway that sync.url names, and sync is "
                        + (setup instanceof TerminalSyncSetup.Misconfigured m ? "misconfigured: " + m.reason()
                                : "not configured");
            }
        }

        ScheduledExecutorService scheduler = null;
        TerminalSync started = null;
        if (setup instanceof TerminalSyncSetup.Configured c) {
            scheduler = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "clinicterm-sync");
                t.setDaemon(true);
                return t;
            });
            RuntimeException failure = null;
            try {
                started = buildSync(c.config(), checkIn, scheduler);
            } catch (RuntimeException e) {
                failure = e;
            }
            if (started == null && checkIn.isPresent()) {
                // the check-in gateway's client could not be built: sync may still work without check-ins
                checkInWhy = String.valueOf(failure.getMessage());
                checkIn = Optional.empty();
                try {
                    started = buildSync(c.config(), checkIn, scheduler);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (started == null) { // e.g. a client certificate that cannot be read
                LOG.log(System.Logger.Level.WARNING, "sync not started: {0}", failure.getMessage());
                setup = new TerminalSyncSetup.Misconfigured(dirs.config(), String.valueOf(failure.getMessage()));
                scheduler.shutdownNow();
                scheduler = null;
            }
        }
        if (checkInWhy != null) {
            LOG.log(System.Logger.Level.WARNING, "check-ins not started: {0}", checkInWhy);
        }
        this.syncSetup = setup;
        this.syncScheduler = scheduler;
        this.sync = started;
        this.checkInsRunning = started != null && started.checkIns().isPresent();
        this.checkInProblem = Optional.ofNullable(checkInWhy);

        HandoffServer server = null;
        String handoffWhy = null;
        try {
            Optional<Integer> port = counter.handoffPort();
            if (port.isPresent()) {
                HandoffServer.Builder hb = HandoffServer.builder().reception(reception).port(port.get());
                if (counter.handoffAllowNetwork()) {
                    hb.bind(new InetSocketAddress(0).getAddress()).allowNonLoopback();
                }
                checkIn.ifPresent(hb::checkIn);
                server = hb.start();
            }
        } catch (ConfigException | IllegalStateException e) {
            handoffWhy = e.getMessage();
        } catch (UncheckedIOException e) { // the port is taken, or not ours to bind
            handoffWhy = e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : "");
        }
        if (handoffWhy != null) {
            LOG.log(System.Logger.Level.WARNING, "hand-off API not started: {0}", handoffWhy);
        }
        this.handoff = server;
        this.handoffProblem = Optional.ofNullable(handoffWhy);
        if (sync != null) {
            sync.start();
        }
        executor.execute(Verifier::prewarm);
    }

    /** The sync worker and, with check-in settings, the check-in worker; not started yet. */
    private TerminalSync buildSync(SyncConfig config, Optional<CheckInSettings> checkIn,
            ScheduledExecutorService scheduler) {
        TerminalSync.Builder sb = TerminalSync.builder(visitLog, config).listener(new SyncListener() {
            @Override
            public void eligibilityResolved(String visitId, EligibilityResult result) {
                lateEligibility(visitId, result);
            }
        }).scheduler(scheduler).clock(clock);
        checkIn.ifPresent(sb::checkIn);
        return sb.build();
    }

    /**
     * An answer the outbox got after the visit was stored (already written into the visit): the open reception screen
     * refreshes its list and announces it on the shared {@link Reception}; with no reception screen open, the
     * announcement still goes out, for the hand-off event stream.
     */
    private void lateEligibility(String visitId, EligibilityResult result) {
        ReceptionViewModel vm = currentReception;
        if (vm != null) {
            vm.syncListener().eligibilityResolved(visitId, result);
            return;
        }
        if (result instanceof EligibilityResult.Pending) {
            return;
        }
        try {
            reception.eligibilityKnown(Long.parseLong(visitId), ReceptionViewModel.storedEligibility(result));
        } catch (NumberFormatException e) {
            LOG.log(System.Logger.Level.WARNING, "an eligibility answer for a visit id that is no number");
        }
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

    /**
     * What provisioning the trust store from {@code trust.anchors} did at the start ({@link TrustAnchors}); {@link
     * TrustAnchors.NotConfigured} also when there is no trust store to provision.
     */
    public TrustAnchors.Outcome trustAnchors() {
        return trustAnchors;
    }

    /** The check-in flow every reception screen and the hand-off API share (its consent policy included). */
    public Reception reception() {
        return reception;
    }

    /** The hand-off API's address, {@code http://127.0.0.1:PORT}; empty when it is not configured or did not start. */
    public Optional<String> handoffUrl() {
        return Optional.ofNullable(handoff).map(HandoffServer::baseUrl);
    }

    /** Why the configured hand-off API is not running (a bad {@code handoff.*} value, a port in use). */
    public Optional<String> handoffProblem() {
        return handoffProblem;
    }

    /** Whether the BHXH check-in worker runs. */
    public boolean checkInsRunning() {
        return checkInsRunning;
    }

    /** Why check-ins are off although a {@code checkin.*} key is set (the key at fault named). */
    public Optional<String> checkInProblem() {
        return checkInProblem;
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
                .clock(clock)
                .reception(reception)
                .patientLine(patientLine);
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
                .setting("consentPolicy", reception.policy().required() ? "PRIVATE" : "PUBLIC")
                .setting("handoff", handoffUrl().or(() -> handoffProblem).orElse("OFF"))
                .setting("checkIns", checkInsRunning ? "ON" : checkInProblem.orElse("OFF"))
                .setting("patientLine", patientLine.order().stream().map(Enum::name)
                        .collect(java.util.stream.Collectors.joining(", ")) + " (" + separatorName(patientLine) + ")")
                .dataDirectory(dirs.home())
                .executor(executor)
                .clock(clock);
        if (!(trustAnchors instanceof TrustAnchors.NotConfigured)) {
            b.setting("trustAnchors", trustAnchors.describe());
        }
        trust.ifPresent(b::trustStore);
        trustProblem.ifPresent(b::trustProblem);
        if (sync != null) {
            b.syncWorker(sync.worker());
        }
        return new AdminViewModel(b.build());
    }

    @Override
    public void close() {
        if (handoff != null) {
            handoff.close();
        }
        if (sync != null) {
            try {
                sync.stop(Duration.ofSeconds(2));
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

        /** Default: {@link AppDirectories#from} the {@link #environment} ({@code CLINICTERM_HOME} overrides). */
        public Builder directories(AppDirectories v) { directories = v; return this; }

        /**
         * The environment the configuration is read with: {@code CLINICTERM_SYSTEM_CONFIG} (another system-wide file),
         * {@code CLINICTERM_HOME} (when no {@link #directories} are given), the keys' variables ({@value
         * #TERMINAL_ID_VARIABLE}, {@code CLINICTERM_CENTRAL_URL}, …) and the signing password's {@code env:} source.
         * Default: {@link System#getenv()}.
         */
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
         * @throws ConfigException when {@code terminal.id}, {@code consent.facilityType},
         *     {@code handoff.patientLine} or {@code handoff.patientLineSeparator} is invalid, or the file that would set
         *     them cannot be read (the message names the key or file)
         * @throws vn.clinicterm.terminal.storage.StorageException when the visit log cannot be opened at all
         */
        public TerminalEnvironment open() throws IOException {
            return new TerminalEnvironment(this);
        }
    }

    private static String separatorName(PatientLine line) {
        return switch (line.separator()) {
            case "\t" -> "tab";
            case ";" -> "semicolon";
            case "," -> "comma";
            case "|" -> "pipe";
            case "\n" -> "newline";
            default -> "\"" + line.separator() + "\"";
        };
    }
}
