package vn.clinicterm.terminal.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.ChipReader;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.verify.Verifier;
import vn.clinicterm.cardsim.SimCard;
import vn.clinicterm.cardsim.SimTerminals;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.centralsim.CentralSim;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.consent.ConsentPolicy;
import vn.clinicterm.terminal.handoff.HandoffServer;
import vn.clinicterm.terminal.reception.Reception;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.checkin.CheckInSettings;
import vn.clinicterm.terminal.sync.TerminalSync;

/**
 * Everything {@code clinicterm demo} needs, on this machine only: a temporary data directory, a trust store holding
 * the simulator's test CSCAs, an embedded central-sim on 127.0.0.1 configured as the central service, a visit log
 * with a reception account that is logged in, the sync worker, an in-JVM virtual reader with a tray of
 * {@link DemoCard}s, and the hand-off API for a hospital system on 127.0.0.1 (an ephemeral port) with a token for
 * the client {@value #HANDOFF_CLIENT}. The view model on top runs the real code paths (consent policy, ChipReader,
 * Verifier, VisitLog, SyncWorker, HandoffServer); the consent policy is a private facility's, so staff confirm the
 * patient's consent before a chip is read, as a private clinic must. {@link #close()} stops everything and deletes the
 * directory, the token file with it.
 */
public final class DemoEnvironment implements AutoCloseable {

    public static final String STAFF_USER = "le.tan.demo";
    public static final String TERMINAL_ID = "demo-quay-1";
    /** The hand-off client the demo creates a token for. */
    public static final String HANDOFF_CLIENT = "demo-his";

    private final Path home;
    private final SimTerminals terminals;
    private final String reader;
    private final CardReaders readers;
    private final TrustStore trust;
    private final SyncConfig syncConfig;
    private final CentralSim central;
    private final VisitLog visitLog;
    private final ScheduledExecutorService syncScheduler;
    private final TerminalSync sync;
    private final TaskExecutor executor;
    private final ReceptionViewModel viewModel;
    private final Reception reception;
    private final HandoffServer handoff;
    private final String handoffToken;
    private final Path handoffTokenFile;
    private final Map<DemoCard, SimCard> cards = new EnumMap<>(DemoCard.class);
    private volatile DemoCard inserted;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoEnvironment(TaskExecutor executor) throws IOException {
        this.executor = executor;
        home = Files.createTempDirectory("clinicterm-demo-");
        AppDirectories dirs = new AppDirectories(home);
        Clock clock = Clock.systemDefaultZone();

        Path pki = home.resolve("test-pki");
        TestPki.standard().exportTo(pki);
        trust = TrustStore.open(dirs.trustStore(), Clock.systemUTC());
        for (String file : new String[] {"csca-brainpool.der", "csca-rsapss.der", "csca.crl"}) {
            ImportReport r = trust.importFile(pki.resolve(file));
            if (!r.accepted()) {
                throw new IOException("the demo trust store refused " + file);
            }
        }
        Verifier verifier = Verifier.builder().trustStore(trust).clock(Clock.systemUTC()).build();

        // the central service and, on the same simulator, the BHXH gateway's check-in endpoint (XML0, issue 9)
        central = CentralSim.builder().port(0)
                .checkInReceiver(new vn.clinicterm.centralsim.SimCheckInReceiver(Clock.systemUTC())).start();
        CheckInSettings checkIn = CheckInSettings.of(java.net.URI.create(central.baseUrl()), "79",
                CentralSim.DEFAULT_FACILITY, CentralSim.DEFAULT_PASSWORD);
        SyncConfig config = SyncConfig.builder().baseUrl(central.baseUrl()).facilityCode(CentralSim.DEFAULT_FACILITY)
                .connectTimeout(Duration.ofSeconds(3)).callTimeout(Duration.ofSeconds(15)).build();
        syncConfig = config;

        visitLog = VisitLog.builder().database(dirs.database()).clock(clock).terminalId(TERMINAL_ID)
                .facilityCode(CentralSim.DEFAULT_FACILITY).open();
        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();
        visitLog.accounts().addUser(STAFF_USER, Role.RECEPTION, password, "setup");
        if (!(visitLog.accounts().authenticate(STAFF_USER, password)
                instanceof vn.clinicterm.terminal.storage.LoginOutcome.Authenticated(User staff))) {
            throw new IllegalStateException("the demo account could not log in");
        }
        java.util.Arrays.fill(password, '\0');

        terminals = SimTerminals.withReaders(1);
        reader = terminals.readerNames().getFirst();
        readers = CardReaders.of(terminals.factory());

        syncScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clinicterm-sync");
            t.setDaemon(true);
            return t;
        });
        ReceptionViewModel[] vm = new ReceptionViewModel[1];
        sync = TerminalSync.builder(visitLog, config).listener(new vn.clinicterm.sync.SyncListener() {
            @Override
            public void eligibilityResolved(String visitId, vn.clinicterm.sync.EligibilityResult result) {
                if (vm[0] != null) {
                    vm[0].syncListener().eligibilityResolved(visitId, result);
                }
            }
        }).scheduler(syncScheduler).clock(clock).checkIn(checkIn).build();

        reception = Reception.builder().visitLog(visitLog).consentPolicy(ConsentPolicy.privateFacility())
                .clock(clock).build();
        handoff = HandoffServer.builder().reception(reception).checkIn(checkIn).port(0).start();
        handoffToken = visitLog.handoffTokens().create(HANDOFF_CLIENT, "demo-setup");
        handoffTokenFile = writeOwnerOnly(home.resolve("handoff").resolve(HANDOFF_CLIENT + ".token"), handoffToken);

        viewModel = new ReceptionViewModel(ReceptionServices.builder()
                .readers(readers)
                .cardReader(CardReadFunction.of(ChipReader.builder().clock(clock).build()))
                .verifier(verifier)
                .eligibility(sync.eligibility())
                .visitLog(visitLog)
                .staffUser(staff.name())
                .terminalId(TERMINAL_ID)
                .executor(executor)
                .pollInterval(Duration.ofMillis(100))
                .clock(clock)
                .demoKeys(this::keyFor)
                .reception(reception)
                .build());
        vm[0] = viewModel;
        sync.start();
        executor.execute(Verifier::prewarm);
    }

    /** Sets up the demo (a second or two: key generation for the simulated chips happens on first insert). */
    public static DemoEnvironment start() throws IOException {
        return start(TaskExecutor.background("clinicterm-card"));
    }

    /** With the executor the reception flow runs on (tests record its threads). */
    public static DemoEnvironment start(TaskExecutor executor) throws IOException {
        return new DemoEnvironment(executor);
    }

    public ReceptionViewModel viewModel() {
        return viewModel;
    }

    public Path home() {
        return home;
    }

    public String readerName() {
        return reader;
    }

    public String centralUrl() {
        return central.baseUrl();
    }

    /** The virtual reader's card service, as the reception screen watches it. */
    public CardReaders readers() {
        return readers;
    }

    /** The trust store the demo's verifier uses: what is imported here counts for the next card. */
    public TrustStore trustStore() {
        return trust;
    }

    /** The sync and check-in workers, running against the embedded central-sim. */
    public TerminalSync sync() {
        return sync;
    }

    /** The demo's sync configuration (the embedded central-sim, this facility). */
    public SyncConfig syncConfig() {
        return syncConfig;
    }

    public VisitLog visitLog() {
        return visitLog;
    }

    /** The flow the demo's view model and hand-off API share. */
    public Reception reception() {
        return reception;
    }

    /** The hand-off API's base address, {@code http://127.0.0.1:PORT} (its routes start with {@code /v1}). */
    public String handoffUrl() {
        return handoff.baseUrl();
    }

    /** The bearer token of the hand-off client {@value #HANDOFF_CLIENT}. */
    public String handoffToken() {
        return handoffToken;
    }

    /**
     * Where the token is written for a HIS on this machine to read: a file only this user can read (on POSIX
     * systems {@code rw-------} in a {@code rwx------} directory), deleted with the demo directory.
     */
    public Path handoffTokenFile() {
        return handoffTokenFile;
    }

    public Optional<DemoCard> inserted() {
        return Optional.ofNullable(inserted);
    }

    /**
     * Puts {@code card} into the virtual reader (taking out any card there first). Building a simulated chip takes a
     * moment the first time, so this runs on the executor; call it from any thread.
     */
    public void insert(DemoCard card) {
        executor.execute(() -> {
            SimCard sim = simCard(card);
            if (terminals.isCardPresent(reader)) {
                // a hand swaps cards with a gap; the reader watch polls presence, so make that gap visible to it
                terminals.remove(reader);
                awaitReader(ReceptionState.ReaderStatus.EMPTY);
            }
            inserted = card;
            terminals.insert(reader, sim.chip());
        });
    }

    /** Takes the card out of the virtual reader. */
    public void remove() {
        executor.execute(() -> {
            inserted = null;
            terminals.remove(reader);
        });
    }

    private void awaitReader(ReceptionState.ReaderStatus status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (viewModel.state().readerStatus() != status && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized SimCard simCard(DemoCard card) {
        return cards.computeIfAbsent(card, c -> {
            SimCard.Builder b = SimCard.builder().citizen(c.citizen());
            c.fault().ifPresent(b::profile);
            return b.build();
        });
    }

    /** Demo-only convenience: the CAN printed on the card in the reader, as if staff had typed it. */
    private Optional<String> keyFor(String readerName) {
        DemoCard card = inserted;
        if (card == null || !readerName.equals(reader)) {
            return Optional.empty();
        }
        return Optional.of(simCard(card).citizen().can());
    }

    private static Path writeOwnerOnly(Path file, String secret) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(file.getParent(), ownerOnly("rwx------"));
            Files.createFile(file, ownerOnly("rw-------"));
        } else {
            // no POSIX permissions (Windows): the file inherits the user's own temporary directory's ACL
            Files.createDirectories(file.getParent());
            Files.createFile(file);
        }
        Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    private static FileAttribute<?> ownerOnly(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }

    /** Stops everything and deletes the directory; a second call does nothing (e.g. from a shutdown hook). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        viewModel.close();
        handoff.close();
        try {
            sync.stop(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sync.close();
        syncScheduler.shutdownNow();
        executor.close();
        central.close();
        visitLog.close();
        try (Stream<Path> all = Files.walk(home)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo directory " + home, e);
        }
    }
}
