package vn.clinicterm.terminal.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.clinicterm.sync.OutboxState;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncConfigException;
import vn.clinicterm.sync.SyncListener;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigException;
import vn.clinicterm.terminal.config.TerminalConfig;
import vn.clinicterm.terminal.storage.Health;
import vn.clinicterm.terminal.storage.StorageException;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitLogOutbox;
import vn.clinicterm.terminal.sync.TerminalSync;

/** {@code clinicterm sync status|run}: the outbox of the visit database and its delivery to the central service. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "The queue of visits and eligibility checks waiting for the central service.",
        subcommands = {SyncCommand.Status.class, SyncCommand.Run.class})
public final class SyncCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Cli.out());
    }

    static Path database(Path db) {
        return db != null ? db : AppDirectories.fromEnvironment().database();
    }

    /** @throws ConfigException when {@code terminal.id} is invalid (the key and its file are named) */
    static VisitLog open(Path db, String facilityCode) {
        String terminal = TerminalConfig.fromEnvironment().terminalId();
        return VisitLog.builder().database(database(db)).clock(Clock.systemDefaultZone()).terminalId(terminal)
                .facilityCode(facilityCode).open();
    }

    static Map<String, Object> toJson(OutboxState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("queued", s.queued());
        m.put("inFlight", s.inFlight());
        m.put("done", s.done());
        m.put("lastSuccess", s.lastSuccess().map(Object::toString).orElse(null));
        List<Map<String, Object>> dead = new ArrayList<>();
        for (OutboxState.DeadLetter d : s.deadLetters()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("idempotencyKey", d.idempotencyKey().toString());
            e.put("kind", d.kind().name());
            e.put("at", d.at().toString());
            e.put("reason", d.reason());
            dead.add(e);
        }
        m.put("deadLetters", dead);
        return m;
    }

    static void print(OutboxState s) {
        Cli.out().println("queued:       " + s.queued());
        Cli.out().println("in flight:    " + s.inFlight());
        Cli.out().println("delivered:    " + s.done());
        Cli.out().println("last success: " + s.lastSuccess().map(Object::toString).orElse("never"));
        Cli.out().println("dead letters: " + s.deadLetters().size());
        for (OutboxState.DeadLetter d : s.deadLetters()) {
            Cli.out().println("  " + d.idempotencyKey() + "  " + d.kind() + "  " + d.at() + "  " + d.reason());
        }
    }

    /** {@code sync status}: reads the database only; no network. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows the outbox: queued, in flight, delivered, last success and the dead letters"
                    + " (entries the server refused for good; for IT).",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:shown", "2:bad options", VisitLogExitCodes.STORAGE_LINE, SyncExitCodes.CONFIG_LINE})
    static final class Status implements Callable<Integer> {

        @Option(names = "--db", paramLabel = "FILE",
                description = "the visit database (default: clinicterm.db in the data directory)")
        Path db;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @Override
        public Integer call() {
            try (VisitLog log = open(db, "")) {
                OutboxState s = new VisitLogOutbox(log).state();
                if (json) {
                    Cli.out().println(Json.object(toJson(s)));
                } else {
                    print(s);
                }
                return ExitCodes.OK;
            } catch (StorageException e) {
                Cli.err().println("clinicterm sync status: " + e.getMessage());
                return VisitLogExitCodes.STORAGE_FAILED;
            } catch (ConfigException e) {
                Cli.err().println("clinicterm sync status: " + e.getMessage());
                return SyncExitCodes.CONFIG;
            }
        }
    }

    /** {@code sync run}: one drain on this thread, then exit; the app runs the same worker in the background. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Sends what the outbox holds (visits, queued eligibility checks) until it is empty or the"
                    + " timeout passes; answers update their visits. Entries left over stay queued for next time.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:the outbox is drained (dead letters aside)", "2:bad options",
                VisitLogExitCodes.READ_ONLY_LINE, VisitLogExitCodes.STORAGE_LINE, SyncExitCodes.CONFIG_LINE,
                "55:entries are still queued after the timeout (server down?); they stay queued"},
            footer = SyncExitCodes.KEYS)
    static final class Run implements Callable<Integer> {

        @Option(names = "--db", paramLabel = "FILE",
                description = "the visit database (default: clinicterm.db in the data directory)")
        Path db;

        @Option(names = "--timeout", paramLabel = "S", defaultValue = "60",
                description = "give up after this many seconds (default ${DEFAULT-VALUE})")
        long timeoutSeconds;

        @Option(names = "--json", description = "print the outbox state afterwards as one JSON object")
        boolean json;

        @Mixin
        SyncOptions sync;

        @Override
        public Integer call() {
            if (timeoutSeconds <= 0) {
                Cli.err().println("clinicterm sync run: --timeout must be positive");
                return ExitCodes.USAGE;
            }
            SyncConfig config;
            try {
                config = sync.load();
            } catch (SyncConfigException e) {
                Cli.err().println("clinicterm sync run: " + e.getMessage());
                return SyncExitCodes.CONFIG;
            }
            try (VisitLog log = open(db, config.facilityCode())) {
                if (log.health() instanceof Health.ReadOnly(String reason)) {
                    Cli.err().println("clinicterm sync run: " + reason);
                    return VisitLogExitCodes.READ_ONLY;
                }
                try (TerminalSync sync = TerminalSync.open(log, config, SyncListener.NONE)) {
                    boolean drained = sync.worker().drain(Duration.ofSeconds(timeoutSeconds));
                    OutboxState s = sync.worker().state();
                    if (json) {
                        Cli.out().println(Json.object(toJson(s)));
                    } else {
                        print(s);
                        sync.worker().status().lastError().ifPresent(e -> Cli.out().println("last error:   " + e));
                    }
                    return drained ? ExitCodes.OK : SyncExitCodes.NOT_DRAINED;
                }
            } catch (SyncConfigException | ConfigException e) {
                Cli.err().println("clinicterm sync run: " + e.getMessage());
                return SyncExitCodes.CONFIG;
            } catch (StorageException e) {
                Cli.err().println("clinicterm sync run: " + e.getMessage());
                return VisitLogExitCodes.STORAGE_FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SyncExitCodes.NOT_DRAINED;
            }
        }
    }
}
