package vn.clinicterm.terminal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import vn.clinicterm.sync.SyncConfig;

/**
 * What a configuration value must look like, and how it is read.
 *
 * @param expected completes "must be …" in messages and documentation, e.g. {@code a whole number from 1 to 1000}
 * @param parser turns the (stripped, non-blank) text into the value; throws {@link IllegalArgumentException} when it
 *     does not fit, with an optional detail as its message
 */
public record ValueType<T>(String expected, Function<String, T> parser) {

    public ValueType {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(parser, "parser");
    }

    /**
     * Reads {@code value}.
     *
     * @throws IllegalArgumentException with a message {@code must be <expected>[: <detail>]}
     */
    public T parse(String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            String detail = e.getMessage();
            throw new IllegalArgumentException("must be " + expected
                    + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"), e);
        }
    }

    /** Free text of at most {@code maxLength} characters, without control characters. */
    public static ValueType<String> text(int maxLength) {
        return new ValueType<>("text of at most " + maxLength + " characters", v -> {
            if (v.length() > maxLength || v.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException();
            }
            return v;
        });
    }

    /** Text matching {@code regex} as a whole. */
    public static ValueType<String> pattern(String regex, String expected) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        return new ValueType<>(expected, v -> {
            if (!p.matcher(v).matches()) {
                throw new IllegalArgumentException();
            }
            return v;
        });
    }

    /** An absolute {@code http://} or {@code https://} URL with a host. */
    public static ValueType<URI> httpUrl() {
        return new ValueType<>("an http:// or https:// URL with a host, e.g. https://hub.example.vn", v -> {
            URI uri;
            try {
                uri = new URI(v);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException();
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                throw new IllegalArgumentException("no host");
            }
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("credentials in a URL are refused; use sync.username/sync.password");
            }
            return uri;
        });
    }

    /** A whole number in {@code [min, max]}. */
    public static ValueType<Long> wholeNumber(long min, long max) {
        return new ValueType<>("a whole number from " + min + " to " + max, v -> {
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException();
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException();
            }
            return n;
        });
    }

    /** A positive duration: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT5S}). */
    public static ValueType<Duration> positiveDuration() {
        return new ValueType<>("a positive duration such as 500ms, 5s, 1m or PT5S", v -> {
            Duration d;
            try {
                d = SyncConfig.parseDuration("", v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException();
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException();
            }
            return d;
        });
    }

    /** {@code true} or {@code false}, any case. */
    public static ValueType<Boolean> bool() {
        return new ValueType<>("true or false", v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException();
        });
    }

    /**
     * One of a closed set of words, any case; {@code accepted} maps each accepted spelling to the value it means
     * (aliases allowed). The first {@code shown} are named in messages.
     */
    public static ValueType<String> oneOf(Map<String, String> accepted, String... shown) {
        Map<String, String> lower = new LinkedHashMap<>();
        accepted.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return new ValueType<>(String.join(" or ", shown), v -> {
            String canonical = lower.get(v.toLowerCase(Locale.ROOT));
            if (canonical == null) {
                throw new IllegalArgumentException();
            }
            return canonical;
        });
    }

    /** One of these words, any case, meaning itself. */
    public static ValueType<String> oneOf(String... words) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String w : words) {
            m.put(w, w);
        }
        return oneOf(m, words);
    }

    /** A file that exists and can be read now (give absolute paths: relative ones depend on the working directory). */
    public static ValueType<Path> readableFile() {
        return new ValueType<>("a readable file", v -> {
            Path p;
            try {
                p = Path.of(v);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a path");
            }
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no such file: " + p.toAbsolutePath());
            }
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("cannot read " + p.toAbsolutePath());
            }
            return p;
        });
    }

    /**
     * A file or a directory that exists and can be read now (give absolute paths: relative ones depend on the working
     * directory).
     */
    public static ValueType<Path> readableFileOrDirectory() {
        return new ValueType<>("a readable file or directory", v -> {
            Path p;
            try {
                p = Path.of(v);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a path");
            }
            if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
                throw new IllegalArgumentException("no such file or directory: " + p.toAbsolutePath());
            }
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("cannot read " + p.toAbsolutePath());
            }
            return p;
        });
    }

    /** Comma-separated TLS public-key pins, {@code sha256/<base64 of 32 bytes>}, at least two (one is a backup). */
    public static ValueType<List<String>> certificatePins() {
        return new ValueType<>("at least two comma-separated pins like sha256/<base64 of 32 bytes>", v -> {
            List<String> pins = new ArrayList<>();
            for (String p : v.split(",")) {
                String pin = p.strip();
                if (pin.isEmpty()) {
                    continue;
                }
                if (!pin.matches("sha256/[A-Za-z0-9+/]{43}=")) {
                    throw new IllegalArgumentException("pin " + (pins.size() + 1) + " is malformed");
                }
                pins.add(pin);
            }
            if (pins.size() < 2) {
                throw new IllegalArgumentException("pinning needs a backup pin");
            }
            return List.copyOf(pins);
        });
    }
}
