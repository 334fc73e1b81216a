package vn.clinicterm.card.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.card.verify.VerifyFixtures.MARCH_2026;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.clinicterm.card.ChipAuthentication;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.FaultProfile;

/**
 * Every card-simulator fault profile, from the card image's files (no reader), against a store that imported the
 * test PKI, on 2026-03-01 under the clinic default policy → the documented indication and sub-indication.
 */
class VerificationCatalogueTest {

    @TempDir
    static Path temp;

    private static TrustStore store;

    record Expected(String name, Set<FaultProfile> profiles, Indication indication, Optional<SubIndication> sub) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Expected passes(String name, FaultProfile... profiles) {
        return new Expected(name, profiles(profiles), Indication.PASSED, Optional.empty());
    }

    private static Expected gives(String name, Indication indication, SubIndication sub, FaultProfile... profiles) {
        return new Expected(name, profiles(profiles), indication, Optional.of(sub));
    }

    private static Set<FaultProfile> profiles(FaultProfile... profiles) {
        return profiles.length == 0 ? EnumSet.noneOf(FaultProfile.class) : EnumSet.copyOf(Arrays.asList(profiles));
    }

    /** The catalogue. Profiles that only change how the chip talks (not what it holds) verify like a genuine card. */
    static Stream<Expected> catalogue() {
        return Stream.of(
                passes("genuine"),
                gives("tampered-dg", Indication.FAILED, SubIndication.HASH_FAILURE, FaultProfile.TAMPERED_DG),
                gives("bad-sod-signature", Indication.FAILED, SubIndication.SIG_CRYPTO_FAILURE,
                        FaultProfile.BAD_SOD_SIGNATURE),
                gives("unknown-csca", Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
                        FaultProfile.UNKNOWN_CSCA),
                // clinic default: validity at signing time; the SOD was signed 2020-06-15, inside the signer's
                // 2019–2021 validity (the NOW model is tested below)
                passes("expired-dsc", FaultProfile.EXPIRED_DSC),
                gives("revoked-dsc", Indication.FAILED, SubIndication.REVOKED, FaultProfile.REVOKED_DSC),
                gives("clone", Indication.FAILED, SubIndication.CLONE_SUSPECTED, FaultProfile.CLONE),
                passes("no-extended-length", FaultProfile.NO_EXTENDED_LENGTH),
                passes("response-cap-1024", FaultProfile.RESPONSE_CAP_1024),
                passes("drops-sm-after-error", FaultProfile.DROPS_SM_AFTER_ERROR),
                passes("slow", FaultProfile.SLOW),
                passes("tear", FaultProfile.TEAR),
                // the SOD signs the malformed bytes: genuine chip, identity unreadable (lds.format WARNING)
                passes("malformed-dg13", FaultProfile.MALFORMED_DG13),
                // nothing can be verified, nothing is proven forged
                gives("malformed-sod", Indication.INDETERMINATE, SubIndication.FORMAT_FAILURE,
                        FaultProfile.MALFORMED_SOD),
                passes("rsa-aa", FaultProfile.RSA_AA),
                passes("rsa-pss", FaultProfile.RSA_PSS),
                passes("jpeg2000", FaultProfile.JPEG2000),
                passes("no-pace", FaultProfile.NO_PACE));
    }

    @BeforeAll
    static void importTheTestPki() {
        store = VerifyFixtures.simStore(temp, MARCH_2026);
    }

    private static VerificationReport verify(CardImage image) {
        return VerifyFixtures.verifier(store, MARCH_2026).verify(VerifyFixtures.evidence(image));
    }

    @Test
    void theCatalogueCoversEveryFaultProfile() {
        Set<FaultProfile> covered = catalogue().flatMap(e -> e.profiles().stream()).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(FaultProfile.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void eachFaultProfileYieldsItsDocumentedOutcome(Expected expected) {
        CardImage image = VerifyFixtures.card(2, expected.profiles().toArray(FaultProfile[]::new));

        VerificationReport report = verify(image);

        assertThat(report.indication()).as(report.detailedReport(java.util.Locale.ENGLISH).text())
                .isEqualTo(expected.indication());
        assertThat(report.subIndication()).isEqualTo(expected.sub());
        assertThat(report.checks()).extracting(CheckResult::id).containsExactly(CheckId.values());
    }

    @Test
    void aGenuineCardPassesEveryCheckAndProvesItIsNoClone() {
        VerificationReport report = verify(VerifyFixtures.card(1));

        assertThat(report.indication()).isEqualTo(Indication.PASSED);
        for (CheckId id : new CheckId[] {CheckId.SOD_FORMAT, CheckId.SOD_SIGNATURE, CheckId.DATA_GROUP_HASHES,
                CheckId.UNSIGNED_DATA_GROUPS, CheckId.UNREAD_DATA_GROUPS, CheckId.CERTIFICATE_PATH,
                CheckId.CERTIFICATE_VALIDITY, CheckId.REVOCATION, CheckId.ALGORITHMS, CheckId.CHIP_AUTHENTICATION,
                CheckId.DATA_GROUP_FORMAT, CheckId.MRZ_ACCESS_KEY, CheckId.MRZ_DG13, CheckId.COM_CONSISTENCY}) {
            assertThat(report.status(id)).as(id.id()).isEqualTo(CheckStatus.PASSED);
        }
    }

    @Test
    void aTamperedDataGroupIsReportedAsHashMismatchOfDg1AndDg13() {
        VerificationReport report = verify(VerifyFixtures.card(1, FaultProfile.TAMPERED_DG));

        CheckResult hashes = report.check(CheckId.DATA_GROUP_HASHES).orElseThrow();
        assertThat(hashes.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(hashes.messageKey()).isEqualTo("dg.hashes.mismatch");
        assertThat(hashes.args()).first().isEqualTo("DG1, DG13");
        assertThat(report.status(CheckId.SOD_SIGNATURE)).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void anUnknownCscaIsIndeterminateAndSkipsRevocation() {
        VerificationReport report = verify(VerifyFixtures.card(1, FaultProfile.UNKNOWN_CSCA));

        assertThat(report.status(CheckId.SOD_SIGNATURE)).isEqualTo(CheckStatus.PASSED);
        assertThat(report.status(CheckId.DATA_GROUP_HASHES)).isEqualTo(CheckStatus.PASSED);
        assertThat(report.status(CheckId.CERTIFICATE_PATH)).isEqualTo(CheckStatus.INDETERMINATE);
        assertThat(report.status(CheckId.REVOCATION)).isEqualTo(CheckStatus.SKIPPED);
    }

    @Test
    void anExpiredSignerIsIndeterminateExpiredUnderTheNowModel() {
        VerificationPolicy now = VerificationPolicy.clinicDefault().toBuilder()
                .validityModel(VerificationPolicy.ValidityModel.NOW).build();

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026, now)
                .verify(VerifyFixtures.evidence(VerifyFixtures.card(1, FaultProfile.EXPIRED_DSC)));

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).contains(SubIndication.EXPIRED);
        assertThat(report.check(CheckId.CERTIFICATE_VALIDITY).orElseThrow().messageKey())
                .isEqualTo("pki.validity.signerExpired");
    }

    @Test
    void anExpiredSignerPassesValidityAtSigningTimeBecauseItSignedWithinItsValidity() {
        VerificationReport report = verify(VerifyFixtures.card(1, FaultProfile.EXPIRED_DSC));

        CheckResult validity = report.check(CheckId.CERTIFICATE_VALIDITY).orElseThrow();
        assertThat(validity.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(validity.messageKey()).isEqualTo("pki.validity.okAtSigning");
        assertThat(validity.args()).first().isEqualTo("2020-06-15");
    }

    @Test
    void aMalformedDg13StillPassesPassiveAuthenticationButReportsTheFormat() {
        VerificationReport report = verify(VerifyFixtures.card(1, FaultProfile.MALFORMED_DG13));

        assertThat(report.indication()).isEqualTo(Indication.PASSED);
        assertThat(report.status(CheckId.DATA_GROUP_HASHES)).isEqualTo(CheckStatus.PASSED);
        CheckResult format = report.check(CheckId.DATA_GROUP_FORMAT).orElseThrow();
        assertThat(format.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(format.subIndication()).contains(SubIndication.FORMAT_FAILURE);
        assertThat(format.args()).containsExactly("DG13");
        assertThat(report.status(CheckId.MRZ_DG13)).isEqualTo(CheckStatus.SKIPPED);
    }

    @Test
    void aMalformedSodSkipsEveryCheckThatNeedsIt() {
        VerificationReport report = verify(VerifyFixtures.card(1, FaultProfile.MALFORMED_SOD));

        assertThat(report.status(CheckId.SOD_FORMAT)).isEqualTo(CheckStatus.INDETERMINATE);
        assertThat(report.status(CheckId.SOD_SIGNATURE)).isEqualTo(CheckStatus.SKIPPED);
        assertThat(report.status(CheckId.DATA_GROUP_HASHES)).isEqualTo(CheckStatus.SKIPPED);
        assertThat(report.status(CheckId.CERTIFICATE_PATH)).isEqualTo(CheckStatus.SKIPPED);
    }

    @Test
    void activeAuthenticationWithAnRsaKeyOverAFreshChallengeProvesTheChip() {
        Verifier verifier = VerifyFixtures.verifier(store, MARCH_2026);
        CardImage image = VerifyFixtures.card(1, FaultProfile.RSA_AA);
        byte[] challenge = verifier.newActiveAuthenticationChallenge();

        VerificationReport report = verifier.verify(VerifyFixtures.evidence(image,
                VerifyFixtures.activeAuthentication(image, challenge)));

        assertThat(report.indication()).isEqualTo(Indication.PASSED);
        CheckResult aa = report.check(CheckId.CHIP_AUTHENTICATION).orElseThrow();
        assertThat(aa.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(aa.args()).containsExactly("RSA ISO 9796-2 SHA1");
    }

    @Test
    void activeAuthenticationWithAnEcKeyProvesTheChip() {
        Verifier verifier = VerifyFixtures.verifier(store, MARCH_2026);
        CardImage image = VerifyFixtures.card(1);

        VerificationReport report = verifier.verify(VerifyFixtures.evidence(image,
                VerifyFixtures.activeAuthentication(image, verifier.newActiveAuthenticationChallenge())));

        assertThat(report.indication()).isEqualTo(Indication.PASSED);
        assertThat(report.check(CheckId.CHIP_AUTHENTICATION).orElseThrow().args()).containsExactly("ECDSA SHA256");
    }

    @Test
    void aCloneFailsActiveAuthenticationToo() {
        CardImage image = VerifyFixtures.card(1, FaultProfile.CLONE);

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026).verify(VerifyFixtures.evidence(image,
                VerifyFixtures.activeAuthentication(image, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));

        assertThat(report.indication()).isEqualTo(Indication.FAILED);
        assertThat(report.subIndication()).contains(SubIndication.CLONE_SUSPECTED);
    }

    @Test
    void anAaAnswerToAnotherChallengeDoesNotCount() {
        CardImage image = VerifyFixtures.card(1);
        ChipAuthentication.Aa answer = VerifyFixtures.activeAuthentication(image, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        ChipAuthentication.Aa replayed = new ChipAuthentication.Aa(new byte[] {8, 7, 6, 5, 4, 3, 2, 1},
                answer.response());

        VerificationReport report =
                VerifyFixtures.verifier(store, MARCH_2026).verify(VerifyFixtures.evidence(image, replayed));

        assertThat(report.indication()).isEqualTo(Indication.FAILED);
        assertThat(report.subIndication()).contains(SubIndication.CLONE_SUSPECTED);
    }

    @Test
    void chipAuthenticationWhoseDg14IsNotCoveredDoesNotCount() {
        CardImage image = VerifyFixtures.card(1, FaultProfile.BAD_SOD_SIGNATURE);

        VerificationReport report = verify(image);

        assertThat(report.check(CheckId.CHIP_AUTHENTICATION).orElseThrow().messageKey())
                .isEqualTo("chip.ca.notCovered");
    }

    @Test
    void noCloneCheckAtAllIsAWarningByDefaultAndDecisiveWhenThePolicySaysSo() {
        CardImage image = VerifyFixtures.card(1);
        var evidence = VerifyFixtures.evidence(image, new ChipAuthentication.None("the chip offers neither"));

        VerificationReport lenient = VerifyFixtures.verifier(store, MARCH_2026).verify(evidence);
        VerificationReport strict = VerifyFixtures.verifier(store, MARCH_2026, VerificationPolicy.clinicDefault()
                .toBuilder().chipAuthenticationMissingLevel(VerificationPolicy.Level.FAIL).build()).verify(evidence);

        assertThat(lenient.indication()).isEqualTo(Indication.PASSED);
        assertThat(lenient.status(CheckId.CHIP_AUTHENTICATION)).isEqualTo(CheckStatus.WARNING);
        assertThat(strict.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(strict.subIndication()).contains(SubIndication.CHIP_AUTHENTICATION_NOT_PERFORMED);
    }

    @Test
    void aCanThatIsNotTheIdNumbersTailIsAnMrzMismatch() {
        CardImage image = VerifyFixtures.card(1);
        var genuine = VerifyFixtures.evidence(image);
        String other = genuine.accessKey() instanceof vn.clinicterm.card.AccessKey.Can can
                && can.can().equals("000000") ? "111111" : "000000";
        var evidence = new vn.clinicterm.card.ChipEvidence(genuine.readAt(), genuine.reader(), genuine.access(),
                new vn.clinicterm.card.AccessKey.Can(other), genuine.files(), genuine.chipAuthentication(),
                genuine.stats());

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026).verify(evidence);

        assertThat(report.indication()).isEqualTo(Indication.FAILED);
        assertThat(report.subIndication()).contains(SubIndication.MRZ_MISMATCH);
    }

    @Test
    void ignoringACheckSkipsIt() {
        VerificationPolicy policy = VerificationPolicy.clinicDefault().toBuilder()
                .level(CheckId.CHIP_AUTHENTICATION, VerificationPolicy.Level.IGNORE).build();

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026, policy)
                .verify(VerifyFixtures.evidence(VerifyFixtures.card(1, FaultProfile.CLONE)));

        assertThat(report.status(CheckId.CHIP_AUTHENTICATION)).isEqualTo(CheckStatus.SKIPPED);
        assertThat(report.indication()).isEqualTo(Indication.PASSED);
    }
}
