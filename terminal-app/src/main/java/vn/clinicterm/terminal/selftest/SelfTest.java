package vn.clinicterm.terminal.selftest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.TerminalConfig;

/**
 * Is this machine ready for the counter? Runs the checks side by side, within one time limit, and reports them in
 * a fixed order ({@link #CHECKS}): {@code configuration}, {@code javafx}, {@code crypto}, {@code database},
 * {@code trust-store}, {@code card-service}, {@code central-service}.
 *
 * <p>Contract: {@link #run()} never throws for what it finds; a check that throws or overruns its limit is a FAIL
 * naming why. It may create what a fresh install lacks (the data directory, an empty visit database with its key
 * file, an empty trust store), exactly as the app's first start would; it changes nothing that exists, except that
 * an older database schema is migrated, and the trust store is provisioned from {@code trust.anchors}
 * ({@link vn.clinicterm.terminal.config.TrustAnchors}), as the app's first start would.
 */
public final class SelfTest {

    /** The checks' names, in report order. */
    public static final List<String> CHECKS = List.of(ConfigurationCheck.NAME, JavaFxCheck.NAME, CryptoCheck.NAME,
            DatabaseCheck.NAME, TrustStoreCheck.NAME, CardServiceCheck.NAME, CentralServiceCheck.NAME);

    private final Map<String, String> env;
    private final String osName;
    private final CardReaders readers;
    private final Clock clock;
    private final Duration checkTimeout;
    private final Duration javafxTimeout;
    private final Duration centralTimeout;
    private final ExecutorService executor;

    private SelfTest(Builder b) {
        this.env = b.env;
        this.osName = b.osName;
        this.readers = b.readers != null ? b.readers : CardReaders.platform();
        this.clock = b.clock;
        this.checkTimeout = b.checkTimeout;
        this.javafxTimeout = b.javafxTimeout;
        this.centralTimeout = b.centralTimeout;
        this.executor = b.executor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check. */
    public SelfTestReport run() {
        return run(CHECKS);
    }

    /** Runs the named checks (names from {@link #CHECKS}), in report order. */
    public SelfTestReport run(List<String> names) {
        List<Check> checks = new ArrayList<>();
        for (Check c : List.<Check>of(new ConfigurationCheck(), new JavaFxCheck(), new CryptoCheck(),
                new DatabaseCheck(), new TrustStoreCheck(), new CardServiceCheck(), new CentralServiceCheck())) {
            if (names.contains(c.name())) {
                checks.add(c);
            }
        }
        SelfTestContext context = new SelfTestContext(env, osName, AppDirectories.from(env),
                TerminalConfig.load(env), readers, clock, javafxTimeout, centralTimeout);
        ExecutorService pool = executor != null ? executor
                : Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("self-test-", 0).factory());
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            for (Check c : checks) {
                futures.add(pool.submit(() -> timed(c, context)));
            }
            List<CheckResult> results = new ArrayList<>();
            long deadline = System.nanoTime() + checkTimeout.toNanos();
            for (int i = 0; i < checks.size(); i++) {
                results.add(await(checks.get(i), futures.get(i), deadline));
            }
            return new SelfTestReport(results);
        } finally {
            if (executor == null) {
                pool.shutdownNow();
            }
        }
    }

    private static CheckResult timed(Check check, SelfTestContext context) {
        long start = System.nanoTime();
        CheckResult result;
        try {
            result = check.run(context);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = CheckResult.fail(check.name(), "interrupted");
        } catch (Exception | LinkageError e) {
            // a missing class (a module left out of the runtime image) is a finding too
            result = CheckResult.fail(check.name(), e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return result.took(Duration.ofNanos(System.nanoTime() - start));
    }

    private CheckResult await(Check check, Future<CheckResult> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return CheckResult.fail(check.name(), "did not finish within " + seconds(checkTimeout)
                    + " (the time limit of the whole self-test)").took(checkTimeout);
        } catch (ExecutionException e) {
            return CheckResult.fail(check.name(), String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return CheckResult.fail(check.name(), "interrupted");
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    /** Where and how to check; everything has a default suitable for the installed app. */
    public static final class Builder {
        private Map<String, String> env = System.getenv();
        private String osName = System.getProperty("os.name", "");
        private CardReaders readers;
        private Clock clock = Clock.systemUTC();
        private Duration checkTimeout = Duration.ofSeconds(20);
        private Duration javafxTimeout = Duration.ofSeconds(10);
        private Duration centralTimeout = Duration.ofSeconds(5);
        private ExecutorService executor;

        private Builder() {}

        /**
         * The environment (default: the process's): it locates the data directory and the configuration files,
         * holds the configuration's environment variables, and says whether a display exists.
         */
        public Builder environment(Map<String, String> v) {
            env = Objects.requireNonNull(v);
            return this;
        }

        /** The operating system's name (default {@code os.name}); on Linux no display means headless. */
        public Builder osName(String v) {
            osName = Objects.requireNonNull(v);
            return this;
        }

        /** The readers to list (default: the platform's PC/SC readers). */
        public Builder cardReaders(CardReaders v) {
            readers = Objects.requireNonNull(v);
            return this;
        }

        /** For the trust store's freshness and the visit log (default: the system clock). */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v);
            return this;
        }

        /** The time all checks together may take (default 20 s); they run side by side. */
        public Builder checkTimeout(Duration v) {
            checkTimeout = Objects.requireNonNull(v);
            return this;
        }

        /** How long the JavaFX toolkit may take to start (default 10 s). */
        public Builder javafxTimeout(Duration v) {
            javafxTimeout = Objects.requireNonNull(v);
            return this;
        }

        /** The most the call to the central service may take (default 5 s). */
        public Builder centralTimeout(Duration v) {
            centralTimeout = Objects.requireNonNull(v);
            return this;
        }

        /** Runs the checks (default: a daemon thread per check, shut down afterwards). */
        public Builder executor(ExecutorService v) {
            executor = Objects.requireNonNull(v);
            return this;
        }

        public SelfTest build() {
            return new SelfTest(this);
        }
    }
}
