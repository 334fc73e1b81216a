package vn.clinicterm.terminal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.clinicterm.terminal.storage.Accounts;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;

/** {@code clinicterm users}: local staff accounts. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Local staff accounts.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class})
final class UsersCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Cli.out());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds an account (admin; the very first account needs no login and should be an admin).",
                    "The new account's password is read from --new-password-file or the next line of standard input "
                            + "(after the admin's own password)."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:added", "2:bad options, taken name or short password", VisitLogExitCodes.STORAGE_LINE,
                    VisitLogExitCodes.READ_ONLY_LINE, VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE})
    static final class Add implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Parameters(paramLabel = "NAME", description = "the new account's name (letters, digits, . _ -)")
        String name;

        @Option(names = "--role", required = true, paramLabel = "R", description = "reception, auditor or admin")
        Role role;

        @Option(names = "--new-password-file", paramLabel = "FILE", description = "the new account's password")
        java.nio.file.Path newPasswordFile;

        @Override
        public Integer call() {
            return login.run("users add", true, log -> {
                Accounts accounts = log.accounts();
                String actor;
                if (accounts.none()) {
                    actor = "setup";
                } else {
                    actor = login.require(log, Role.Permission.MANAGE_USERS, "users add").name();
                }
                String line = newPasswordFile != null
                        ? java.nio.file.Files.readAllLines(newPasswordFile).stream().findFirst().orElse("")
                        : login.stdin().readLine();
                if (line == null || line.isEmpty()) {
                    Cli.err().println("clinicterm users add: no password for the new account");
                    return ExitCodes.USAGE;
                }
                try {
                    User u = accounts.addUser(name, role, line.toCharArray(), actor);
                    Cli.out().println("added " + u.name() + " (" + u.role().name().toLowerCase() + ")");
                    return ExitCodes.OK;
                } catch (IllegalArgumentException e) {
                    Cli.err().println("clinicterm users add: " + e.getMessage());
                    return ExitCodes.USAGE;
                }
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists accounts and roles (admin).",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:listed", VisitLogExitCodes.STORAGE_LINE, VisitLogExitCodes.LOGIN_LINE,
                    VisitLogExitCodes.PERMISSION_LINE})
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Override
        public Integer call() {
            return login.run("users list", false, log -> {
                login.require(log, Role.Permission.MANAGE_USERS, "users list");
                for (User u : log.accounts().users()) {
                    Cli.out().println(u.name() + "\t" + u.role().name().toLowerCase());
                }
                return ExitCodes.OK;
            });
        }
    }
}
