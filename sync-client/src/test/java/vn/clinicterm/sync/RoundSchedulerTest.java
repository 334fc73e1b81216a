package vn.clinicterm.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoundSchedulerTest {

    static final Duration LONG = Duration.ofHours(1);
    static final Function<RuntimeException, Duration> NO_FAILURES = e -> {
        throw new AssertionError("no round should fail", e);
    };

    final ScheduledExecutorService exec = Executors.newScheduledThreadPool(2);
    final AtomicInteger rounds = new AtomicInteger();

    @AfterEach
    void shutdown() {
        exec.shutdownNow();
    }

    void awaitRounds(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (rounds.get() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(rounds.get()).as("rounds run").isGreaterThanOrEqualTo(n);
    }

    @Test
    void eachRoundDecidesHowLongTheNextOneWaits() throws Exception {
        RoundScheduler s = new RoundScheduler(exec, () -> rounds.incrementAndGet() < 4 ? Duration.ZERO : LONG,
                NO_FAILURES);
        s.start();
        s.start(); // already running: still one schedule
        awaitRounds(4);
        Thread.sleep(100);
        assertThat(rounds.get()).as("the fourth round asked for an hour").isEqualTo(4);
        assertThat(s.running()).isTrue();
        assertThat(s.stop(Duration.ofSeconds(1))).isTrue();
        assertThat(s.running()).isFalse();
    }

    @Test
    void wakeUpRunsTheWaitingRoundAtOnceButOnlyWhileRunning() throws Exception {
        RoundScheduler s = new RoundScheduler(exec, () -> {
            rounds.incrementAndGet();
            return LONG;
        }, NO_FAILURES);
        s.wakeUp();
        Thread.sleep(50);
        assertThat(rounds.get()).as("not started").isZero();

        s.start();
        awaitRounds(1);
        s.wakeUp();
        awaitRounds(2);

        assertThat(s.stop(Duration.ofSeconds(1))).isTrue();
        s.wakeUp();
        Thread.sleep(100);
        assertThat(rounds.get()).as("stopped").isEqualTo(2);
    }

    @Test
    void wakeUpsDuringARoundBringTheNextRoundForwardOnceAndNeverStartASecondLoop() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RoundScheduler s = new RoundScheduler(exec, () -> {
            if (rounds.incrementAndGet() == 1) {
                inRound.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Duration.ofMillis(200);
        }, NO_FAILURES);
        s.start();
        assertThat(inRound.await(5, TimeUnit.SECONDS)).isTrue();
        s.wakeUp();
        s.wakeUp();
        s.wakeUp();
        release.countDown();
        awaitRounds(2); // the wake-ups brought round 2 forward to right after round 1
        Thread.sleep(1000);
        // one loop at a 200 ms rhythm gives about 5 more rounds in a second; four loops would give about 20
        assertThat(rounds.get()).as("rounds in about 1 s after the wake-ups").isBetween(4, 9);
        assertThat(s.stop(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void stopWaitsForTheRoundInProgressAndSaysWhetherItEnded() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RoundScheduler s = new RoundScheduler(exec, () -> {
            if (rounds.incrementAndGet() == 1) {
                inRound.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Duration.ZERO;
        }, NO_FAILURES);
        s.start();
        assertThat(inRound.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(s.stop(Duration.ofMillis(50))).as("the round is still running").isFalse();
        assertThat(s.running()).as("but nothing is scheduled any more").isFalse();
        release.countDown();
        assertThat(s.stop(Duration.ofSeconds(5))).isTrue();
        Thread.sleep(100);
        assertThat(rounds.get()).as("the round in progress was the last").isEqualTo(1);

        s.start(); // a stopped scheduler can be started again
        awaitRounds(2);
        assertThat(s.stop(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void roundsRunThroughExclusiveNeverOverlapScheduledOnesAndStopWaitsForThem() throws Exception {
        AtomicReference<RoundScheduler> ref = new AtomicReference<>();
        AtomicInteger active = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        // like a worker's scheduled round calling its public runOnce(), which goes through exclusive() again
        RoundScheduler s = new RoundScheduler(exec, () -> ref.get().exclusive(() -> {
            if (active.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            rounds.incrementAndGet();
            active.decrementAndGet();
            return LONG;
        }), NO_FAILURES);
        ref.set(s);

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> s.exclusive(() -> {
            active.incrementAndGet();
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            active.decrementAndGet();
            return null;
        }));
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
        s.start();
        Thread.sleep(100);
        assertThat(rounds.get()).as("the scheduled round waits for the caller's").isZero();

        release.countDown();
        awaitRounds(1);
        caller.get(5, TimeUnit.SECONDS);
        assertThat(overlaps.get()).isZero();

        CountDownLatch held2 = new CountDownLatch(1);
        CountDownLatch release2 = new CountDownLatch(1);
        CompletableFuture<Void> caller2 = CompletableFuture.runAsync(() -> s.exclusive(() -> {
            held2.countDown();
            try {
                release2.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(held2.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(s.stop(Duration.ofMillis(50))).as("a round is still running").isFalse();
        assertThat(s.running()).as("but nothing is scheduled any more").isFalse();
        release2.countDown();
        caller2.get(5, TimeUnit.SECONDS);
        assertThat(s.stop(Duration.ofSeconds(1))).isTrue();
        assertThat(s.exclusive(() -> {
            try {
                return s.stop(Duration.ZERO);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        })).as("from within a round").isTrue();
    }

    @Test
    void aRoundThatThrowsGoesToTheFailureHandlerAndTheScheduleGoesOn() throws Exception {
        AtomicReference<RuntimeException> seen = new AtomicReference<>();
        RoundScheduler s = new RoundScheduler(exec, () -> {
            if (rounds.incrementAndGet() == 1) {
                throw new IllegalStateException("database is locked");
            }
            return LONG;
        }, e -> {
            seen.set(e);
            return Duration.ofMillis(10);
        });
        s.start();
        awaitRounds(2);
        assertThat(seen.get()).isInstanceOf(IllegalStateException.class).hasMessage("database is locked");
        assertThat(s.stop(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void withoutAnExecutorRoundsRunOnlyOnTheCallersThread() throws Exception {
        RoundScheduler s = new RoundScheduler(null, () -> Duration.ZERO, NO_FAILURES);
        assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
        assertThat(s.running()).isFalse();
        s.wakeUp();
        assertThat(s.exclusive(() -> "ran")).isEqualTo("ran");
        assertThat(s.stop(Duration.ZERO)).isTrue();
    }
}
