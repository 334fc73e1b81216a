package vn.clinicterm.card.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.verify.internal.FullWarmup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up card bundled in card-protocol (a synthetic citizen from the simulator, its CSCA and CRL) still verifies
 * as genuine through the real verifier — otherwise the launch warm-up would exercise the failure paths only. Its
 * {@link #main} regenerates the resources: {@code java -cp <card-protocol test classpath>
 * vn.clinicterm.card.verify.WarmupEvidenceTest card-protocol/src/main/resources/vn/clinicterm/card/verify/warmup}.
 */
class WarmupEvidenceTest {

    @TempDir
    Path dir;

    @Test
    void theBundledWarmupCardIsGenuineAtItsOwnReadingTime() throws IOException {
        ChipEvidence evidence;
        try (InputStream in = FullWarmup.resource(FullWarmup.EVIDENCE)) {
            evidence = ChipEvidence.readFrom(in);
        }
        Path pki = dir.resolve("pki");
        Files.createDirectories(pki);
        for (String name : new String[] {FullWarmup.CSCA, FullWarmup.CRL}) {
            try (InputStream in = FullWarmup.resource(name)) {
                Files.write(pki.resolve(name), in.readAllBytes());
            }
        }
        TrustStore store = TrustStore.open(dir.resolve("store"), VerifyFixtures.clock(evidence.readAt()));
        assertThat(store.importFile(pki.resolve(FullWarmup.CSCA)).accepted()).isTrue();
        assertThat(store.importFile(pki.resolve(FullWarmup.CRL)).accepted()).isTrue();
        VerificationReport report = VerifyFixtures.verifier(store, evidence.readAt()).verify(evidence);
        assertThat(report.indication()).as(report.toString()).isEqualTo(Indication.PASSED);
    }

    @Test
    void theWarmupRunsTheFullVerificationAndReportsIt() {
        assertThat(FullWarmup.run()).as("rounds of a PASSED verification").isGreaterThan(0);
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        ChipEvidence evidence = VerifyFixtures.evidence(VerifyFixtures.card(2));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        evidence.writeTo(bytes);
        Files.write(out.resolve(FullWarmup.EVIDENCE), bytes.toByteArray());
        Path pki = Files.createTempDirectory("warmup-pki");
        VerifyFixtures.PKI.exportTo(pki);
        Files.copy(pki.resolve("csca-brainpool.der"), out.resolve(FullWarmup.CSCA),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pki.resolve("csca.crl"), out.resolve(FullWarmup.CRL),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println("wrote " + out);
    }
}
