package vn.clinicterm.terminal.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigException;
import vn.clinicterm.terminal.config.TerminalConfig;
import vn.clinicterm.terminal.storage.Health;
import vn.clinicterm.terminal.storage.LoginOutcome;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.StorageException;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;

/**
 * Options shared by the visit-log verbs: which database, and who is acting. The password comes from
 * {@code --password-file} or the first line of standard input, never from the command line.
 */
final class StaffLogin {

    @Option(names = "--db", paramLabel = "FILE",
            description = "the visit database (default: clinicterm.db in the data directory; CLINICTERM_HOME moves it);"
                    + " its key file is keys/visit-log.keys beside it")
    Path db;

    @Option(names = {"-u", "--user"}, paramLabel = "NAME", description = "the staff account acting")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "read the password from this file's first line (default: standard input)")
    Path passwordFile;

    private BufferedReader stdin;

    /** Standard input, read through one reader so that several lines (two passwords) are not lost to buffering. */
    BufferedReader stdin() {
        if (stdin == null) {
            stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return stdin;
    }

    Path database() {
        return db != null ? db : AppDirectories.fromEnvironment().database();
    }

    VisitLog open() {
        String terminal;
        try {
            terminal = TerminalConfig.fromEnvironment().terminalId();
        } catch (ConfigException e) {
            throw fail(ExitCodes.USAGE, "configuration: " + e.getMessage());
        }
        return VisitLog.builder().database(database()).clock(Clock.systemDefaultZone()).terminalId(terminal).open();
    }

    /** Thrown out of a verb with the exit code to return; the message is already printed. */
    static final class Exit extends RuntimeException {
        final int code;

        Exit(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** Logs {@code --user} in and checks the permission; prints why not and throws {@link Exit} otherwise. */
    User require(VisitLog log, Role.Permission permission, String verb) {
        if (user == null) {
            throw fail(ExitCodes.USAGE, verb + ": --user is required");
        }
        char[] password = readPassword(verb);
        LoginOutcome outcome = log.accounts().authenticate(user, password);
        java.util.Arrays.fill(password, '\0');
        return switch (outcome) {
            case LoginOutcome.Authenticated(User u) -> {
                if (!u.may(permission)) {
                    throw fail(VisitLogExitCodes.NOT_PERMITTED, verb + ": the role " + u.role()
                            + " may not do this (needs " + permission + ")");
                }
                yield u;
            }
            case LoginOutcome.Rejected() -> throw fail(VisitLogExitCodes.LOGIN_FAILED,
                    verb + ": wrong user name or password");
            case LoginOutcome.LockedOut(var until) -> throw fail(VisitLogExitCodes.LOGIN_FAILED,
                    verb + ": the account is locked until " + until);
        };
    }

    char[] readPassword(String verb) {
        try {
            String line;
            if (passwordFile != null) {
                line = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            } else {
                line = stdin().readLine();
            }
            if (line == null || line.isEmpty()) {
                throw fail(ExitCodes.USAGE, verb + ": no password given (standard input or --password-file)");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw fail(ExitCodes.USAGE, verb + ": cannot read the password: " + e.getMessage());
        }
    }

    static Exit fail(int code, String message) {
        Cli.err().println("clinicterm " + message);
        return new Exit(code, message);
    }

    /** Runs a verb body with the log open, turning failures into exit codes with a message on stderr. */
    int run(String verb, boolean needsWritable, Body body) {
        try (VisitLog log = open()) {
            if (needsWritable && log.health() instanceof Health.ReadOnly(String reason)) {
                Cli.err().println("clinicterm " + verb + ": " + reason);
                return VisitLogExitCodes.READ_ONLY;
            }
            return body.run(log);
        } catch (Exit e) {
            return e.code;
        } catch (StorageException e) {
            Cli.err().println("clinicterm " + verb + ": " + e.getMessage());
            return VisitLogExitCodes.STORAGE_FAILED;
        } catch (IOException e) {
            Cli.err().println("clinicterm " + verb + ": " + e.getMessage());
            return VisitLogExitCodes.STORAGE_FAILED;
        }
    }

    @FunctionalInterface
    interface Body {
        int run(VisitLog log) throws IOException;
    }
}
