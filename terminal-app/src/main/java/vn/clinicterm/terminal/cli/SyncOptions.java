package vn.clinicterm.terminal.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.sync.SyncSettings;

/** Options shared by the verbs that talk to the central service: where the configuration is, and flag overrides. */
final class SyncOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "the properties file with the sync.* keys (default: clinicterm.properties in the data"
                    + " directory; CLINICTERM_HOME moves it)")
    Path config;

    @Option(names = "--central-url", paramLabel = "URL",
            description = "the central service, e.g. https://hub.example.vn (overrides sync.url and"
                    + " CLINICTERM_CENTRAL_URL)")
    String centralUrl;

    @Option(names = "--facility-code", paramLabel = "CODE",
            description = "the clinic's KCB facility code (overrides sync.facilityCode and CLINICTERM_FACILITY_CODE)")
    String facilityCode;

    SyncConfig load() {
        Path file = config != null ? config : AppDirectories.fromEnvironment().config();
        return new SyncSettings(file, Optional.ofNullable(centralUrl), Optional.ofNullable(facilityCode))
                .load(System.getenv());
    }
}
