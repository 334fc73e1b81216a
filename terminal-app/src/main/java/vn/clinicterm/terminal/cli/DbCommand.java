package vn.clinicterm.terminal.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vn.clinicterm.terminal.storage.BackupResult;
import vn.clinicterm.terminal.storage.Health;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;

/** {@code clinicterm db}: health, backups and restore of the visit database. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "The visit database: status, backup, restore.",
        subcommands = {DbCommand.Status.class, DbCommand.Backup.class, DbCommand.Restore.class})
final class DbCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Cli.out());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Says whether the database passed its integrity check (no login needed; shows no data).",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:healthy", VisitLogExitCodes.READ_ONLY_LINE, VisitLogExitCodes.STORAGE_LINE})
    static final class Status implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Override
        public Integer call() {
            return login.run("db status", false, log -> switch (log.health()) {
                case Health.Ok ok -> {
                    Cli.out().println("visit database ok: " + log.database() + ", audit head " + log.chainHead().seq());
                    yield ExitCodes.OK;
                }
                case Health.ReadOnly(String reason) -> {
                    Cli.err().println("clinicterm db status: " + reason + " (clinicterm db restore BACKUP)");
                    yield VisitLogExitCodes.READ_ONLY;
                }
            });
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"Writes a consistent copy with VACUUM INTO and checks it (admin).",
                    "The copy is encrypted: keep a copy of the key file (keys/visit-log.keys) apart from it."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:backed up", "2:bad options", VisitLogExitCodes.STORAGE_LINE,
                    VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE})
    static final class Backup implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Parameters(paramLabel = "FILE", description = "the backup file to create (must not exist)")
        Path file;

        @Override
        public Integer call() {
            return login.run("db backup", false, log -> {
                User u = login.require(log, Role.Permission.BACKUP, "db backup");
                BackupResult r = log.backup(file, u.name());
                Cli.out().println("backed up " + r.visits() + " visits to " + r.file() + " (audit head " + r.head().seq()
                        + ")");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Replaces the database with a checked backup; the loss since the backup is recorded in the "
                    + "audit log (admin; the admin account must exist in the damaged database or the backup).",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:restored", "2:bad options", VisitLogExitCodes.STORAGE_LINE,
                    VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE})
    static final class Restore implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Parameters(paramLabel = "FILE", description = "the backup to restore")
        Path file;

        @Override
        public Integer call() {
            return login.run("db restore", false, log -> {
                String actor;
                if (log.health() instanceof Health.Ok) {
                    actor = login.require(log, Role.Permission.BACKUP, "db restore").name();
                } else {
                    // the damaged database cannot record a login; the restored one records the restore itself
                    actor = login.user == null ? "admin" : login.user;
                }
                Health after = log.restoreFrom(file, actor);
                if (after instanceof Health.ReadOnly(String reason)) {
                    Cli.err().println("clinicterm db restore: " + reason);
                    return VisitLogExitCodes.READ_ONLY;
                }
                Cli.out().println("restored " + log.database() + " from " + file + "; audit head " + log.chainHead().seq());
                return ExitCodes.OK;
            });
        }
    }
}
