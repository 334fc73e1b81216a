package vn.clinicterm.terminal.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.ChipReader;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.verify.Verifier;
import vn.clinicterm.cardsim.LinkModel;
import vn.clinicterm.cardsim.SimCard;
import vn.clinicterm.cardsim.SimTerminals;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.centralsim.CentralSim;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.sync.TerminalSync;

/**
 * Issue 7's reception benchmark: card insert → identity on screen, and → verified + eligibility shown, through the
 * real view model (reader watch, ChipReader with PACE + secure messaging, Verifier, eligibility from a central-sim on
 * loopback) on simulated cards behind the 424 kbit/s, 6 ms-per-APDU link model. "On screen" is the view-model state
 * the window renders on its next pulse (≤ 16.7 ms later at 60 Hz; not included).
 *
 * <p>Runs two fresh JVMs — the app's launch sequence with the background pre-warm (finished before the first card
 * arrives) and without it — each timing the first card and then 10 more. Rerun from terminal-app with the test class
 * path: {@code java --enable-native-access=ALL-UNNAMED -cp <test classpath> vn.clinicterm.terminal.app.InsertToScreenBenchmark}.
 */
public final class InsertToScreenBenchmark {

    private static final LinkModel LINK = new LinkModel(424, Duration.ofMillis(6));
    /** Insured synthetic citizens (central-sim: n % 10 == 7 is unknown, n % 10 == 3 expired). */
    private static final int[] CITIZENS = {1, 2, 4, 5, 6, 8, 9, 11, 12, 14, 15};

    private InsertToScreenBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args.length > 1 && args[1].equals("--prewarm"));
            return;
        }
        for (String mode : new String[] {"--prewarm", "--no-prewarm", "--prewarm", "--no-prewarm"}) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    InsertToScreenBenchmark.class.getName(), "--child", mode));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            System.out.print(new String(p.getInputStream().readAllBytes()));
            p.waitFor();
        }
    }

    private static void child(boolean prewarm) throws Exception {
        Path home = Files.createTempDirectory("clinicterm-insert-bench-");
        Clock clock = Clock.systemDefaultZone();
        Thread warmup = prewarm ? Thread.ofPlatform().daemon().start(Verifier::prewarm) : null;

        Path pki = home.resolve("pki");
        TestPki.standard().exportTo(pki);
        TrustStore trust = TrustStore.open(home.resolve("trust"), Clock.systemUTC());
        for (String f : new String[] {"csca-brainpool.der", "csca-rsapss.der", "csca.crl"}) {
            trust.importFile(pki.resolve(f));
        }
        Verifier verifier = Verifier.builder().trustStore(trust).build();
        List<SimCard> cards = new ArrayList<>();
        for (int n : CITIZENS) {
            cards.add(SimCard.builder().citizen(n).build()); // chip keys are made here, not while timing
        }
        try (CentralSim central = CentralSim.builder().port(0).start();
                VisitLog log = VisitLog.builder().database(home.resolve("visits.db")).clock(clock)
                        .terminalId("bench").facilityCode(CentralSim.DEFAULT_FACILITY).open()) {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            SyncConfig config = SyncConfig.builder().baseUrl(central.baseUrl())
                    .facilityCode(CentralSim.DEFAULT_FACILITY).build();
            TerminalSync sync = TerminalSync.builder(log, config).scheduler(scheduler).clock(clock).build();
            SimTerminals terminals = SimTerminals.withReaders(1);
            String reader = terminals.readerNames().getFirst();
            ReceptionViewModel vm = new ReceptionViewModel(ReceptionServices.builder()
                    .readers(CardReaders.of(terminals.factory()))
                    .cardReader(CardReadFunction.of(ChipReader.builder().clock(clock).build()))
                    .verifier(verifier)
                    .eligibility(sync.eligibility())
                    .visitLog(log)
                    .staffUser("bench")
                    .terminalId("bench")
                    .executor(TaskExecutor.background("bench-card"))
                    .clock(clock)
                    .build());
            vm.start();
            if (warmup != null) {
                warmup.join(); // the first patient arrives after the launch warm-up finished
            }
            await(vm, s -> s.readerStatus() == ReceptionState.ReaderStatus.EMPTY, null);

            double[] identity = new double[cards.size()];
            double[] verified = new double[cards.size()];
            for (int i = 0; i < cards.size(); i++) {
                // staff confirm consent and type the CAN before the card goes on: the read starts at insertion
                vm.confirmConsent();
                vm.keyTyped(cards.get(i).citizen().can());
                vm.submitKey();
                long t0 = System.nanoTime();
                terminals.insert(reader, LINK.delaying(cards.get(i).chip()));
                long[] marks = new long[2];
                String name = cards.get(i).citizen().fullName(); // the previous patient stays until replaced
                Predicate<ReceptionState> shown = s -> s.patient().filter(p -> p.fullName().equals(name)).isPresent();
                await(vm, shown, () -> marks[0] = System.nanoTime());
                await(vm, shown.and(s -> s.verdict().isPresent() && s.eligibility().isPresent()
                        && !s.eligibilityChecking()), () -> marks[1] = System.nanoTime());
                identity[i] = (marks[0] - t0) / 1e6;
                verified[i] = (marks[1] - t0) / 1e6;
                terminals.remove(reader);
                await(vm, s -> s.readerStatus() == ReceptionState.ReaderStatus.EMPTY, null);
            }
            vm.close();
            sync.close();
            scheduler.shutdownNow();
            double[] restIdentity = Arrays.copyOfRange(identity, 1, identity.length);
            double[] restVerified = Arrays.copyOfRange(verified, 1, verified.length);
            System.out.printf(Locale.ROOT, "%s: first card identity %.0f ms, verified+eligible %.0f ms;"
                            + " next %d cards median identity %.0f ms, verified+eligible %.0f ms%n",
                    prewarm ? "launch with pre-warm" : "launch without pre-warm", identity[0], verified[0],
                    restIdentity.length, median(restIdentity), median(restVerified));
        } finally {
            try (var s = Files.walk(home)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temp files left behind
            }
        }
    }

    /** Waits until the view model's state matches; runs {@code mark} in the listener the moment it does. */
    private static void await(ReceptionViewModel vm, Predicate<ReceptionState> condition, Runnable mark)
            throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.Consumer<ReceptionState> listener = s -> {
            if (condition.test(s) && first.compareAndSet(false, true)) {
                if (mark != null) {
                    mark.run();
                }
                done.countDown();
            }
        };
        vm.addListener(listener);
        try {
            listener.accept(vm.state());
            if (!done.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("the reception screen did not get there: " + vm.state());
            }
        } finally {
            vm.removeListener(listener);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
