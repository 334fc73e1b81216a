package vn.clinicterm.terminal.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.terminal.storage.CheckIn;
import vn.clinicterm.terminal.storage.CloneCheck;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.PasswordHashing;
import vn.clinicterm.terminal.storage.RecordOutcome;
import vn.clinicterm.terminal.storage.VisitLog;

/** Test data for the login, auditor and admin view models: a visit log in a temp dir, synthetic check-ins. */
final class TerminalTestVisits {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    /** 09:00 in Hà Nội on 28/11/2026. */
    static final Instant MORNING = Instant.parse("2026-11-28T02:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TerminalTestVisits() {}

    static VisitLog open(Path dir, Clock clock) {
        return VisitLog.builder().database(dir.resolve("clinicterm.db")).keyFile(dir.resolve("keys/visit-log.keys"))
                .clock(clock).zone(HANOI).terminalId("quay-1").passwordHashing(PasswordHashing.FOR_TESTS)
                .lockout(3, Duration.ofMinutes(15)).open();
    }

    /** Records a visit of synthetic citizen {@code citizen}; returns its id. */
    static long visit(VisitLog log, int citizen, Indication indication, Eligibility eligibility) {
        SimCitizen c = SyntheticCitizens.citizen(citizen);
        CheckIn.Builder b = CheckIn.builder().terminalId("quay-1").staffUser("le.tan")
                .idNumber(c.idNumber()).fullName(c.fullName()).dateOfBirth(c.dateOfBirth())
                .gender(c.gender().vietnamese()).residence(c.residence())
                .verification(indication, indication == Indication.PASSED ? "" : "HASH_FAILURE",
                        indication == Indication.PASSED ? List.of() : List.of("dg.hashes"))
                .accessMethod(AccessMethod.PACE).cloneCheck(CloneCheck.CA, true)
                .eligibility(eligibility);
        if (indication == Indication.FAILED) {
            b.overrideByStaff();
        }
        return switch (log.recordVisit(b.build())) {
            case RecordOutcome.Recorded r -> r.visitId();
            case RecordOutcome.Duplicate d -> throw new AssertionError("duplicate visit " + d.existingVisitId());
            case RecordOutcome.RefusedUnverified r -> throw new AssertionError("refused: " + r);
            case RecordOutcome.ReadOnly r -> throw new AssertionError("read-only: " + r.reason());
        };
    }

    /** Polls {@code state} until {@code condition} holds; fails with the last state after 20 s. */
    static <S> S await(Supplier<S> state, Predicate<S> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            S s = state.get();
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("timed out; last state " + state.get());
    }

    /** A clock tests move by hand, in Hà Nội's zone. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return HANOI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return zone.equals(HANOI) ? this : Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
