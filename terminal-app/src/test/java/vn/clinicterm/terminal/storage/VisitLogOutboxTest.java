package vn.clinicterm.terminal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.storage.TestVisits.MORNING;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.sync.OutboxEntry;
import vn.clinicterm.sync.OutboxEntry.Kind;
import vn.clinicterm.sync.OutboxPayloads;
import vn.clinicterm.sync.OutboxState;

/** {@link VisitLogOutbox} against the behaviours sync-client's FakeOutbox stands for, on a real SQLite file. */
class VisitLogOutboxTest {

    @TempDir
    Path dir;

    private final TestVisits.MutableClock clock = new TestVisits.MutableClock(MORNING);

    private long visit(VisitLog log, int citizen) {
        long id = ((RecordOutcome.Recorded) log.recordVisit(TestVisits.passed(citizen))).visitId();
        clock.advance(Duration.ofSeconds(10)); // past the duplicate window
        return id;
    }

    private static OutboxEntry.Receipt ok(Instant at) {
        return new OutboxEntry.Receipt(at, "ELIGIBLE");
    }

    @Test
    void aPendingVisitQueuesItsEligibilityCheckAndTheUploadFollowsTheAnswer() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            VisitLogOutbox outbox = new VisitLogOutbox(log);
            long id = visit(log, 1);

            OutboxEntry check = outbox.nextBatch(10, clock.instant()).getFirst();
            assertThat(check.kind()).isEqualTo(Kind.ELIGIBILITY_CHECK);
            assertThat(check.visitId()).isEqualTo(Long.toString(id));
            assertThat(check.patientKey()).matches("[0-9a-f]{64}").doesNotContain(SyntheticCitizens.citizen(1).idNumber());
            assertThat(OutboxPayloads.parseEligibilityCheck(check.payload()).idNumber())
                    .isEqualTo(SyntheticCitizens.citizen(1).idNumber());

            outbox.markInFlight(List.of(check.idempotencyKey()));
            outbox.markDone(check.idempotencyKey(), ok(clock.instant()));

            OutboxEntry upload = outbox.nextBatch(10, clock.instant()).getFirst();
            assertThat(upload.kind()).isEqualTo(Kind.VISIT);
            assertThat(upload.patientKey()).isEqualTo(check.patientKey());
            assertThat(upload.payload()).contains("\"visitId\":\"" + id + "\"")
                    .doesNotContain(SyntheticCitizens.citizen(1).idNumber())
                    .doesNotContain(SyntheticCitizens.citizen(1).fullName());
            assertThat(log.today()).singleElement().satisfies(v ->
                    assertThat(v.eligibility()).isEqualTo(Eligibility.ELIGIBLE));
        }
    }

    @Test
    void entriesOfOnePatientComeOutInOrderOneAtATimeAndInFlightHoldsThePatientBack() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            VisitLogOutbox outbox = new VisitLogOutbox(log);
            visit(log, 1);
            visit(log, 2);
            visit(log, 1);

            List<OutboxEntry> first = outbox.nextBatch(10, clock.instant());
            assertThat(first).extracting(OutboxEntry::sequence).containsExactly(1L, 2L);
            outbox.markInFlight(List.of(first.get(0).idempotencyKey()));
            assertThat(outbox.nextBatch(10, clock.instant())).extracting(OutboxEntry::sequence).containsExactly(2L);
            assertThat(outbox.state().inFlight()).isEqualTo(1);

            outbox.markDone(first.get(0).idempotencyKey(), ok(clock.instant()));
            // patient 1's second visit was written before the first visit's upload was queued, so it goes first
            assertThat(outbox.nextBatch(10, clock.instant())).extracting(OutboxEntry::sequence).containsExactly(2L, 3L);
            assertThat(outbox.nextBatch(1, clock.instant())).extracting(OutboxEntry::sequence).containsExactly(2L);
        }
    }

    @Test
    void aRetryWaitsForItsTimeCountsTheAttemptAndBlocksItsPatientMeanwhile() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            VisitLogOutbox outbox = new VisitLogOutbox(log);
            visit(log, 1);
            visit(log, 1);
            UUID key = outbox.nextBatch(10, clock.instant()).getFirst().idempotencyKey();
            outbox.markInFlight(List.of(key));
            outbox.markRetry(key, clock.instant().plusSeconds(30), "HTTP 503");

            assertThat(outbox.nextBatch(10, clock.instant())).isEmpty();
            assertThat(outbox.state().queued()).isEqualTo(2);
            assertThat(outbox.nextBatch(10, clock.instant().plusSeconds(30))).singleElement().satisfies(e -> {
                assertThat(e.idempotencyKey()).isEqualTo(key);
                assertThat(e.attempts()).isEqualTo(1);
            });
        }
    }

    @Test
    void aDeadLetterIsShownToItAndNoLongerBlocksItsPatient() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            VisitLogOutbox outbox = new VisitLogOutbox(log);
            visit(log, 1);
            visit(log, 1);
            OutboxEntry first = outbox.nextBatch(10, clock.instant()).getFirst();
            outbox.markInFlight(List.of(first.idempotencyKey()));
            outbox.markDeadLetter(first.idempotencyKey(), clock.instant(), "HTTP 422 INVALID_ITEM");

            assertThat(outbox.nextBatch(10, clock.instant())).extracting(OutboxEntry::sequence).containsExactly(2L);
            OutboxState state = outbox.state();
            assertThat(state.deadLetters()).singleElement().satisfies(d -> {
                assertThat(d.idempotencyKey()).isEqualTo(first.idempotencyKey());
                assertThat(d.kind()).isEqualTo(Kind.ELIGIBILITY_CHECK);
                assertThat(d.reason()).isEqualTo("HTTP 422 INVALID_ITEM");
                assertThat(d.at()).isEqualTo(clock.instant());
            });
            // the dead check leaves the visit in ERROR (not PENDING) and its upload still goes out
            assertThat(state.queued()).isEqualTo(2);
        }
    }

    @Test
    void marksOnUnknownOrFinishedEntriesAreIgnored() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            VisitLogOutbox outbox = new VisitLogOutbox(log);
            visit(log, 1);
            UUID key = outbox.nextBatch(10, clock.instant()).getFirst().idempotencyKey();
            outbox.markInFlight(List.of(key));
            outbox.markDone(key, ok(clock.instant()));

            outbox.markRetry(key, clock.instant(), "late");
            outbox.markDeadLetter(key, clock.instant(), "late");
            outbox.markDone(key, ok(clock.instant()));
            outbox.markInFlight(List.of(key, UUID.randomUUID()));
            outbox.markDone(UUID.randomUUID(), ok(clock.instant()));

            OutboxState state = outbox.state();
            assertThat(state.done()).isEqualTo(1);
            assertThat(state.queued()).isEqualTo(1); // the visit upload
            assertThat(state.inFlight()).isZero();
            assertThat(state.deadLetters()).isEmpty();
        }
    }

    @Test
    void afterARestartInFlightEntriesComeBackWithTheirKeysAndTheLastSuccessIsKept() {
        UUID inFlight;
        Instant success = MORNING.plusSeconds(20);
        try (VisitLog log = TestVisits.open(dir, clock)) {
            VisitLogOutbox outbox = new VisitLogOutbox(log);
            visit(log, 1);
            visit(log, 2);
            List<OutboxEntry> batch = outbox.nextBatch(10, clock.instant());
            outbox.markInFlight(batch.stream().map(OutboxEntry::idempotencyKey).toList());
            outbox.markDone(batch.get(0).idempotencyKey(), ok(success));
            inFlight = batch.get(1).idempotencyKey();
        } // the terminal dies here with entry 2 in flight

        try (VisitLog log = TestVisits.open(dir, clock)) {
            VisitLogOutbox outbox = new VisitLogOutbox(log);
            assertThat(outbox.state().inFlight()).isEqualTo(1);
            assertThat(outbox.nextBatch(10, clock.instant())).extracting(OutboxEntry::idempotencyKey)
                    .doesNotContain(inFlight);

            assertThat(outbox.recoverInFlight()).isEqualTo(1);

            assertThat(outbox.nextBatch(10, clock.instant())).extracting(OutboxEntry::idempotencyKey).contains(inFlight);
            OutboxState state = outbox.state();
            assertThat(state.lastSuccess()).contains(success);
            assertThat(state.done()).isEqualTo(1);
            assertThat(state.inFlight()).isZero();
            try (Stream<VisitRecord> all = log.search(VisitQuery.days(
                    java.time.LocalDate.of(2026, 11, 28), java.time.LocalDate.of(2026, 11, 28)))) {
                assertThat(all.map(VisitRecord::eligibility)).containsExactly(Eligibility.ELIGIBLE, Eligibility.PENDING);
            }
        }
    }

    @Test
    void aVisitWithAKnownAnswerQueuesOnlyItsUpload() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            log.recordVisit(TestVisits.checkIn(4).eligibility(Eligibility.ELIGIBLE).build());
            assertThat(new VisitLogOutbox(log).nextBatch(10, clock.instant())).singleElement()
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.VISIT));
        }
    }
}
