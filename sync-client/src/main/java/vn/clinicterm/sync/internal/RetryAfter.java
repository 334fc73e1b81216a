package vn.clinicterm.sync.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Garbage is ignored. */
public final class RetryAfter {

    private static final long MAX_SECONDS = 24 * 3600;

    private RetryAfter() {}

    public static Optional<Duration> parse(String header, Clock clock) {
        if (header == null) {
            return Optional.empty();
        }
        String v = header.trim();
        if (v.matches("\\d{1,12}")) {
            return Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(v), MAX_SECONDS)));
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), when.toInstant());
            if (d.isNegative()) {
                return Optional.of(Duration.ZERO);
            }
            return Optional.of(d.getSeconds() > MAX_SECONDS ? Duration.ofSeconds(MAX_SECONDS) : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
