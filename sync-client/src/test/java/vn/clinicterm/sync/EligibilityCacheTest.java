package vn.clinicterm.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class EligibilityCacheTest {

    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    EligibilityCache cache = new EligibilityCache(clock, Duration.ofDays(7), 100);
    EligibilityResult eligible = new EligibilityResult.Eligible("DN2011085012345", LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 12, 31), "01002", 100, Optional.empty(), ReasonCode.VALID);

    @Test
    void offlineTheAnswerIsPendingCarryingTheEarlierAnswerWithItsAge() {
        cache.resolve("hmac-1", eligible);
        clock.advance(Duration.ofHours(3));

        EligibilityResult r = cache.resolve("hmac-1", EligibilityResult.Pending.of("CONNECTION: refused"));

        assertThat(r).isInstanceOf(EligibilityResult.Pending.class);
        var cached = ((EligibilityResult.Pending) r).cached().orElseThrow();
        assertThat(cached.answer()).isEqualTo(eligible);
        assertThat(cached.age()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void anAnswerOlderThanTheLimitIsForgotten() {
        cache.resolve("hmac-1", eligible);
        clock.advance(Duration.ofDays(8));

        assertThat(cache.get("hmac-1")).isEmpty();
    }

    @Test
    void errorsAndPendingAreNeverCached() {
        cache.put("hmac-1", new EligibilityResult.Error(ReasonCode.BAD_REPLY, "x"));
        cache.put("hmac-2", EligibilityResult.Pending.of("x"));

        assertThat(cache.get("hmac-1")).isEmpty();
        assertThat(cache.get("hmac-2")).isEmpty();
    }

    @Test
    void theLeastRecentlyUsedEntryIsEvictedAtCapacity() {
        EligibilityCache small = new EligibilityCache(clock, Duration.ofDays(1), 2);
        small.put("a", eligible);
        small.put("b", eligible);
        small.get("a");
        small.put("c", eligible);

        assertThat(small.get("b")).isEmpty();
        assertThat(small.get("a")).isPresent();
    }

    @Test
    void backoffStaysUnderItsCapAndNeverUndercutsRetryAfter() {
        BackoffPolicy p = new BackoffPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(10));
        RandomGenerator r = new java.util.Random(1);
        for (int attempt = 0; attempt < 50; attempt++) {
            assertThat(p.delay(attempt, Optional.empty(), r)).isBetween(Duration.ZERO, Duration.ofSeconds(5));
        }
        assertThat(p.ceiling(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.ceiling(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.ceiling(62)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.delay(0, Optional.of(Duration.ofSeconds(30)), r)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.delay(0, Optional.of(Duration.ofDays(3)), r)).isEqualTo(Duration.ofMinutes(10));
    }
}
