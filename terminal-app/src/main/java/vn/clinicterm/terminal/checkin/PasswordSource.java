package vn.clinicterm.terminal.checkin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a password is kept — never the password itself, so it stays out of configuration files, command lines and
 * logs: {@code file:PATH} (the file's first line) or {@code env:NAME} (an environment variable).
 *
 * @param kind {@code file} or {@code env}
 * @param location the path or the variable name
 */
public record PasswordSource(Kind kind, String location) {

    /** How the password is found. */
    public enum Kind { FILE, ENV }

    public PasswordSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        if (location.isBlank()) {
            throw new IllegalArgumentException("a password source needs a file or a variable name");
        }
    }

    /**
     * Reads {@code file:PATH} or {@code env:NAME}.
     *
     * @throws IllegalArgumentException for anything else (the text is not echoed: it may be a password pasted by
     *     mistake)
     */
    public static PasswordSource parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.startsWith("file:") && t.length() > 5) {
            return new PasswordSource(Kind.FILE, t.substring(5));
        }
        if (t.startsWith("env:") && t.length() > 4 && t.substring(4).matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return new PasswordSource(Kind.ENV, t.substring(4));
        }
        throw new IllegalArgumentException("a password source is file:PATH or env:NAME (the password itself is never"
                + " written in the configuration)");
    }

    /**
     * The password (the caller clears the array when done).
     *
     * @throws IllegalArgumentException when the file cannot be read or is empty, or the variable is not set
     */
    public char[] read(Map<String, String> env) {
        String value;
        switch (kind) {
            case FILE -> {
                try {
                    List<String> lines = Files.readAllLines(Path.of(location), StandardCharsets.UTF_8);
                    value = lines.isEmpty() ? "" : lines.getFirst();
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException("cannot read the password file " + location);
                }
            }
            case ENV -> value = env.getOrDefault(location, "");
            default -> throw new IllegalStateException();
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(kind == Kind.FILE ? "the password file " + location + " is empty"
                    : "the environment variable " + location + " is not set");
        }
        return value.toCharArray();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + location;
    }
}
