package vn.clinicterm.terminal.cli;

import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.clinicterm.terminal.handoff.HandoffServer;
import vn.clinicterm.terminal.reception.Reception;
import vn.clinicterm.terminal.storage.HandoffTokens;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;

/** {@code clinicterm handoff token create|list|revoke} and {@code handoff serve}: the local API for the HIS. */
@Command(name = "handoff", mixinStandardHelpOptions = true,
        description = "The local hand-off API for the clinic's hospital system: client tokens, and serving it.",
        subcommands = {HandoffCommand.Token.class, HandoffCommand.Serve.class})
final class HandoffCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Cli.out());
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Per-client API tokens (admin). Only their hashes are stored.",
            subcommands = {Token.Create.class, Token.ListTokens.class, Token.Revoke.class})
    static final class Token implements Runnable {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(Cli.out());
        }

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = {"Creates a token for client NAME and prints it on standard output, once: it cannot be"
                        + " shown again. Names are never reused, even after revocation."},
                exitCodeListHeading = "Exit codes:%n",
                exitCodeList = {"0:created (the token is the only line on standard output)",
                        "2:bad options or an invalid name", VisitLogExitCodes.READ_ONLY_LINE,
                        VisitLogExitCodes.STORAGE_LINE, VisitLogExitCodes.LOGIN_LINE,
                        VisitLogExitCodes.PERMISSION_LINE, ReceptionExitCodes.CONFLICT_LINE})
        static final class Create implements Callable<Integer> {
            @Mixin
            StaffLogin login;

            @Parameters(paramLabel = "NAME", description = "the client, 1-64 letters, digits, '.', '-' or '_'")
            String name;

            @Override
            public Integer call() {
                return login.run("handoff token create", true, log -> {
                    User u = login.require(log, Role.Permission.SETTINGS, "handoff token create");
                    HandoffTokens tokens = log.handoffTokens();
                    if (tokens.list().stream().anyMatch(t -> t.name().equals(name))) {
                        Cli.err().println("clinicterm handoff token create: a client named " + name
                                + " already exists (names are not reused)");
                        return ReceptionExitCodes.CONFLICT;
                    }
                    String token;
                    try {
                        token = tokens.create(name, u.name());
                    } catch (IllegalArgumentException e) {
                        Cli.err().println("clinicterm handoff token create: " + e.getMessage());
                        return ExitCodes.USAGE;
                    }
                    Cli.out().println(token);
                    Cli.err().println("token for " + name + " created; give it to the HIS now, it is not shown again");
                    return ExitCodes.OK;
                });
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "Lists the clients: name, created when and by whom, live or revoked (never tokens).",
                exitCodeListHeading = "Exit codes:%n",
                exitCodeList = {"0:listed", "2:bad options", VisitLogExitCodes.STORAGE_LINE,
                        VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE})
        static final class ListTokens implements Callable<Integer> {
            @Mixin
            StaffLogin login;

            @Override
            public Integer call() {
                return login.run("handoff token list", false, log -> {
                    login.require(log, Role.Permission.SETTINGS, "handoff token list");
                    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
                    for (HandoffTokens.Token t : log.handoffTokens().list()) {
                        Cli.out().printf("%-24s created %s by %-12s %s%n", t.name(), f.format(t.createdAt()),
                                t.createdBy(), t.revokedAt().map(r -> "revoked " + f.format(r)).orElse("live"));
                    }
                    return ExitCodes.OK;
                });
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true,
                description = "Revokes client NAME's token at once; its next request gets 401.",
                exitCodeListHeading = "Exit codes:%n",
                exitCodeList = {"0:revoked", "2:bad options", VisitLogExitCodes.READ_ONLY_LINE,
                        VisitLogExitCodes.STORAGE_LINE, VisitLogExitCodes.LOGIN_LINE,
                        VisitLogExitCodes.PERMISSION_LINE, "60:no live token of that name"})
        static final class Revoke implements Callable<Integer> {
            @Mixin
            StaffLogin login;

            @Parameters(paramLabel = "NAME", description = "the client")
            String name;

            @Override
            public Integer call() {
                return login.run("handoff token revoke", true, log -> {
                    User u = login.require(log, Role.Permission.SETTINGS, "handoff token revoke");
                    if (!log.handoffTokens().revoke(name, u.name())) {
                        Cli.err().println("clinicterm handoff token revoke: no live token named " + name);
                        return ReceptionExitCodes.NOT_FOUND;
                    }
                    Cli.out().println("revoked " + name);
                    return ExitCodes.OK;
                });
            }
        }
    }

    /**
     * {@code handoff serve}: the API on loopback until Ctrl-C. Its event stream carries only the check-ins of this
     * process; the counter app serves the API itself for live events.
     */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serves the hand-off API on 127.0.0.1 until Ctrl-C (admin). Current patient, FHIR view and"
                    + " HIS data work from the visit database; the event stream only carries check-ins made by this"
                    + " process, so for live events use the counter app's own API.", "Contract: handoff-api-v1.yaml,"
                    + " docs/handoff.md."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:stopped by Ctrl-C", "2:bad options", VisitLogExitCodes.READ_ONLY_LINE,
                    VisitLogExitCodes.STORAGE_LINE, VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE,
                    ReceptionExitCodes.LISTEN_LINE})
    static final class Serve implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Option(names = "--port", defaultValue = "8765", paramLabel = "PORT",
                description = "the loopback port (default ${DEFAULT-VALUE})")
        int port;

        @Override
        public Integer call() {
            if (port < 1 || port > 65535) {
                Cli.err().println("clinicterm handoff serve: --port must be 1-65535");
                return ExitCodes.USAGE;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            CountDownLatch closed = new CountDownLatch(1);
            try {
                return login.run("handoff serve", true, log -> {
                    login.require(log, Role.Permission.SETTINGS, "handoff serve");
                    HandoffServer server;
                    try {
                        server = HandoffServer.builder().reception(Reception.builder().visitLog(log).build())
                                .port(port).start();
                    } catch (UncheckedIOException e) {
                        Cli.err().println("clinicterm handoff serve: " + e.getMessage());
                        return ReceptionExitCodes.LISTEN_FAILED;
                    }
                    // Ctrl-C runs the hook; it waits for the visit log to be closed here before the JVM halts
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        server.close();
                        stopped.countDown();
                        try {
                            closed.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, "handoff-shutdown"));
                    Cli.out().println("hand-off API on " + server.baseUrl() + "/v1 (Ctrl-C stops)");
                    try {
                        stopped.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        server.close();
                    }
                    return ExitCodes.OK;
                });
            } finally {
                closed.countDown();
            }
        }
    }
}
