package vn.clinicterm.terminal.sync;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncConfigException;
import vn.clinicterm.terminal.config.ConfigException;
import vn.clinicterm.terminal.config.ConfigFiles;
import vn.clinicterm.terminal.config.ConfigKey;
import vn.clinicterm.terminal.config.ConfigKeys;
import vn.clinicterm.terminal.config.ConfigProblem;
import vn.clinicterm.terminal.config.TerminalConfig;

/**
 * The terminal's sync configuration: the {@code sync.*} keys of the layered {@link TerminalConfig} — the system-wide
 * file ({@code /etc/clinicterm/clinicterm.properties}, … or {@code CLINICTERM_SYSTEM_CONFIG}), overridden by the
 * terminal's file (by default {@code clinicterm.properties} in the data directory), overridden by the environment
 * variables {@link SyncConfig} documents ({@code CLINICTERM_CENTRAL_URL}, {@code CLINICTERM_FACILITY_CODE}, …),
 * overridden by command-line flags.
 *
 * @param configFile the terminal's properties file; a missing file is the same as an empty one
 * @param centralUrl {@code --central-url}, beats {@code sync.url} and {@code CLINICTERM_CENTRAL_URL}
 * @param facilityCode {@code --facility-code}, beats {@code sync.facilityCode} and {@code CLINICTERM_FACILITY_CODE}
 */
public record SyncSettings(Path configFile, Optional<String> centralUrl, Optional<String> facilityCode) {

    /**
     * Reads the files and the environment, applies the flags.
     *
     * @throws SyncConfigException naming the key at fault and where its value was set
     */
    public SyncConfig load(Map<String, String> env) {
        return toSyncConfig(configuration(env));
    }

    /** The layered configuration these settings describe, unchecked: look at its problems before using it. */
    public TerminalConfig configuration(Map<String, String> env) {
        return TerminalConfig.builder()
                .files(ConfigFiles.from(env).withTerminal(configFile))
                .environment(env)
                .flag(ConfigKeys.SYNC_URL, "--central-url", centralUrl.orElse(null))
                .flag(ConfigKeys.SYNC_FACILITY_CODE, "--facility-code", facilityCode.orElse(null))
                .load();
    }

    /** Whether the configuration names a central service at all (else the terminal runs offline). */
    public static boolean isConfigured(TerminalConfig config) {
        return config.isSet(ConfigKeys.SYNC_URL);
    }

    /**
     * The sync configuration in {@code config}. Problems with other keys do not matter here.
     *
     * @throws SyncConfigException naming the key at fault and where its value was set (or where it could be set)
     */
    public static SyncConfig toSyncConfig(TerminalConfig config) {
        for (ConfigProblem p : config.errors()) {
            if (p.key().isEmpty()) {
                throw new SyncConfigException("config", p.describe());
            }
        }
        Properties props = new Properties();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (!key.name().startsWith("sync.")) {
                continue;
            }
            try {
                config.find(key);
            } catch (ConfigException e) {
                throw new SyncConfigException(key.name(), afterKey(e.problem()));
            }
            config.text(key).ifPresent(v -> props.setProperty(key.name(), v));
        }
        if (!props.containsKey(ConfigKeys.SYNC_URL.name())) {
            throw new SyncConfigException(ConfigKeys.SYNC_URL.name(), afterKey(config.missing(ConfigKeys.SYNC_URL)));
        }
        if (!props.containsKey(ConfigKeys.SYNC_FACILITY_CODE.name())) {
            throw new SyncConfigException(ConfigKeys.SYNC_FACILITY_CODE.name(),
                    afterKey(config.missing(ConfigKeys.SYNC_FACILITY_CODE)));
        }
        try {
            // the environment is already one of the layers
            return SyncConfig.fromProperties(props, Map.of());
        } catch (SyncConfigException e) {
            String problem = e.getMessage().startsWith(e.key() + ": ")
                    ? e.getMessage().substring(e.key().length() + 2) : e.getMessage();
            Optional<String> where = ConfigKeys.find(e.key()).flatMap(config::source).map(s -> s.describe());
            throw new SyncConfigException(e.key(), problem + where.map(w -> " (in " + w + ")").orElse(""));
        }
    }

    /** The problem without its key, for a {@link SyncConfigException}, which puts the key in front itself. */
    private static String afterKey(ConfigProblem p) {
        return p.message() + p.source().map(s -> " (in " + s.describe() + ")").orElse("");
    }
}
