package vn.clinicterm.terminal.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;

/** Test data: check-ins of synthetic citizens, a settable clock, a visit log in a temp directory. */
final class TestVisits {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Instant MORNING = Instant.parse("2026-11-28T02:00:00Z"); // 09:00 in Hà Nội

    private TestVisits() {}

    static CheckIn.Builder checkIn(int citizen) {
        SimCitizen c = SyntheticCitizens.citizen(citizen);
        return CheckIn.builder().terminalId("quay-1").staffUser("le.tan")
                .idNumber(c.idNumber()).fullName(c.fullName()).dateOfBirth(c.dateOfBirth())
                .gender(c.gender().vietnamese()).residence(c.residence())
                .verification(Indication.PASSED, "", List.of())
                .accessMethod(AccessMethod.PACE).cloneCheck(CloneCheck.CA, true);
    }

    static CheckIn passed(int citizen) {
        return checkIn(citizen).build();
    }

    static VisitLog open(Path dir, Clock clock) {
        return VisitLog.builder().database(dir.resolve("clinicterm.db")).keyFile(dir.resolve("keys/visit-log.keys"))
                .clock(clock).zone(HANOI).terminalId("quay-1").passwordHashing(PasswordHashing.FOR_TESTS).open();
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MutableClock self = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId z) {
                    return self.withZone(z);
                }

                @Override
                public Instant instant() {
                    return self.now;
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
