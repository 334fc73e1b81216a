package vn.clinicterm.terminal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code clinicterm} command line. Exit codes are documented in the README (and per verb in its help). */
@Command(
        name = "clinicterm",
        mixinStandardHelpOptions = true,
        version = "ClinicTerm 0.1.0",
        description = "Reception terminal for Vietnam's chip-based citizen ID card (CCCD).",
        subcommands = {ReadersCommand.class, ReadCommand.class, VerifyCommand.class, TrustCommand.class,
            VisitsCommand.class, AuditCommand.class, DbCommand.class, UsersCommand.class, EligibilityCommand.class,
            SyncCommand.class, CentralSimCommand.class, ConsentCommand.class, HandoffCommand.class,
            CheckinCommand.class, DemoCommand.class, SimCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
