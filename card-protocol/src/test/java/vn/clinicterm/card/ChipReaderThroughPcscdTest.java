package vn.clinicterm.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.clinicterm.cardsim.ApduTrace;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SimCard;
import vn.clinicterm.cardsim.SimCitizen;

/** The reader against the simulated chip through the real PC/SC stack. */
class ChipReaderThroughPcscdTest {

    private final ChipReader reader = ChipReader.builder().build();

    private static SimCard card(int citizen, FaultProfile... profiles) {
        SimCard.Builder b = SimCard.builder().citizen(citizen);
        for (FaultProfile p : profiles) {
            b.profile(p);
        }
        return b.build();
    }

    private ReadOutcome read(SimCard card, AccessKey key, ApduTrace trace, List<ReadStep> steps) {
        try (SimInPcscd sim = SimInPcscd.insert(trace == null ? card.chip() : trace.wrap(card.chip()))) {
            return reader.read(sim.terminal, key, steps == null ? ReadProgress.NONE : steps::add);
        }
    }

    private static void assertFilesAreTheChipsFiles(ChipEvidence evidence, CardImage image) {
        for (var entry : image.files().entrySet()) {
            int fid = entry.getKey() & 0xFFFF;
            if (fid == 0x0103) {
                assertThat(evidence.files()).doesNotContainKey(fid);
                continue;
            }
            assertThat(evidence.file(fid)).as("file %04X", fid).hasValueSatisfying(
                    bytes -> assertThat(bytes).isEqualTo(entry.getValue()));
        }
    }

    @Test
    void paceWithTheCanReadsTheIdentityAndEveryFile() {
        SimCard card = card(1);
        SimCitizen who = card.citizen();
        List<ReadStep> steps = new ArrayList<>();
        ReadOutcome outcome = read(card, AccessKeys.fromIdNumber(who.idNumber()), null, steps);

        assertThat(outcome).isInstanceOf(ReadOutcome.Success.class);
        ReadOutcome.Success success = (ReadOutcome.Success) outcome;
        assertThat(success.identity().idNumber()).isEqualTo(who.idNumber());
        assertThat(success.identity().fullName()).isEqualTo(who.fullName());
        assertThat(success.identity().dateOfBirth()).contains(who.dateOfBirth());
        assertThat(success.evidence().access()).isEqualTo(AccessMethod.PACE);
        assertThat(success.evidence().chipAuthentication())
                .isInstanceOfSatisfying(ChipAuthentication.Ca.class, ca -> assertThat(ca.confirmed()).isTrue());
        assertThat(success.evidence().stats().extendedLength()).isTrue();
        assertFilesAreTheChipsFiles(success.evidence(), card.image());
        assertThat(steps).containsExactly(ReadStep.CONNECTED, ReadStep.ACCESS_GRANTED, ReadStep.IDENTITY_READ,
                ReadStep.FACE_READ, ReadStep.SECURITY_DATA_READ, ReadStep.CHIP_AUTHENTICATED, ReadStep.DONE);
    }

    @Test
    void extendedLengthReadsEachFileWithOneApdu() {
        SimCard card = card(2);
        ApduTrace trace = ApduTrace.recording();
        ReadOutcome outcome = read(card, AccessKeys.fromIdNumber(card.citizen().idNumber()), trace, null);
        assertThat(outcome).isInstanceOf(ReadOutcome.Success.class);
        // CardAccess, DG13, DG1, DG14, DG15, SOD, COM in one READ BINARY each; the ~20 KB DG2 in three, as one
        // answer may not exceed the 8 KiB that the JDK's PC/SC binding can receive
        int dg2Reads = (card.image().file(CardImage.EF_DG2).length + 8158) / 8159;
        long reads = trace.exchanges().stream().filter(e -> e.ins() == 0xB0 || e.ins() == 0xB1).count();
        assertThat(reads).isEqualTo(7 + dg2Reads);
        assertThat(((ReadOutcome.Success) outcome).evidence().stats().apdus()).isEqualTo(trace.exchanges().size());
    }

    @Test
    void theMrzDataWorksWithPaceToo() {
        SimCard card = card(3);
        SimCitizen who = card.citizen();
        ReadOutcome outcome = read(card,
                AccessKeys.fromIdAndDates(who.idNumber(), who.dateOfBirth(), who.expiryDate().orElseThrow()), null,
                null);
        assertThat(outcome).isInstanceOfSatisfying(ReadOutcome.Success.class,
                s -> assertThat(s.evidence().access()).isEqualTo(AccessMethod.PACE));
    }

    @Test
    void aPassportLikeChipFallsBackToBacAndReadsTheIdentityFromDg1() {
        SimCard card = card(4, FaultProfile.NO_PACE);
        SimCitizen who = card.citizen();
        AccessKey mrz = AccessKeys.fromMrzFields(who.documentNumber(), who.mrzDateOfBirth(), who.mrzDateOfExpiry());
        ReadOutcome outcome = read(card, mrz, null, null);
        assertThat(outcome).isInstanceOfSatisfying(ReadOutcome.Success.class, s -> {
            assertThat(s.evidence().access()).isEqualTo(AccessMethod.BAC);
            assertThat(s.identity().dateOfBirth()).contains(who.dateOfBirth());
            assertThat(s.identity().dg13()).isEmpty();
        });
    }

    @Test
    void aCanCannotOpenABacOnlyChip() {
        SimCard card = card(4, FaultProfile.NO_PACE);
        ReadOutcome outcome = read(card, AccessKeys.fromIdNumber(card.citizen().idNumber()), null, null);
        assertThat(outcome).isInstanceOf(ReadOutcome.AccessNotPossible.class);
    }

    @Test
    void aWrongCanIsAnOutcomeNotACrash() {
        SimCard card = card(1);
        String wrong = card.citizen().can().equals("123456") ? "654321" : "123456";
        ReadOutcome outcome = read(card, new AccessKey.Can(wrong), null, null);
        assertThat(outcome).isInstanceOfSatisfying(ReadOutcome.WrongAccessKey.class,
                w -> assertThat(w.method()).isEqualTo(AccessMethod.PACE));
    }

    @Test
    void wrongMrzDataOnABacChipIsAWrongKey() {
        SimCard card = card(4, FaultProfile.NO_PACE);
        ReadOutcome outcome = read(card, AccessKeys.fromMrzFields("000000000", "010101", "300101"), null, null);
        assertThat(outcome).isInstanceOfSatisfying(ReadOutcome.WrongAccessKey.class,
                w -> assertThat(w.method()).isEqualTo(AccessMethod.BAC));
    }

    @ParameterizedTest(name = "torn after {0} APDUs")
    @ValueSource(ints = {1, 3, 6, 9, 11, 13, 16, 18})
    void aCardTornAwayAtAnyPointIsCardLostWithNothingKept(int apdus) {
        SimCard card = SimCard.builder().citizen(5).profile(FaultProfile.TEAR).tearAfterApdus(apdus).build();
        ReadOutcome outcome = read(card, AccessKeys.fromIdNumber(card.citizen().idNumber()), null, null);
        assertThat(outcome).isInstanceOf(ReadOutcome.CardLost.class);
    }

    @Test
    void withoutExtendedLengthTheFallbackCostsOneApduAndStaysInSecureMessaging() {
        SimCard card = card(6, FaultProfile.NO_EXTENDED_LENGTH);
        ApduTrace trace = ApduTrace.recording();
        ReadOutcome outcome = read(card, AccessKeys.fromIdNumber(card.citizen().idNumber()), trace, null);
        assertThat(outcome).isInstanceOfSatisfying(ReadOutcome.Success.class, s -> {
            assertThat(s.evidence().stats().extendedLength()).isFalse();
            assertFilesAreTheChipsFiles(s.evidence(), card.image());
        });
        assertThat(trace.exchanges()).filteredOn(e -> e.statusWord() == 0x6700).hasSize(1);
        assertNoPlainApduAfterAccess(trace);
    }

    @Test
    void aChipThatDropsSecureMessagingAfterErrorsNeverSeesAPlainApdu() {
        SimCard card = card(7, FaultProfile.DROPS_SM_AFTER_ERROR, FaultProfile.NO_EXTENDED_LENGTH);
        ApduTrace trace = ApduTrace.recording();
        ReadOutcome outcome = read(card, AccessKeys.fromIdNumber(card.citizen().idNumber()), trace, null);
        assertThat(outcome).isInstanceOf(ReadOutcome.Success.class);
        assertNoPlainApduAfterAccess(trace);
    }

    @Test
    void responsesCappedAt1024BytesStillReadWhole() {
        SimCard card = card(8, FaultProfile.RESPONSE_CAP_1024);
        ReadOutcome outcome = read(card, AccessKeys.fromIdNumber(card.citizen().idNumber()), null, null);
        assertThat(outcome).isInstanceOfSatisfying(ReadOutcome.Success.class,
                s -> assertFilesAreTheChipsFiles(s.evidence(), card.image()));
    }

    @Test
    void aFileLargerThan64KibIsReadWithOddInsOffsetsAndComesOutByteIdentical() {
        SimCard card = card(12, FaultProfile.JPEG2000);
        assertThat(card.image().file(CardImage.EF_DG2).length).as("a big JPEG 2000 face").isGreaterThan(0x10000);
        ApduTrace trace = ApduTrace.recording();
        ReadOutcome outcome = read(card, AccessKeys.fromIdNumber(card.citizen().idNumber()), trace, null);
        assertThat(outcome).isInstanceOfSatisfying(ReadOutcome.Success.class,
                s -> assertFilesAreTheChipsFiles(s.evidence(), card.image()));
        assertThat(trace.exchanges()).anyMatch(e -> e.ins() == 0xB1);
    }

    @Test
    void aCloneReadsButItsChipAuthenticationIsNotConfirmed() {
        SimCard card = card(9, FaultProfile.CLONE);
        ReadOutcome outcome = read(card, AccessKeys.fromIdNumber(card.citizen().idNumber()), null, null);
        assertThat(outcome).isInstanceOfSatisfying(ReadOutcome.Success.class, s -> assertThat(
                s.evidence().chipAuthentication()).isInstanceOfSatisfying(ChipAuthentication.Ca.class,
                        ca -> assertThat(ca.confirmed()).isFalse()));
    }

    @Test
    void malformedDg13IsReportedWithTheEvidenceKept() {
        SimCard card = card(10, FaultProfile.MALFORMED_DG13);
        ReadOutcome outcome = read(card, AccessKeys.fromIdNumber(card.citizen().idNumber()), null, null);
        assertThat(outcome).isInstanceOfSatisfying(ReadOutcome.Malformed.class, m -> {
            assertThat(m.fileId()).isEqualTo("DG13");
            assertThat(m.evidence().dataGroupBytes(13)).isPresent();
        });
    }

    @Test
    void evidenceSurvivesARoundTripThroughItsFileFormat() throws Exception {
        SimCard card = card(11, FaultProfile.RSA_AA);
        ReadOutcome outcome = read(card, AccessKeys.fromIdNumber(card.citizen().idNumber()), null, null);
        ChipEvidence evidence = ((ReadOutcome.Success) outcome).evidence();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        evidence.writeTo(out);
        ChipEvidence back = ChipEvidence.readFrom(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.files().keySet()).isEqualTo(evidence.files().keySet());
        evidence.files().forEach((fid, bytes) -> assertThat(back.files().get(fid)).isEqualTo(bytes));
        assertThat(back.access()).isEqualTo(evidence.access());
        assertThat(back.accessKey()).isEqualTo(evidence.accessKey());
        assertThat(back.chipAuthentication().label()).isEqualTo(evidence.chipAuthentication().label());
        assertThat(back.stats()).isEqualTo(evidence.stats());
    }

    @Test
    void noCardInTheReaderIsSaidAsSuch() {
        ReadOutcome outcome = reader.read(SimInPcscd.terminal(), new AccessKey.Can("123456"), ReadProgress.NONE);
        assertThat(outcome).isInstanceOf(ReadOutcome.NoCard.class);
    }

    /** After the access protocol's last step, every command carries secure messaging. */
    private static void assertNoPlainApduAfterAccess(ApduTrace trace) {
        List<ApduTrace.Exchange> all = trace.exchanges();
        int lastAccess = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).ins() == 0x86 && !all.get(i).secureMessaging()) {
                lastAccess = i;
            }
        }
        assertThat(lastAccess).as("PACE ran").isPositive();
        assertThat(all.subList(lastAccess + 1, all.size())).allMatch(ApduTrace.Exchange::secureMessaging);
    }
}
