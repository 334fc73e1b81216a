package vn.clinicterm.terminal.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The two configuration files, lowest precedence first: the machine's system-wide file, which a silent install can
 * preset, and the terminal's own file in the data directory. Either may be missing.
 *
 * <p>System file: Linux {@code /etc/clinicterm/clinicterm.properties}, Windows
 * {@code %ProgramData%\ClinicTerm\clinicterm.properties}, macOS
 * {@code /Library/Application Support/ClinicTerm/clinicterm.properties}; {@value #SYSTEM_VARIABLE} names another
 * file (tests, unusual installs). Terminal file: {@link AppDirectories#config()} ({@code CLINICTERM_HOME} moves it).
 *
 * @param system the system-wide file
 * @param terminal the per-terminal file
 */
public record ConfigFiles(Path system, Path terminal) {

    /** Names the system-wide file instead of the operating system's usual place. */
    public static final String SYSTEM_VARIABLE = "CLINICTERM_SYSTEM_CONFIG";

    public static final String FILE_NAME = "clinicterm.properties";

    public ConfigFiles {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(terminal, "terminal");
    }

    /** The files for this environment (the process environment, or a test's map) on this operating system. */
    public static ConfigFiles from(Map<String, String> env) {
        return from(env, System.getProperty("os.name", ""), System.getProperty("user.home", "."));
    }

    static ConfigFiles from(Map<String, String> env, String osName, String userHome) {
        return new ConfigFiles(systemFile(env, osName), AppDirectories.from(env, osName, userHome).config());
    }

    /** The system-wide file: {@value #SYSTEM_VARIABLE} when set, else the operating system's place for it. */
    public static Path systemFile(Map<String, String> env, String osName) {
        String override = env.get(SYSTEM_VARIABLE);
        if (override != null && !override.isBlank()) {
            return Path.of(override.strip()).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String programData = env.get("ProgramData");
            if (programData == null || programData.isBlank()) {
                programData = env.getOrDefault("PROGRAMDATA", "C:\\ProgramData");
            }
            return Path.of(programData, "ClinicTerm", FILE_NAME);
        }
        if (os.contains("mac")) {
            return Path.of("/Library", "Application Support", "ClinicTerm", FILE_NAME);
        }
        return Path.of("/etc", "clinicterm", FILE_NAME);
    }

    /** The same system file with another terminal file ({@code --config FILE}). */
    public ConfigFiles withTerminal(Path file) {
        return new ConfigFiles(system, file);
    }
}
