package vn.clinicterm.terminal.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One known configuration key: its name, type, environment variable, default and documentation. The keys are listed
 * in {@link ConfigKeys}; {@code docs/configuration.md} documents the same list.
 *
 * @param name the property key, e.g. {@code sync.url}
 * @param type what a value must look like
 * @param environmentVariable the variable that overrides the files, if the key has one
 * @param defaultValue the value when nobody sets it, as text (parsed like a set value); empty: unset
 * @param sensitivity whether values may be shown in messages
 * @param meaning one line for the documentation
 * @param example a value for the documentation and the sample file
 */
public record ConfigKey<T>(
        String name,
        ValueType<T> type,
        Optional<String> environmentVariable,
        Optional<String> defaultValue,
        Sensitivity sensitivity,
        String meaning,
        String example) {

    /** Whether a value may appear in messages and listings. */
    public enum Sensitivity {
        /** Shown in messages ({@code found 'abc'}). */
        PLAIN,
        /** Personal data (a staff member's name or ID number), or text that may be a secret pasted by mistake: never
         *  shown. */
        HIDDEN,
        /** A password, token or key: never shown, and better not kept in a file others can read. */
        SECRET
    }

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(environmentVariable, "environmentVariable");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(example, "example");
    }

    /** A key with no environment variable, no default, shown in messages; refine with the {@code with…} methods. */
    public static <T> ConfigKey<T> of(String name, ValueType<T> type, String meaning, String example) {
        return new ConfigKey<>(name, type, Optional.empty(), Optional.empty(), Sensitivity.PLAIN, meaning, example);
    }

    public ConfigKey<T> withEnvironmentVariable(String variable) {
        return new ConfigKey<>(name, type, Optional.of(variable), defaultValue, sensitivity, meaning, example);
    }

    public ConfigKey<T> withDefault(String value) {
        type.parse(value);
        return new ConfigKey<>(name, type, environmentVariable, Optional.of(value), sensitivity, meaning, example);
    }

    public ConfigKey<T> with(Sensitivity s) {
        return new ConfigKey<>(name, type, environmentVariable, defaultValue, s, meaning, example);
    }

    /** Reads a value of this key; see {@link ValueType#parse}. */
    public T parse(String value) {
        return type.parse(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
