package vn.clinicterm.card.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.AccessKeys;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.ChipReader;
import vn.clinicterm.card.ReadOutcome;
import vn.clinicterm.card.ReadProgress;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SimCard;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.VpcdCardClient;

/**
 * The catalogue end to end: every fault profile's card is read by {@link ChipReader} through the real pcscd and the
 * evidence judged against a trust store holding the simulator's test PKI.
 */
class VerificationThroughPcscdTest {

    private static final String READER = "Virtual PCD 00 00";

    @TempDir
    static Path storeDir;

    private static Verifier verifier;

    @BeforeAll
    static void trustTheTestPki() {
        TrustStore store = VerifyFixtures.simStore(storeDir, VerifyFixtures.MARCH_2026);
        verifier = VerifyFixtures.verifier(store, VerifyFixtures.MARCH_2026);
    }

    static Stream<Arguments> catalogue() {
        return Stream.of(
                Arguments.of(null, Indication.PASSED, null),
                Arguments.of(FaultProfile.TAMPERED_DG, Indication.FAILED, SubIndication.HASH_FAILURE),
                Arguments.of(FaultProfile.BAD_SOD_SIGNATURE, Indication.FAILED, SubIndication.SIG_CRYPTO_FAILURE),
                Arguments.of(FaultProfile.UNKNOWN_CSCA, Indication.INDETERMINATE,
                        SubIndication.NO_CERTIFICATE_CHAIN_FOUND),
                Arguments.of(FaultProfile.EXPIRED_DSC, Indication.PASSED, null),
                Arguments.of(FaultProfile.REVOKED_DSC, Indication.FAILED, SubIndication.REVOKED),
                Arguments.of(FaultProfile.CLONE, Indication.FAILED, SubIndication.CLONE_SUSPECTED),
                Arguments.of(FaultProfile.NO_EXTENDED_LENGTH, Indication.PASSED, null),
                Arguments.of(FaultProfile.RESPONSE_CAP_1024, Indication.PASSED, null),
                Arguments.of(FaultProfile.DROPS_SM_AFTER_ERROR, Indication.PASSED, null),
                Arguments.of(FaultProfile.SLOW, Indication.PASSED, null),
                Arguments.of(FaultProfile.MALFORMED_SOD, Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE),
                Arguments.of(FaultProfile.RSA_AA, Indication.PASSED, null),
                Arguments.of(FaultProfile.RSA_PSS, Indication.PASSED, null),
                Arguments.of(FaultProfile.JPEG2000, Indication.PASSED, null),
                Arguments.of(FaultProfile.NO_PACE, Indication.PASSED, null));
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @MethodSource("catalogue")
    void eachFaultProfileReadThroughPcscdGetsItsDocumentedVerdict(FaultProfile profile, Indication indication,
            SubIndication sub) throws Exception {
        SimCard.Builder builder = SimCard.builder().citizen(12);
        if (profile != null) {
            builder.profile(profile);
        }
        SimCard card = builder.build();
        SimCitizen who = card.citizen();
        AccessKey key = profile == FaultProfile.NO_PACE
                ? AccessKeys.fromMrzFields(who.documentNumber(), who.mrzDateOfBirth(), who.mrzDateOfExpiry())
                : AccessKeys.fromIdNumber(who.idNumber());

        ReadOutcome outcome;
        try (VpcdCardClient client = VpcdCardClient.builder().port(35963).card(card.chip()).build().start()) {
            assertThat(client.awaitConnected(Duration.ofSeconds(10))).isTrue();
            CardTerminal terminal = CardReaders.platform().terminal(READER);
            assertThat(terminal.waitForCardPresent(10_000)).as("card in " + READER).isTrue();
            outcome = ChipReader.builder().build().read(terminal, key, ReadProgress.NONE);
        }
        var evidence = switch (outcome) {
            case ReadOutcome.Success s -> s.evidence();
            case ReadOutcome.Malformed m -> m.evidence();
            default -> throw new AssertionError("the read did not complete: " + outcome);
        };

        VerificationReport report = verifier.verify(evidence);

        assertThat(report.indication()).as(report.toString()).isEqualTo(indication);
        if (sub != null) {
            assertThat(report.subIndication()).isEqualTo(Optional.of(sub));
        }
    }
}
