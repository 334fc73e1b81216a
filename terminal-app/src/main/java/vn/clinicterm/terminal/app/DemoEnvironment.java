package vn.clinicterm.terminal.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.sync.TerminalSync;

/**
 * Everything {@code clinicterm demo} needs, on this machine only: a temporary data directory, a trust store holding
 * the simulator's test CSCAs, an embedded central-sim on 127.0.0.1 configured as the central service, a visit log
 * with a reception account that is logged in, the sync worker, and an in-JVM virtual reader with a tray of
 * {@link DemoCard}s. The view model on top runs the real code paths (ChipReader, Verifier, VisitLog, SyncWorker).
 * {@link #close()} stops everything and deletes the directory.
 */
public final class DemoEnvironment implements AutoCloseable {

    public static final String STAFF_USER = "le.tan.demo";
    public static final String TERMINAL_ID = "demo-quay-1";

    private final Path home;
    private final SimTerminals terminals;
    private final String reader;
    private final CentralSim central;
    private final VisitLog visitLog;
    private final ScheduledExecutorService syncScheduler;
    private final TerminalSync sync;
    private final TaskExecutor executor;
    private final ReceptionViewModel viewModel;
    private final Map<DemoCard, SimCard> cards = new EnumMap<>(DemoCard.class);
    private volatile DemoCard inserted;

    private DemoEnvironment(TaskExecutor executor) throws IOException {
        this.executor = executor;
        home = Files.createTempDirectory("clinicterm-demo-");
        AppDirectories dirs = new AppDirectories(home);
        Clock clock = Clock.systemDefaultZone();

        Path pki = home.resolve("test-pki");
        TestPki.standard().exportTo(pki);
        TrustStore trust = TrustStore.open(dirs.trustStore(), Clock.systemUTC());
        for (String file : new String[] {"csca-brainpool.der", "csca-rsapss.der", "csca.crl"}) {
            ImportReport r = trust.importFile(pki.resolve(file));
            if (!r.accepted()) {
                throw new IOException("the demo trust store refused " + file);
            }
        }
        Verifier verifier = Verifier.builder().trustStore(trust).clock(Clock.systemUTC()).build();

        central = CentralSim.builder().port(0).start();
        SyncConfig config = SyncConfig.builder().baseUrl(central.baseUrl()).facilityCode(CentralSim.DEFAULT_FACILITY)
                .connectTimeout(Duration.ofSeconds(3)).callTimeout(Duration.ofSeconds(15)).build();

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

        syncScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clinicterm-sync");
            t.setDaemon(true);
            return t;
        });
        ReceptionViewModel[] vm = new ReceptionViewModel[1];
        sync = TerminalSync.open(visitLog, config, new vn.clinicterm.sync.SyncListener() {
            @Override
            public void eligibilityResolved(String visitId, vn.clinicterm.sync.EligibilityResult result) {
                if (vm[0] != null) {
                    vm[0].refreshToday();
                }
            }
        }, syncScheduler, clock);

        viewModel = new ReceptionViewModel(ReceptionServices.builder()
                .readers(CardReaders.of(terminals.factory()))
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
                .build());
        vm[0] = viewModel;
        sync.worker().start();
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

    public VisitLog visitLog() {
        return visitLog;
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

    @Override
    public void close() {
        viewModel.close();
        try {
            sync.worker().stop(Duration.ofSeconds(2));
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
