package vn.clinicterm.terminal.config;

/** Where configuration values come from, lowest precedence first: each layer overrides the ones before it. */
public enum ConfigLayer {
    /** The machine's system-wide file ({@link ConfigFiles#system()}). */
    SYSTEM_FILE,
    /** The terminal's file in the data directory ({@link ConfigFiles#terminal()}, or {@code --config}). */
    TERMINAL_FILE,
    /** Environment variables ({@code CLINICTERM_CENTRAL_URL}, …; only for keys that have one). */
    ENVIRONMENT,
    /** Command-line flags ({@code --central-url}, …). */
    COMMAND_LINE
}
