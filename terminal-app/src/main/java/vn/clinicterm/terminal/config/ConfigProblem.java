package vn.clinicterm.terminal.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Something wrong with the configuration. Messages name the key and where it was set, never a secret or personal
 * value.
 *
 * @param severity an {@link Severity#ERROR} stops what needs the key; a {@link Severity#WARNING} is shown and ignored
 * @param key the key at fault; empty when the problem is a whole file (it cannot be read)
 * @param source where the value was set; empty for a required key that nobody set
 * @param message what is wrong, e.g. {@code must be a whole number from 1 to 1000; found 'abc'}
 */
public record ConfigProblem(Severity severity, Optional<String> key, Optional<ConfigSource> source, String message) {

    public enum Severity { ERROR, WARNING }

    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    static ConfigProblem error(String key, ConfigSource source, String message) {
        return new ConfigProblem(Severity.ERROR, Optional.of(key), Optional.of(source), message);
    }

    static ConfigProblem warning(String key, ConfigSource source, String message) {
        return new ConfigProblem(Severity.WARNING, Optional.of(key), Optional.of(source), message);
    }

    /**
     * One line for people: {@code sync.batchSize in system file /etc/clinicterm/clinicterm.properties: must be …}, or
     * {@code terminal file /…/clinicterm.properties: cannot be read (…)} for a whole file.
     */
    public String describe() {
        if (key.isEmpty()) {
            return source.map(ConfigSource::describe).orElse("configuration") + ": " + message;
        }
        return key.get() + source.map(s -> " in " + s.describe()).orElse("") + ": " + message;
    }

    @Override
    public String toString() {
        return severity + " " + describe();
    }
}
