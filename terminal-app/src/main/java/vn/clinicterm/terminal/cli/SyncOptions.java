package vn.clinicterm.terminal.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigProblem;
import vn.clinicterm.terminal.config.TerminalConfig;
import vn.clinicterm.terminal.sync.SyncSettings;

/**
 * Options shared by the verbs that talk to the central service: where the terminal's configuration is, and flag
 * overrides. The system-wide file lies beneath the terminal's file (see {@code docs/configuration.md}).
 */
final class SyncOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "the terminal's properties file with the sync.* keys (default: clinicterm.properties in the"
                    + " data directory; CLINICTERM_HOME moves it); it overrides the system-wide file"
                    + " (/etc/clinicterm/clinicterm.properties, or CLINICTERM_SYSTEM_CONFIG)")
    Path config;

    @Option(names = "--central-url", paramLabel = "URL",
            description = "the central service, e.g. https://hub.example.vn (overrides sync.url and"
                    + " CLINICTERM_CENTRAL_URL)")
    String centralUrl;

    @Option(names = "--facility-code", paramLabel = "CODE",
            description = "the clinic's KCB facility code (overrides sync.facilityCode and CLINICTERM_FACILITY_CODE)")
    String facilityCode;

    /** Loads the layered configuration, prints its warnings (unknown keys, …) on stderr, and builds the sync part. */
    SyncConfig load() {
        return load(System.getenv());
    }

    SyncConfig load(Map<String, String> env) {
        Path file = config != null ? config : AppDirectories.from(env).config();
        SyncSettings settings = new SyncSettings(file, Optional.ofNullable(centralUrl), Optional.ofNullable(facilityCode));
        TerminalConfig layered = settings.configuration(env);
        for (ConfigProblem warning : layered.warnings()) {
            Cli.err().println("clinicterm: configuration warning: " + warning.describe());
        }
        return SyncSettings.toSyncConfig(layered);
    }
}
