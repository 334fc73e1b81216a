package vn.clinicterm.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Full-jitter exponential backoff: attempt {@code n} (0-based) waits a uniformly random time in
 * {@code [0, min(cap, base × 2^n)]}, so a fleet of terminals coming back online does not stampede the server. A
 * server's {@code Retry-After} is a floor (never waited less), capped at {@code maxRetryAfter} so a hostile or
 * confused server cannot park the outbox for days.
 */
public record BackoffPolicy(Duration base, Duration cap, Duration maxRetryAfter) {

    public static final BackoffPolicy DEFAULT =
            new BackoffPolicy(Duration.ofMillis(500), Duration.ofMinutes(5), Duration.ofHours(1));

    public BackoffPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap");
        }
    }

    /** The exponential ceiling for attempt {@code n}: {@code min(cap, base × 2^n)}. */
    public Duration ceiling(int attempt) {
        int n = Math.max(0, Math.min(attempt, 40));
        long baseMs = base.toMillis();
        long capMs = cap.toMillis();
        long ms = baseMs > (capMs >> n) ? capMs : Math.min(capMs, baseMs << n);
        return Duration.ofMillis(ms);
    }

    /** How long to wait before attempt {@code attempt + 1}, given the server's hint. */
    public Duration delay(int attempt, Optional<Duration> retryAfter, RandomGenerator random) {
        long ceilingMs = ceiling(attempt).toMillis();
        Duration jittered = Duration.ofMillis(ceilingMs == 0 ? 0 : random.nextLong(ceilingMs + 1));
        if (retryAfter.isPresent()) {
            Duration hint = retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
            return hint.compareTo(jittered) > 0 ? hint : jittered;
        }
        return jittered;
    }
}
