package vn.clinicterm.terminal.config;

import java.util.Objects;

/**
 * Where one value was set: a layer and the place in it.
 *
 * @param layer the layer
 * @param location the file's path, the environment variable's name or the flag's name
 */
public record ConfigSource(ConfigLayer layer, String location) {

    public ConfigSource {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(location, "location");
    }

    /** For messages: {@code system file /etc/clinicterm/clinicterm.properties}, {@code flag --central-url}, …. */
    public String describe() {
        return switch (layer) {
            case SYSTEM_FILE -> "system file " + location;
            case TERMINAL_FILE -> "terminal file " + location;
            case ENVIRONMENT -> "environment variable " + location;
            case COMMAND_LINE -> "flag " + location;
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
