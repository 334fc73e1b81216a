package vn.clinicterm.card.verify;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests. Under plain {@code mvn test} they run in regression mode over the inputs in
 * {@code src/test/resources/vn/clinicterm/card/verify/VerificationFuzzTestInputs/<method>/} (simulator files and
 * known crashers such as the JMRTD SOD {@code 77 6D}); with {@code JAZZER_FUZZ=1} they fuzz. A crash found becomes a
 * file in that directory, and so a regression test. The seeded mutation tests cover the same targets without Jazzer.
 */
class VerificationFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void sod(byte[] data) {
        VerificationFuzzTargets.sod(data);
    }

    @FuzzTest(maxDuration = "60s")
    void dg1(byte[] data) {
        VerificationFuzzTargets.dg1(data);
    }

    @FuzzTest(maxDuration = "60s")
    void dg13(byte[] data) {
        VerificationFuzzTargets.dg13(data);
    }

    @FuzzTest(maxDuration = "60s")
    void dg14(byte[] data) {
        VerificationFuzzTargets.dg14(data);
    }

    @FuzzTest(maxDuration = "60s")
    void dg15(byte[] data) {
        VerificationFuzzTargets.dg15(data);
    }

    @FuzzTest(maxDuration = "60s")
    void com(byte[] data) {
        VerificationFuzzTargets.com(data);
    }

    @FuzzTest(maxDuration = "60s")
    void masterList(byte[] data) {
        VerificationFuzzTargets.trustImport(data);
    }

    @FuzzTest(maxDuration = "60s")
    void crl(byte[] data) {
        VerificationFuzzTargets.trustImport(data);
    }

    @FuzzTest(maxDuration = "120s")
    void verifier(byte[] data) {
        VerificationFuzzTargets.verifier(data);
    }
}
