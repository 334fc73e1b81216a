package vn.clinicterm.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small in-memory memory of definitive eligibility answers, so an offline terminal can show "last known: eligible,
 * 3 hours ago" next to PENDING.
 *
 * <p>Keys are opaque strings chosen by the caller — an HMAC of the ID number under a terminal secret, never the raw
 * ID — so a heap dump does not list who visited. Entries older than {@code maxAge} are forgotten; at most
 * {@code capacity} are kept (least recently used evicted). Thread-safe.
 */
public final class EligibilityCache {

    private record CachedEntry(EligibilityResult answer, Instant at) {}

    private final Clock clock;
    private final Duration maxAge;
    private final int capacity;
    private final Map<String, CachedEntry> entries;

    public EligibilityCache(Clock clock, Duration maxAge, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedEntry> eldest) {
                return size() > EligibilityCache.this.capacity;
            }
        };
    }

    /** Remembers a definitive answer; other outcomes are ignored. */
    public synchronized void put(String opaqueKey, EligibilityResult answer) {
        Objects.requireNonNull(opaqueKey, "opaqueKey");
        if (answer.isDefinitive()) {
            entries.put(opaqueKey, new CachedEntry(answer, clock.instant()));
        }
    }

    /** The remembered answer and its age, unless none or older than {@code maxAge}. */
    public synchronized Optional<EligibilityResult.CachedAnswer> get(String opaqueKey) {
        CachedEntry e = entries.get(opaqueKey);
        if (e == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(e.at(), clock.instant());
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        if (age.compareTo(maxAge) > 0) {
            entries.remove(opaqueKey);
            return Optional.empty();
        }
        return Optional.of(new EligibilityResult.CachedAnswer(e.answer(), age));
    }

    /**
     * Folds a fresh result into the cache: a definitive answer is remembered and returned as is; a {@link
     * EligibilityResult.Pending} comes back carrying the remembered answer (with its age) if there is one.
     */
    public EligibilityResult resolve(String opaqueKey, EligibilityResult fresh) {
        if (fresh.isDefinitive()) {
            put(opaqueKey, fresh);
            return fresh;
        }
        if (fresh instanceof EligibilityResult.Pending p && p.cached().isEmpty()) {
            return get(opaqueKey).map(p::withCached).orElse(p);
        }
        return fresh;
    }

    /** Forgets one person (e.g. after consent was withdrawn). */
    public synchronized void forget(String opaqueKey) {
        entries.remove(opaqueKey);
    }
}
