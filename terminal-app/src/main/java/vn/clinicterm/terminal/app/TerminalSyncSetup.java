package vn.clinicterm.terminal.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.terminal.sync.SyncSettings;

/**
 * Whether this terminal talks to a central service: decided by the same {@link SyncSettings} as {@code clinicterm sync
 * run}, over the data directory's {@code clinicterm.properties} ({@code sync.*} keys) and the environment. A terminal
 * whose settings name no usable service, and whose own file and environment do not mention sync at all (no
 * {@code sync.*} key, no {@code CLINICTERM_CENTRAL_URL} or {@code CLINICTERM_SYNC_PROVIDER}), is {@link NotConfigured}:
 * it works offline and eligibility stays pending. Settings that mention sync but are refused are {@link Misconfigured}.
 */
public sealed interface TerminalSyncSetup {

    /** The properties file that was read (it may not exist). */
    Path configFile();

    /** No central service: visits stay queued, eligibility pending. */
    record NotConfigured(Path configFile) implements TerminalSyncSetup {}

    /** @param reason names the key at fault (from {@code SyncConfigException}), never a secret */
    record Misconfigured(Path configFile, String reason) implements TerminalSyncSetup {}

    record Configured(Path configFile, SyncConfig config) implements TerminalSyncSetup {}

    /**
     * Reads the configuration through {@link SyncSettings} (so every layer it knows counts) and {@code env}. Never
     * throws: what {@link SyncSettings} refuses is {@link Misconfigured}, unless nothing in the terminal's file or the
     * environment mentions sync at all: that terminal was never connected and is {@link NotConfigured}.
     */
    static TerminalSyncSetup load(Path configFile, Map<String, String> env) {
        try {
            return new Configured(configFile,
                    new SyncSettings(configFile, Optional.empty(), Optional.empty()).load(env));
        } catch (IllegalArgumentException refused) { // SyncConfigException names the key
            return mentionsSync(configFile, env) ? new Misconfigured(configFile, refused.getMessage())
                    : new NotConfigured(configFile);
        }
    }

    private static boolean mentionsSync(Path configFile, Map<String, String> env) {
        if (present(env, "CLINICTERM_CENTRAL_URL") || present(env, "CLINICTERM_SYNC_PROVIDER")) {
            return true;
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (NoSuchFileException missing) {
            return false;
        } catch (IOException | IllegalArgumentException unreadable) {
            return true; // a file that cannot be read is a problem to show, not an offline terminal
        }
        return props.stringPropertyNames().stream().anyMatch(k -> k.startsWith("sync."));
    }

    private static boolean present(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }
}
