package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.verify.Indication;
import vn.clinicterm.card.verify.SimpleReport;
import vn.clinicterm.card.verify.Verifier;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SimCard;
import vn.clinicterm.cardsim.SimTerminals;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.sync.EligibilityProvider;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.sync.ReasonCode;
import vn.clinicterm.terminal.app.ReceptionState.CheckInStatus;
import vn.clinicterm.terminal.app.ReceptionState.CloneCheckMark;
import vn.clinicterm.terminal.app.ReceptionState.Notice;
import vn.clinicterm.terminal.app.ReceptionState.Phase;
import vn.clinicterm.terminal.app.ReceptionState.ReaderStatus;
import vn.clinicterm.terminal.consent.ConsentNotice;
import vn.clinicterm.terminal.consent.ConsentPolicy;
import vn.clinicterm.terminal.handoff.PatientLine;
import vn.clinicterm.terminal.reception.ReceptionEvent;
import vn.clinicterm.terminal.storage.AuditEntry;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitSummary;

/**
 * The reception flow without JavaFX: real virtual chips in an in-JVM reader, the real ChipReader, Verifier, Reception
 * (consent policy, events) and a real SQLite visit log; the insurer is a fake. Work runs on a recording executor so
 * the test can say which threads read. Unless a test says otherwise the counter is a private facility's, so staff
 * confirm consent first.
 */
class ReceptionViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final SimTerminals terminals = SimTerminals.withReaders(1);
    private final String reader = terminals.readerNames().getFirst();
    private final RecordingExecutor executor = new RecordingExecutor();
    private final RecordingCardReader cardReader = new RecordingCardReader();
    private final List<ReceptionState> seen = new CopyOnWriteArrayList<>();
    private final List<Cue> cues = new CopyOnWriteArrayList<>();
    private final List<ReceptionEvent> events = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock();
    private Verifier verifier;
    private EligibilityProvider insurer = q -> new EligibilityResult.Eligible("DN2010850123450",
            LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), "79001", 100, Optional.empty(), ReasonCode.VALID);
    private VisitLog log;
    private ReceptionViewModel vm;

    @BeforeEach
    void counter() throws Exception {
        TestPki.standard().exportTo(temp.resolve("pki"));
        TrustStore trust = TrustStore.open(temp.resolve("trust"), Clock.systemUTC());
        trust.importFile(temp.resolve("pki/csca-brainpool.der"));
        trust.importFile(temp.resolve("pki/csca-rsapss.der"));
        trust.importFile(temp.resolve("pki/csca.crl"));
        verifier = Verifier.builder().trustStore(trust).build();
        log = VisitLog.builder().database(temp.resolve("clinicterm.db")).terminalId("quay-test").open();
        open(ReceptionServices.builder());
    }

    /** (Re)opens the counter with the common services plus whatever {@code b} already holds. */
    private void open(ReceptionServices.Builder b) throws InterruptedException {
        if (vm != null) {
            vm.close();
        }
        vm = new ReceptionViewModel(b
                .readers(CardReaders.of(terminals.factory()))
                .cardReader(cardReader)
                .verifier(verifier)
                .eligibility(q -> insurer.check(q))
                .visitLog(log)
                .staffUser("le.tan")
                .terminalId("quay-test")
                .executor(executor)
                .pollInterval(Duration.ofMillis(50))
                .clock(clock)
                .build());
        vm.addListener(seen::add);
        vm.addCueListener(cues::add);
        vm.reception().addListener(events::add);
        vm.start();
        await(s -> s.readerStatus() == ReaderStatus.EMPTY);
    }

    @AfterEach
    void close() {
        vm.close();
        executor.close();
        log.close();
    }

    /** A clock tests can move; it starts at the real time, since the visit log and the verifier use their own. */
    static final class MutableClock extends Clock {
        // millisecond precision, as the visit log stores times
        private volatile java.time.Instant now =
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneId.systemDefault();
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    private ReceptionState await(Predicate<ReceptionState> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ReceptionState s = vm.state();
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("timed out; last state " + vm.state());
    }

    /** Cues are told after the state they belong to: wait for them rather than race. */
    private void awaitCues(Cue... expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!cues.equals(List.of(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cues).containsExactly(expected);
    }

    private SimCard insert(int citizen, FaultProfile... faults) {
        SimCard.Builder b = SimCard.builder().citizen(citizen);
        for (FaultProfile f : faults) {
            b.profile(f);
        }
        SimCard card = b.build();
        terminals.insert(reader, card.chip());
        return card;
    }

    @Test
    void aGenuineCardIsReadOffTheCallersThreadVerifiedFoundEligibleAndCheckedIn() throws Exception {
        vm.confirmConsent();
        SimCard card = insert(1);
        await(s -> s.phase() == Phase.NEED_KEY);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();

        ReceptionState done = await(s -> s.phase() == Phase.DONE && s.eligibility().isPresent());
        assertThat(done.patient()).get().satisfies(p -> {
            assertThat(p.fullName()).isEqualTo("Nguyễn Văn An");
            assertThat(p.maskedIdNumber()).isEqualTo("0010••••2345");
            assertThat(p.dateOfBirth()).contains(LocalDate.of(1985, 3, 12));
        });
        assertThat(done.photo()).isPresent();
        assertThat(done.verdict()).get().extracting(ReceptionState.Verdict::indication).isEqualTo(Indication.PASSED);
        assertThat(done.eligibility()).get().isInstanceOf(EligibilityResult.Eligible.class);
        assertThat(done.checkIn()).isEqualTo(CheckInStatus.READY);
        assertThat(done.cloneCheck()).isEqualTo(CloneCheckMark.PASSED);
        // the identity was on screen before the verdict
        assertThat(seen).anyMatch(s -> s.patient().isPresent() && s.verdict().isEmpty());

        vm.checkIn();
        ReceptionState recorded = await(s -> s.checkIn() == CheckInStatus.RECORDED && s.today().size() == 1);
        VisitSummary visit = recorded.today().getFirst();
        assertThat(visit.maskedIdNumber()).isEqualTo("0010••••2345");
        assertThat(visit.eligibility()).isEqualTo(Eligibility.ELIGIBLE);

        assertThat(cardReader.threads).isNotEmpty()
                .allSatisfy(t -> assertThat(t).startsWith(RecordingExecutor.PREFIX))
                .doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void theVerdictFollowsTheLanguage() throws Exception {
        vm.confirmConsent();
        SimCard card = insert(1);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();
        ReceptionState vi = await(s -> s.verdict().isPresent());
        assertThat(vi.verdict().get().simple().locale()).isEqualTo(SimpleReport.VIETNAMESE);

        vm.setLocale(java.util.Locale.ENGLISH);

        assertThat(vm.state().verdict().get().simple().headline()).isEqualTo("Verified");
        assertThat(vm.state().consent().notice()).isEqualTo(ConsentNotice.text(java.util.Locale.ENGLISH));
    }

    @Test
    void aClonedChipIsNotGenuineAndCheckInIsRefusedUnlessStaffOverride() throws Exception {
        vm.confirmConsent();
        SimCard card = insert(2, FaultProfile.CLONE);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();

        ReceptionState done = await(s -> s.phase() == Phase.DONE);
        assertThat(done.verdict().get().indication()).isEqualTo(Indication.FAILED);
        assertThat(done.verdict().get().cloneSuspected()).isTrue();
        assertThat(done.cloneCheck()).as("the anti-cloning step is marked failed, not ticked")
                .isEqualTo(CloneCheckMark.FAILED);
        assertThat(done.checkIn()).isEqualTo(CheckInStatus.NEEDS_OVERRIDE);

        vm.checkIn();
        ReceptionState refused = await(s -> s.checkIn() == CheckInStatus.REFUSED);
        assertThat(refused.notice()).map(Notice::kind).contains(Notice.Kind.CHECK_IN_REFUSED);
        assertThat(log.today()).isEmpty();

        vm.checkInWithOverride();
        await(s -> s.checkIn() == CheckInStatus.RECORDED && s.today().size() == 1);
        assertThat(log.today().getFirst().overrideByStaff()).isTrue();
        // the refused attempt and the override are one patient: announced once, checked in once
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .filteredOn(n -> !n.equals("EligibilityKnown")).containsExactly("CardRead", "Verified", "CheckedIn");
    }

    @Test
    void aWrongCanSaysSoAndAfterThreeTriesSaysWhatToCheck() throws Exception {
        vm.confirmConsent();
        insert(1);
        for (int i = 1; i <= ReceptionViewModel.WRONG_KEY_HINT_AFTER; i++) {
            vm.keyTyped("999999");
            vm.submitKey();
            int tries = i;
            await(s -> s.phase() == Phase.FAILED && s.notice().isPresent()
                    && s.notice().get().args().equals(List.of(Integer.toString(tries))));
        }
        ReceptionState s = vm.state();
        assertThat(s.notice().get().kind()).isEqualTo(Notice.Kind.WRONG_KEY_REPEATED);
        assertThat(s.patient()).isEmpty();
        assertThat(s.checkIn()).isEqualTo(CheckInStatus.UNAVAILABLE);
        awaitCues(Cue.ATTENTION, Cue.ATTENTION, Cue.ATTENTION); // each refused key sounds
    }

    @Test
    void aCardPulledAwayDuringTheReadRecordsNothing() throws Exception {
        vm.confirmConsent();
        SimCard card = SimCard.builder().citizen(1).profile(FaultProfile.TEAR).tearAfterApdus(8).build();
        terminals.insert(reader, card.chip());
        vm.keyTyped(card.citizen().can());
        vm.submitKey();

        ReceptionState s = await(x -> x.phase() == Phase.FAILED);
        assertThat(s.notice().get().kind()).isEqualTo(Notice.Kind.CARD_REMOVED_EARLY);
        assertThat(s.checkIn()).isEqualTo(CheckInStatus.UNAVAILABLE);
        assertThat(log.today()).isEmpty();
    }

    /** The card leaves the reader after 1, 3, … 17 APDUs: during PACE, after access, in DG13, DG1, DG2, SOD, DG14, CA. */
    @org.junit.jupiter.params.ParameterizedTest(name = "torn after {0} APDUs")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 3, 5, 7, 9, 11, 13, 15, 17})
    void aCardPulledAwayInAnyReadingStepSaysSoAndRecordsNothing(int apdus) throws Exception {
        vm.confirmConsent();
        SimCard card = SimCard.builder().citizen(1).profile(FaultProfile.TEAR).tearAfterApdus(apdus).build();
        terminals.insert(reader, card.chip());
        vm.keyTyped(card.citizen().can());
        vm.submitKey();

        ReceptionState s = await(x -> x.phase() == Phase.FAILED);
        assertThat(s.notice()).as("a clear message after a tear at APDU %d", apdus).isPresent();
        assertThat(s.notice().get().kind()).isEqualTo(Notice.Kind.CARD_REMOVED_EARLY);
        assertThat(s.verdict()).isEmpty();
        assertThat(s.checkIn()).isEqualTo(CheckInStatus.UNAVAILABLE);
        vm.checkIn(); // nothing to check in
        assertThat(log.today()).isEmpty();
    }

    @Test
    void aCentralServiceAnsweringGarbageIsABadReplyNotAnAnswerAndTheVisitStillChecksIn() throws Exception {
        try (vn.clinicterm.centralsim.CentralSim central = vn.clinicterm.centralsim.CentralSim.builder().port(0)
                        .faults("malformedJson=1.0").start();
                vn.clinicterm.sync.SyncClients clients = vn.clinicterm.sync.SyncClients.builder(
                        vn.clinicterm.sync.SyncConfig.builder().baseUrl(central.baseUrl())
                                .facilityCode(vn.clinicterm.centralsim.CentralSim.DEFAULT_FACILITY)
                                .callTimeout(Duration.ofSeconds(5)).build()).build()) {
            insurer = clients.eligibility(); // the real client, over real HTTP, reading truncated JSON
            vm.confirmConsent();
            SimCard card = insert(1);
            vm.keyTyped(card.citizen().can());
            vm.submitKey();

            ReceptionState done = await(s -> s.phase() == Phase.DONE && s.eligibility().isPresent());
            assertThat(done.eligibility().get()).isInstanceOfSatisfying(EligibilityResult.Error.class,
                    e -> assertThat(e.reasonCode()).isEqualTo(ReasonCode.BAD_REPLY));
            assertThat(done.verdict()).isPresent();

            vm.checkIn();
            ReceptionState recorded = await(s -> s.today().size() == 1);
            assertThat(recorded.today().getFirst().eligibility()).isNotEqualTo(Eligibility.ELIGIBLE);
        }
    }

    @Test
    void withTheInsurerUnreachableEligibilityIsPendingAndTheVisitStillChecksIn() throws Exception {
        insurer = q -> EligibilityResult.Pending.of("unreachable");
        vm.confirmConsent();
        SimCard card = insert(1);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();

        ReceptionState done = await(s -> s.phase() == Phase.DONE && s.eligibility().isPresent());
        assertThat(done.eligibility().get()).isInstanceOf(EligibilityResult.Pending.class);

        vm.checkIn();
        ReceptionState recorded = await(s -> s.today().size() == 1);
        assertThat(recorded.today().getFirst().eligibility()).isEqualTo(Eligibility.PENDING);
    }

    @Test
    void aScannedQrStartsTheReadByItselfAndANonCccdQrIsExplained() throws Exception {
        vm.keyTyped("WIFI:S|x|y");
        assertThat(vm.state().notice()).map(Notice::kind).contains(Notice.Kind.NOT_A_CCCD_QR);

        vm.confirmConsent();
        SimCard card = insert(1);
        await(s -> s.phase() == Phase.NEED_KEY);
        vm.keyTyped(card.citizen().idNumber() + "||" + card.citizen().fullName() + "|12031985|Nam|Hà Nội|01012021");

        await(s -> s.phase() == Phase.DONE);
    }

    // ------------------------------------------------------------------------------------------------ consent

    @Test
    void withoutConsentTheChipIsNotReadTheRefusalIsAuditedAndConfirmingReadsAndStoresTheConsent() throws Exception {
        assertThat(vm.state().consent().pending()).isTrue();
        SimCard card = insert(1);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();

        ReceptionState refused = await(s -> s.phase() == Phase.NEED_CONSENT);
        assertThat(refused.notice()).map(Notice::kind).contains(Notice.Kind.CONSENT_NEEDED);
        assertThat(refused.patient()).isEmpty();
        assertThat(cardReader.threads).as("the chip was not touched").isEmpty();
        assertThat(events).isEmpty();
        awaitCues(Cue.ATTENTION);
        assertThat(log.auditEntries(0, 100)).extracting(AuditEntry::type).containsOnlyOnce(AuditType.CONSENT_REFUSED);

        clock.advance(Duration.ofSeconds(30));
        vm.confirmConsent();
        ReceptionState done = await(s -> s.phase() == Phase.DONE && s.eligibility().isPresent());
        assertThat(done.consent().confirmed()).isTrue();
        assertThat(done.notice()).isEmpty();
        vm.checkIn();
        ReceptionState recorded = await(s -> s.checkIn() == CheckInStatus.RECORDED);

        assertThat(log.visit(recorded.visitId()).orElseThrow().consent()).get().satisfies(c -> {
            assertThat(c.staff()).isEqualTo("le.tan");
            assertThat(c.purpose()).isEqualTo(ConsentNotice.PURPOSE);
            assertThat(c.noticeVersion()).isEqualTo(ConsentNotice.version());
            assertThat(c.time()).isEqualTo(clock.instant());
        });
        assertThat(log.auditEntries(0, 100)).filteredOn(e -> e.type() == AuditType.VISIT).singleElement()
                .satisfies(e -> assertThat(e.details()).contains("consentStaff"));
    }

    @Test
    void aConfirmationHoldsForOnePatientOnly() throws Exception {
        vm.confirmConsent(); // before the card: for whichever card comes next
        SimCard first = insert(1);
        vm.keyTyped(first.citizen().can());
        vm.submitKey();
        await(s -> s.phase() == Phase.DONE);
        vm.checkIn();
        ReceptionState recorded = await(s -> s.checkIn() == CheckInStatus.RECORDED);
        assertThat(recorded.consent().confirmed()).as("used up by the check-in").isFalse();

        terminals.remove(reader);
        await(s -> s.readerStatus() == ReaderStatus.EMPTY);
        SimCard second = insert(7);
        vm.keyTyped(second.citizen().can());
        vm.submitKey();
        await(s -> s.phase() == Phase.NEED_CONSENT);

        vm.confirmConsent(); // for the card on the reader: it leaves with the card
        await(s -> s.phase() == Phase.DONE);
        terminals.remove(reader);
        ReceptionState gone = await(s -> s.readerStatus() == ReaderStatus.EMPTY);
        assertThat(gone.consent().confirmed()).isFalse();
        assertThat(gone.phase()).as("the result stays on screen").isEqualTo(Phase.DONE);

        vm.checkIn(); // the patient who left is still checked in under the consent they gave
        ReceptionState second2 = await(s -> s.checkIn() == CheckInStatus.RECORDED && s.today().size() == 2);
        assertThat(log.visit(second2.visitId()).orElseThrow().consent()).isPresent();
    }

    @Test
    void aConsentThatGrewTooOldBeforeCheckInIsRefusedUntilThePatientIsAskedAgain() throws Exception {
        vm.confirmConsent();
        SimCard card = insert(1);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();
        await(s -> s.phase() == Phase.DONE && s.eligibility().isPresent());
        clock.advance(ConsentPolicy.DEFAULT_MAX_AGE.plusMinutes(5));

        vm.checkIn();
        ReceptionState refused = await(s -> s.checkIn() == CheckInStatus.CONSENT_REFUSED);
        assertThat(refused.notice()).map(Notice::kind).contains(Notice.Kind.CONSENT_EXPIRED);
        assertThat(log.today()).isEmpty();
        awaitCues(Cue.SUCCESS, Cue.ATTENTION);

        vm.confirmConsent();
        assertThat(vm.state().checkIn()).isEqualTo(CheckInStatus.READY);
        vm.checkIn();
        ReceptionState recorded = await(s -> s.checkIn() == CheckInStatus.RECORDED);
        assertThat(log.visit(recorded.visitId()).orElseThrow().consent().orElseThrow().time())
                .isEqualTo(clock.instant());
    }

    @Test
    void aPublicFacilityReadsWithoutAPromptAndStoresNoConsent() throws Exception {
        open(ReceptionServices.builder().consentPolicy(ConsentPolicy.publicFacility()));
        assertThat(vm.state().consent().required()).isFalse();
        SimCard card = insert(1);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();
        await(s -> s.phase() == Phase.DONE);
        vm.checkIn();
        ReceptionState recorded = await(s -> s.checkIn() == CheckInStatus.RECORDED);

        assertThat(log.visit(recorded.visitId()).orElseThrow().consent()).isEmpty();
        assertThat(log.auditEntries(0, 100)).extracting(AuditEntry::type).doesNotContain(AuditType.CONSENT_REFUSED);
    }

    // ------------------------------------------------------------------------------------------------ events, cues

    @Test
    void theReceptionAnnouncesCardReadVerifiedCheckedInAndEligibilityAsTheyHappen() throws Exception {
        vm.confirmConsent();
        SimCard card = insert(1);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();
        await(s -> s.phase() == Phase.DONE && s.eligibility().isPresent());
        vm.checkIn();
        ReceptionState recorded = await(s -> s.checkIn() == CheckInStatus.RECORDED);

        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("CardRead", "Verified", "CheckedIn", "EligibilityKnown");
        assertThat(events.getFirst()).isInstanceOfSatisfying(ReceptionEvent.CardRead.class, r -> {
            assertThat(r.idNumber()).isEqualTo(card.citizen().idNumber());
            assertThat(r.fullName()).isEqualTo("Nguyễn Văn An");
            assertThat(r.dateOfBirth()).contains(LocalDate.of(1985, 3, 12));
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(ReceptionEvent.Verified.class,
                v -> assertThat(v.indication()).isEqualTo(vn.clinicterm.terminal.storage.Indication.PASSED));
        assertThat(events.get(2)).isEqualTo(new ReceptionEvent.CheckedIn(events.get(2).at(), recorded.visitId()));

        // an answer that the outbox gets later is announced too; a still-pending one is not
        events.clear();
        vm.syncListener().eligibilityResolved(Long.toString(recorded.visitId()), EligibilityResult.Pending.of("x"));
        vm.syncListener().eligibilityResolved(Long.toString(recorded.visitId()),
                new EligibilityResult.NotEligible(ReasonCode.EXPIRED, "the card expired"));
        assertThat(events).singleElement().isInstanceOfSatisfying(ReceptionEvent.EligibilityKnown.class, k -> {
            assertThat(k.visitId()).isEqualTo(recorded.visitId());
            assertThat(k.eligibility()).isEqualTo(Eligibility.NOT_ELIGIBLE);
        });
    }

    @Test
    void theCounterSoundsSuccessForAVerifiedInsuredPatientAndAttentionForAProblem() throws Exception {
        vm.confirmConsent();
        SimCard card = insert(1);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();
        await(s -> s.phase() == Phase.DONE && s.eligibility().isPresent());
        awaitCues(Cue.SUCCESS);
        vm.checkIn();
        await(s -> s.checkIn() == CheckInStatus.RECORDED);
        awaitCues(Cue.SUCCESS, Cue.SUCCESS);

        cues.clear();
        terminals.remove(reader);
        await(s -> s.readerStatus() == ReaderStatus.EMPTY);
        insurer = q -> new EligibilityResult.NotEligible(ReasonCode.EXPIRED, "the card expired");
        vm.confirmConsent();
        SimCard uninsured = insert(7);
        vm.keyTyped(uninsured.citizen().can());
        vm.submitKey();
        await(s -> s.phase() == Phase.DONE && s.eligibility().isPresent());
        Thread.sleep(200); // a second cue would come now
        awaitCues(Cue.ATTENTION); // once per patient, however many things are wrong
    }

    // ------------------------------------------------------------------------------------------------ keys, clone mark

    @Test
    void theMrzFieldsOpenTheChipAndABadFieldIsNamed() throws Exception {
        vm.confirmConsent();
        SimCard card = insert(1);
        await(s -> s.phase() == Phase.NEED_KEY);
        var citizen = card.citizen();
        String dob = citizen.dateOfBirth().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));

        vm.submitMrz(citizen.idNumber(), "31/02/1985", citizen.mrzDateOfExpiry());
        assertThat(vm.state().notice()).map(Notice::kind).contains(Notice.Kind.MRZ_BAD_BIRTH_DATE);
        assertThat(vm.state().phase()).isEqualTo(Phase.NEED_KEY);

        vm.submitMrz(citizen.idNumber(), dob, citizen.mrzDateOfExpiry());
        ReceptionState done = await(s -> s.phase() == Phase.DONE);
        assertThat(done.keyInput().kind()).isEqualTo(AccessKeyInput.Kind.MRZ);
        assertThat(done.patient()).get().extracting(ReceptionState.Patient::fullName).isEqualTo("Nguyễn Văn An");
        vm.checkIn();
        ReceptionState recorded = await(s -> s.checkIn() == CheckInStatus.RECORDED);
        assertThat(log.visit(recorded.visitId()).orElseThrow().accessMethod())
                .isIn(AccessMethod.PACE, AccessMethod.BAC);
    }

    @Test
    void aCardWhoseCloneCheckCannotCountIsMarkedUnconfirmedNotTicked() throws Exception {
        vm.confirmConsent();
        // the chip answers CA correctly, but its DG14 key is vouched for by a signature that does not verify
        SimCard card = insert(3, FaultProfile.BAD_SOD_SIGNATURE);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();

        ReceptionState done = await(s -> s.phase() == Phase.DONE);
        assertThat(done.verdict().get().indication()).isEqualTo(Indication.FAILED);
        assertThat(done.verdict().get().cloneSuspected()).isFalse();
        assertThat(done.cloneCheck()).isEqualTo(CloneCheckMark.UNCONFIRMED);
    }

    @Test
    void afterCheckInThePatientLineIsCopiedInTheHisOrderAndTheCopyIsAuditedWithoutPersonalData() throws Exception {
        open(ReceptionServices.builder().patientLine(new PatientLine(List.of(PatientLine.Field.ID_NUMBER,
                PatientLine.Field.FULL_NAME, PatientLine.Field.DATE_OF_BIRTH, PatientLine.Field.VISIT_ID), ";")));
        assertThat(vm.copyPatientLine().get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("nothing checked in yet").isEmpty();
        vm.confirmConsent();
        SimCard card = insert(1);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();
        await(s -> s.phase() == Phase.DONE && s.checkIn() == CheckInStatus.READY);
        assertThat(vm.copyPatientLine().get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("read, not checked in").isEmpty();
        assertThat(copies()).isEmpty();

        vm.checkIn();
        long visit = await(s -> s.checkIn() == CheckInStatus.RECORDED).visitId();
        java.util.Optional<String> line = vm.copyPatientLine().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(line).contains(card.citizen().idNumber() + ";" + card.citizen().fullName() + ";12/03/1985;" + visit);
        assertThat(vm.state().notice()).contains(Notice.of(Notice.Kind.PATIENT_LINE_COPIED, Long.toString(visit)));
        assertThat(vm.state().notice().get().isProblem()).isFalse();
        AuditEntry copied = copies().getFirst();
        assertThat(copies()).hasSize(1);
        assertThat(copied.actor()).isEqualTo("le.tan");
        assertThat(copied.details()).contains("\"visitId\":" + visit).contains("\"terminal\":\"quay-test\"")
                .contains("ID_NUMBER").contains("FULL_NAME")
                .doesNotContain(card.citizen().idNumber()).doesNotContain(card.citizen().fullName())
                .doesNotContain("1985");
        assertThat(log.verifyAudit().intact()).isTrue();

        // the result stays on screen after the card left; the next card clears it, and the notice goes with it
        terminals.remove(reader);
        assertThat(await(s -> s.readerStatus() == ReaderStatus.EMPTY).visitId()).isEqualTo(visit);
        insert(2);
        await(s -> s.phase() == Phase.NEED_KEY && s.visitId() == 0 && s.patient().isEmpty());
        assertThat(vm.state().notice()).isEmpty();
        assertThat(vm.copyPatientLine().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEmpty();
        assertThat(copies()).hasSize(1);
    }

    @Test
    void aVisitPurgedMeanwhileIsNotCopiedAndTheNoticeSaysSo() throws Exception {
        vm.confirmConsent();
        SimCard card = insert(1);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();
        await(s -> s.checkIn() == CheckInStatus.READY);
        vm.checkIn();
        await(s -> s.checkIn() == CheckInStatus.RECORDED);
        log.withdrawConsent(card.citizen().idNumber(), "quan.tri"); // the patient withdrew consent: visits purged
        cues.clear();

        assertThat(vm.copyPatientLine().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEmpty();
        assertThat(vm.state().notice()).map(Notice::kind).contains(Notice.Kind.PATIENT_LINE_FAILED);
        assertThat(copies()).isEmpty();
        awaitCues(Cue.ATTENTION);
    }

    @Test
    void theStandardLineIsTabSeparatedNameBirthGenderIdResidence() throws Exception {
        assertThat(vm.patientLine()).isEqualTo(PatientLine.standard());
        vm.confirmConsent();
        SimCard card = insert(1);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();
        await(s -> s.checkIn() == CheckInStatus.READY);
        vm.checkIn();
        await(s -> s.checkIn() == CheckInStatus.RECORDED);

        String line = vm.copyPatientLine().get(WAIT.toSeconds(), TimeUnit.SECONDS).orElseThrow();

        assertThat(line.split("\t", -1)).containsExactly(card.citizen().fullName(), "12/03/1985",
                log.visit(vm.state().visitId()).orElseThrow().gender(), card.citizen().idNumber(),
                card.citizen().residence());
    }

    private List<AuditEntry> copies() {
        return log.auditEntries(0, 1000).stream().filter(e -> e.type() == AuditType.PATIENT_LINE_COPIED).toList();
    }

    @Test
    void inTheDemoAKeyStaffTypedBeforeTheCardWinsOverTheFilledInOne() throws Exception {
        SimCard[] onReader = new SimCard[1];
        open(ReceptionServices.builder().demoKeys(r -> Optional.ofNullable(onReader[0]).map(c -> c.citizen().can())));
        vm.confirmConsent();
        vm.keyTyped("999999");
        vm.submitKey();
        assertThat(vm.state().notice()).map(Notice::kind).contains(Notice.Kind.WAITING_FOR_CARD);

        onReader[0] = SimCard.builder().citizen(1).build();
        terminals.insert(reader, onReader[0].chip());

        ReceptionState wrong = await(s -> s.phase() == Phase.FAILED);
        assertThat(wrong.notice()).map(Notice::kind).contains(Notice.Kind.WRONG_KEY);
        assertThat(wrong.keyAutoFilled()).isFalse();
    }
}
