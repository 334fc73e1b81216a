package vn.clinicterm.terminal.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where ClinicTerm keeps its data (database, keys, trust store, per-terminal config).
 *
 * <p>{@code CLINICTERM_HOME} overrides the whole data directory (tests and demos run in temp dirs). Otherwise:
 * Linux {@code $XDG_DATA_HOME/clinicterm} (default {@code ~/.local/share/clinicterm}), Windows
 * {@code %LOCALAPPDATA%\ClinicTerm}, macOS {@code ~/Library/Application Support/ClinicTerm}.
 */
public record AppDirectories(Path home) {

    public static final String HOME_VARIABLE = "CLINICTERM_HOME";

    public static AppDirectories fromEnvironment() {
        return from(System.getenv());
    }

    /** The directories for this environment (a copy of the process environment, or a test's map) on this OS. */
    public static AppDirectories from(Map<String, String> env) {
        return from(env, System.getProperty("os.name", ""), System.getProperty("user.home", "."));
    }

    static AppDirectories from(Map<String, String> env, String osName, String userHome) {
        String override = env.get(HOME_VARIABLE);
        if (override != null && !override.isBlank()) {
            return new AppDirectories(Path.of(override).toAbsolutePath());
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.getOrDefault("LOCALAPPDATA", userHome + "\\AppData\\Local");
            return new AppDirectories(Path.of(local, "ClinicTerm"));
        }
        if (os.contains("mac")) {
            return new AppDirectories(Path.of(userHome, "Library", "Application Support", "ClinicTerm"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".local", "share");
        return new AppDirectories(base.resolve("clinicterm"));
    }

    public Path trustStore() {
        return home.resolve("trust");
    }

    public Path database() {
        return home.resolve("clinicterm.db");
    }

    public Path keys() {
        return home.resolve("keys");
    }

    /** The per-terminal configuration file; it overrides the system-wide one ({@link ConfigFiles}). */
    public Path config() {
        return home.resolve("clinicterm.properties");
    }
}
