package vn.clinicterm.terminal.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.terminal.config.TerminalConfig;
import vn.clinicterm.terminal.sync.SyncSettings;

/**
 * Whether this terminal talks to a central service: decided by the same {@link SyncSettings} as {@code clinicterm sync
 * run}, over the layered configuration — the system-wide file, the terminal's {@code clinicterm.properties}, the
 * environment. A terminal whose configuration names no central service ({@code sync.url}, in any layer) and sets no
 * other {@code sync.*} key either is {@link NotConfigured}: it works offline and eligibility stays pending. Settings
 * that mention sync but are refused — or a configuration file that cannot be read — are {@link Misconfigured}.
 */
public sealed interface TerminalSyncSetup {

    /** The terminal's properties file (it may not exist); the system-wide file may hold the sync keys instead. */
    Path configFile();

    /** No central service: visits stay queued, eligibility pending. */
    record NotConfigured(Path configFile) implements TerminalSyncSetup {}

    /** @param reason names the key at fault and where it was set (from {@code SyncConfigException}), never a secret */
    record Misconfigured(Path configFile, String reason) implements TerminalSyncSetup {}

    record Configured(Path configFile, SyncConfig config) implements TerminalSyncSetup {}

    /** Reads the layered configuration of {@code env} with {@code configFile} as the terminal file; see {@link #of}. */
    static TerminalSyncSetup load(Path configFile, Map<String, String> env) {
        return of(new SyncSettings(configFile, Optional.empty(), Optional.empty()).configuration(env));
    }

    /**
     * The sync setup {@code config} describes. Never throws: what {@link SyncSettings#toSyncConfig} refuses is
     * {@link Misconfigured}, unless nothing in any layer mentions sync at all (no {@code sync.*} key, and every file
     * readable): that terminal was never connected and is {@link NotConfigured}.
     */
    static TerminalSyncSetup of(TerminalConfig config) {
        Path file = config.files().terminal();
        boolean unreadableFile = config.errors().stream().anyMatch(p -> p.key().isEmpty());
        if (!SyncSettings.isConfigured(config) && config.texts("sync.").isEmpty() && !unreadableFile) {
            return new NotConfigured(file);
        }
        try {
            return new Configured(file, SyncSettings.toSyncConfig(config));
        } catch (IllegalArgumentException refused) { // SyncConfigException names the key
            return new Misconfigured(file, refused.getMessage());
        }
    }
}
