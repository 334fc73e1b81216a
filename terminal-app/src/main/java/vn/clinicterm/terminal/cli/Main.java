package vn.clinicterm.terminal.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.clinicterm.terminal.app.TerminalEnvironment;
import vn.clinicterm.terminal.gui.ReceptionApp;
import vn.clinicterm.terminal.storage.StorageException;

/**
 * The {@code clinicterm} command line. Exit codes are documented in the README (and per verb in its help). Without a
 * verb it opens the reception window on this machine's card readers and data directory (login first); without a
 * display it prints the usage instead.
 */
@Command(
        name = "clinicterm",
        mixinStandardHelpOptions = true,
        version = "ClinicTerm 0.1.0",
        description = {"Reception terminal for Vietnam's chip-based citizen ID card (CCCD).",
            "Without a verb: opens the reception window with this machine's PC/SC card readers, the visit log, trust"
                + " store and clinicterm.properties of the data directory (CLINICTERM_HOME moves it); staff log in"
                + " first, and the very first start creates the administrator account. Without a display it prints"
                + " this help. 'clinicterm demo' needs no reader, setup or network."},
        subcommands = {ReadersCommand.class, ReadCommand.class, VerifyCommand.class, TrustCommand.class,
            VisitsCommand.class, AuditCommand.class, DbCommand.class, UsersCommand.class, EligibilityCommand.class,
            SyncCommand.class, CentralSimCommand.class, ConsentCommand.class, HandoffCommand.class,
            CheckinCommand.class, SelfTestCommand.class, DemoCommand.class, SimCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "Exit codes without a verb:%n",
        exitCodeList = {"0:the window was closed (or, without a display, this help was printed)",
            "2:terminal.id or consent.facilityType is invalid (the key and the file are named on stderr)",
            "41:the data directory or the visit database cannot be opened (message on stderr)"})
public final class Main implements Callable<Integer> {

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
    public Integer call() {
        if (!TerminalEnvironment.displayAvailable(System.getenv(), System.getProperty("os.name", ""))) {
            spec.commandLine().usage(Cli.out());
            Cli.out().println();
            Cli.out().println("The reception window needs a display (DISPLAY and WAYLAND_DISPLAY are unset); on a"
                    + " server run it under xvfb-run. Every verb above works without one.");
            return ExitCodes.OK;
        }
        try (TerminalEnvironment terminal = TerminalEnvironment.builder().open()) {
            Cli.out().println("ClinicTerm: data in " + terminal.home() + ", terminal " + terminal.terminalId()
                    + ", central service " + describe(terminal));
            ReceptionApp.runTerminal(terminal);
            return ExitCodes.OK;
        } catch (IOException | StorageException e) {
            Cli.err().println("clinicterm: cannot open the terminal: " + e.getMessage());
            return VisitLogExitCodes.STORAGE_FAILED;
        } catch (vn.clinicterm.terminal.config.ConfigException e) {
            Cli.err().println("clinicterm: cannot open the terminal: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private static String describe(TerminalEnvironment terminal) {
        return switch (terminal.syncSetup()) {
            case vn.clinicterm.terminal.app.TerminalSyncSetup.Configured c -> c.config().baseUrl().toString();
            case vn.clinicterm.terminal.app.TerminalSyncSetup.NotConfigured n ->
                    "not configured (offline; eligibility stays pending)";
            case vn.clinicterm.terminal.app.TerminalSyncSetup.Misconfigured m ->
                    "misconfigured: " + m.reason();
        };
    }
}
