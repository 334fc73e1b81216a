package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import vn.clinicterm.terminal.app.ReceptionState.Notice;
import vn.clinicterm.terminal.app.ReceptionState.Phase;
import vn.clinicterm.terminal.app.ReceptionState.ReaderStatus;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitSummary;

/**
 * The reception flow without JavaFX: real virtual chips in an in-JVM reader, the real ChipReader, Verifier and a real
 * SQLite visit log; the insurer is a fake. Work runs on a recording executor so the test can say which threads read.
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
        log = VisitLog.builder().database(temp.resolve("clinicterm.db")).terminalId("quay-test").open();
        vm = new ReceptionViewModel(ReceptionServices.builder()
                .readers(CardReaders.of(terminals.factory()))
                .cardReader(cardReader)
                .verifier(Verifier.builder().trustStore(trust).build())
                .eligibility(q -> insurer.check(q))
                .visitLog(log)
                .staffUser("le.tan")
                .terminalId("quay-test")
                .executor(executor)
                .pollInterval(Duration.ofMillis(50))
                .build());
        vm.addListener(seen::add);
        vm.start();
        await(s -> s.readerStatus() == ReaderStatus.EMPTY);
    }

    @AfterEach
    void close() {
        vm.close();
        executor.close();
        log.close();
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
        SimCard card = insert(1);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();
        ReceptionState vi = await(s -> s.verdict().isPresent());
        assertThat(vi.verdict().get().simple().locale()).isEqualTo(SimpleReport.VIETNAMESE);

        vm.setLocale(java.util.Locale.ENGLISH);

        assertThat(vm.state().verdict().get().simple().headline()).isEqualTo("Verified");
    }

    @Test
    void aClonedChipIsNotGenuineAndCheckInIsRefusedUnlessStaffOverride() throws Exception {
        SimCard card = insert(2, FaultProfile.CLONE);
        vm.keyTyped(card.citizen().can());
        vm.submitKey();

        ReceptionState done = await(s -> s.phase() == Phase.DONE);
        assertThat(done.verdict().get().indication()).isEqualTo(Indication.FAILED);
        assertThat(done.verdict().get().cloneSuspected()).isTrue();
        assertThat(done.checkIn()).isEqualTo(CheckInStatus.NEEDS_OVERRIDE);

        vm.checkIn();
        ReceptionState refused = await(s -> s.checkIn() == CheckInStatus.REFUSED);
        assertThat(refused.notice()).map(Notice::kind).contains(Notice.Kind.CHECK_IN_REFUSED);
        assertThat(log.today()).isEmpty();

        vm.checkInWithOverride();
        await(s -> s.checkIn() == CheckInStatus.RECORDED && s.today().size() == 1);
        assertThat(log.today().getFirst().overrideByStaff()).isTrue();
    }

    @Test
    void aWrongCanSaysSoAndAfterThreeTriesSaysWhatToCheck() throws Exception {
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
    }

    @Test
    void aCardPulledAwayDuringTheReadRecordsNothing() throws Exception {
        SimCard card = SimCard.builder().citizen(1).profile(FaultProfile.TEAR).tearAfterApdus(8).build();
        terminals.insert(reader, card.chip());
        vm.keyTyped(card.citizen().can());
        vm.submitKey();

        ReceptionState s = await(x -> x.phase() == Phase.FAILED);
        assertThat(s.notice().get().kind()).isEqualTo(Notice.Kind.CARD_REMOVED_EARLY);
        assertThat(s.checkIn()).isEqualTo(CheckInStatus.UNAVAILABLE);
        assertThat(log.today()).isEmpty();
    }

    @Test
    void withTheInsurerUnreachableEligibilityIsPendingAndTheVisitStillChecksIn() throws Exception {
        insurer = q -> EligibilityResult.Pending.of("unreachable");
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

        SimCard card = insert(1);
        await(s -> s.phase() == Phase.NEED_KEY);
        vm.keyTyped(card.citizen().idNumber() + "||" + card.citizen().fullName() + "|12031985|Nam|Hà Nội|01012021");

        await(s -> s.phase() == Phase.DONE);
    }
}
