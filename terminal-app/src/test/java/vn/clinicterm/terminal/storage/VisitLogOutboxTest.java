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
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncListener;
import vn.clinicterm.terminal.sync.TerminalSync;

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

    @Test
    void aRequeuedDeadLetterIsDeliveredByTheWorkerToCentralSimAndItsVisitResolves() throws Exception {
        try (vn.clinicterm.centralsim.CentralSim central = vn.clinicterm.centralsim.CentralSim.builder().port(0).start();
                VisitLog log = VisitLog.builder().database(dir.resolve("clinicterm.db"))
                        .keyFile(dir.resolve("keys/visit-log.keys")).clock(clock).zone(TestVisits.HANOI)
                        .terminalId("quay-1").facilityCode(vn.clinicterm.centralsim.CentralSim.DEFAULT_FACILITY)
                        .passwordHashing(PasswordHashing.FOR_TESTS).open()) {
            VisitLogOutbox outbox = new VisitLogOutbox(log);
            long id = visit(log, 1);
            OutboxEntry check = outbox.nextBatch(10, clock.instant()).getFirst();
            // what the worker and its listener do with an answer that retrying would not change
            outbox.markInFlight(List.of(check.idempotencyKey()));
            outbox.markDeadLetter(check.idempotencyKey(), clock.instant(), "CONFIG_ERROR: facility not registered");
            log.updateEligibility(id, Eligibility.ERROR, "{\"outcome\":\"ERROR\"}");
            assertThat(outbox.state().deadLetters()).hasSize(1);

            assertThat(outbox.requeueDeadLetter(check.idempotencyKey(), "quan.tri")).isTrue();

            assertThat(outbox.requeueDeadLetter(check.idempotencyKey(), "quan.tri")).as("queued already").isFalse();
            assertThat(outbox.requeueDeadLetter(UUID.randomUUID(), "quan.tri")).isFalse();
            assertThat(log.visit(id).orElseThrow().eligibility()).isEqualTo(Eligibility.PENDING);
            assertThat(log.eligibilityDetails(id)).as("the dead letter's answer is forgotten").isEmpty();
            assertThat(outbox.state().deadLetters()).isEmpty();
            assertThat(outbox.nextBatch(10, clock.instant())).as("the visit's upload waits behind the check again")
                    .singleElement().satisfies(e -> {
                        assertThat(e.idempotencyKey()).isEqualTo(check.idempotencyKey());
                        assertThat(e.attempts()).isZero();
                    });

            SyncConfig config = SyncConfig.builder().baseUrl(central.baseUrl())
                    .facilityCode(vn.clinicterm.centralsim.CentralSim.DEFAULT_FACILITY).build();
            try (TerminalSync sync = TerminalSync.open(log, config, SyncListener.NONE)) {
                assertThat(sync.worker().drain(Duration.ofSeconds(15))).isTrue();
            }

            assertThat(log.visit(id).orElseThrow().eligibility()).isEqualTo(Eligibility.ELIGIBLE);
            assertThat(log.eligibilityDetails(id)).get().asString().contains("cardNumber");
            OutboxState done = outbox.state();
            assertThat(done.done()).isEqualTo(2);
            assertThat(done.queued()).isZero();
            assertThat(done.deadLetters()).isEmpty();
            assertThat(central.receivedVisits()).hasSize(1);
            assertThat(log.auditEntries(1, 100)).filteredOn(e -> e.actor().equals("quan.tri"))
                    .extracting(AuditEntry::type).containsExactly(AuditType.OUTBOX_REQUEUED, AuditType.ELIGIBILITY_UPDATE);
            assertThat(log.auditEntries(1, 100)).filteredOn(e -> e.type() == AuditType.OUTBOX_REQUEUED).singleElement()
                    .satisfies(e -> assertThat(e.details()).contains(check.idempotencyKey().toString())
                            .contains("ELIGIBILITY_CHECK").doesNotContain(SyntheticCitizens.citizen(1).idNumber()));
            assertThat(log.verifyAudit().intact()).isTrue();
        }
    }

    @Test
    void requeuingLeavesAnEligibilityStaffSetMeanwhileAndAnUploadsVisitAlone() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            VisitLogOutbox outbox = new VisitLogOutbox(log);
            long id = visit(log, 1);
            UUID check = outbox.nextBatch(10, clock.instant()).getFirst().idempotencyKey();
            outbox.markInFlight(List.of(check));
            outbox.markDeadLetter(check, clock.instant(), "ERROR: no answer");
            log.updateEligibility(id, Eligibility.NOT_ELIGIBLE, "{\"outcome\":\"NOT_ELIGIBLE\"}"); // asked again
            UUID upload = outbox.nextBatch(10, clock.instant()).getFirst().idempotencyKey();
            outbox.markInFlight(List.of(upload));
            outbox.markDeadLetter(upload, clock.instant(), "HTTP 422 INVALID_ITEM");

            assertThat(outbox.requeueDeadLetter(check, "quan.tri")).isTrue();
            assertThat(outbox.requeueDeadLetter(upload, "quan.tri")).isTrue();

            assertThat(log.visit(id).orElseThrow().eligibility()).isEqualTo(Eligibility.NOT_ELIGIBLE);
            assertThat(outbox.state().queued()).isEqualTo(2);
            assertThat(outbox.nextBatch(10, clock.instant())).extracting(OutboxEntry::idempotencyKey)
                    .containsExactly(check);
            assertThat(log.auditEntries(1, 100)).filteredOn(e -> e.actor().equals("quan.tri"))
                    .extracting(AuditEntry::type).containsExactly(AuditType.OUTBOX_REQUEUED, AuditType.OUTBOX_REQUEUED);
        }
    }
}
