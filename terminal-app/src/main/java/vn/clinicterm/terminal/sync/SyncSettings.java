package vn.clinicterm.terminal.sync;

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
import vn.clinicterm.sync.SyncConfigException;

/**
 * The terminal's sync configuration: the {@code sync.*} keys of the terminal's properties file (UTF-8; by default
 * {@code clinicterm.properties} in the data directory), overridden by the environment variables
 * {@link SyncConfig} documents ({@code CLINICTERM_CENTRAL_URL}, {@code CLINICTERM_FACILITY_CODE}, …), overridden by
 * command-line flags.
 *
 * @param configFile the properties file; a missing file is the same as an empty one
 * @param centralUrl {@code --central-url}, beats {@code sync.url} and {@code CLINICTERM_CENTRAL_URL}
 * @param facilityCode {@code --facility-code}, beats {@code sync.facilityCode} and {@code CLINICTERM_FACILITY_CODE}
 */
public record SyncSettings(Path configFile, Optional<String> centralUrl, Optional<String> facilityCode) {

    /** Reads the file and the environment, applies the flags. Errors name the key at fault. */
    public SyncConfig load(Map<String, String> env) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (NoSuchFileException missing) {
            // no file: environment and flags only
        } catch (IOException e) {
            throw new SyncConfigException("config", "cannot read " + configFile + ": " + e.getMessage());
        }
        // flags satisfy "required" checks even when the file and the environment are silent
        centralUrl.ifPresent(v -> props.setProperty("sync.url", v));
        facilityCode.ifPresent(v -> props.setProperty("sync.facilityCode", v));
        SyncConfig fromFileAndEnv = SyncConfig.fromProperties(props, env);
        if (centralUrl.isEmpty() && facilityCode.isEmpty()) {
            return fromFileAndEnv;
        }
        SyncConfig.Builder b = fromFileAndEnv.toBuilder();
        centralUrl.ifPresent(b::baseUrl);
        facilityCode.ifPresent(b::facilityCode);
        return b.build();
    }
}
