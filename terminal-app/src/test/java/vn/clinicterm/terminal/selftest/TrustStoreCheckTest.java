package vn.clinicterm.terminal.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigFiles;

/**
 * The {@code trust-store} check on a fresh machine whose system file presets {@code trust.anchors}: a temp data
 * directory, a temp system file naming a directory of card-sim's test PKI.
 */
class TrustStoreCheckTest {

    @TempDir
    Path temp;

    private Path home;
    private Path system;
    private Path anchors;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void freshMachine() throws IOException {
        home = temp.resolve("home");
        system = temp.resolve("etc/clinicterm.properties");
        anchors = Files.createDirectories(temp.resolve("etc/trust"));
        Path pki = temp.resolve("pki");
        TestPki.standard().exportTo(pki);
        for (String f : List.of("csca-brainpool.der", "csca-rsapss.der", "csca.crl")) {
            Files.copy(pki.resolve(f), anchors.resolve(f));
        }
        Files.writeString(system, "trust.anchors = " + anchors + "\n", StandardCharsets.UTF_8);
        env.put(AppDirectories.HOME_VARIABLE, home.toString());
        env.put(ConfigFiles.SYSTEM_VARIABLE, system.toString());
    }

    private CheckResult check() {
        SelfTestReport report = SelfTest.builder().environment(env).osName("Linux").build()
                .run(List.of(TrustStoreCheck.NAME));
        return report.checks().getFirst();
    }

    @Test
    void aFreshDataDirectoryWithOnlyTrustAnchorsSetPasses() {
        CheckResult first = check();

        assertThat(first.status()).as(first.detail()).isEqualTo(CheckStatus.OK);
        assertThat(first.detail()).startsWith("2 CSCAs (0 link) from 1 country [VN], 1 CRLs")
                .contains("provisioned from trust.anchors " + anchors.toAbsolutePath() + ": 3 files imported");

        CheckResult again = check();
        assertThat(again.status()).isEqualTo(CheckStatus.OK);
        assertThat(again.detail()).doesNotContain("provisioned from")
                .endsWith("trust.anchors " + anchors.toAbsolutePath() + ": up to date (3 files)");
    }

    @Test
    void aRefusedPresetFileFailsNamingItThoughTheStoreHasCscas() throws IOException {
        Files.writeString(anchors.resolve("broken.der"), "not a certificate", StandardCharsets.UTF_8);

        CheckResult r = check();

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.detail()).startsWith("trust.anchors " + anchors.toAbsolutePath() + ": broken.der refused (");
        assertThat(TrustStore.open(home.resolve("trust"), Clock.systemUTC()).cscas()).hasSize(2);
    }

    @Test
    void aPresetPathThatDoesNotExistFailsNamingTheKeyAndTheFile() throws IOException {
        Files.writeString(system, "trust.anchors = " + temp.resolve("etc/gone") + "\n", StandardCharsets.UTF_8);

        CheckResult r = check();

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.detail()).startsWith("trust.anchors in system file " + system.toAbsolutePath())
                .contains(temp.resolve("etc/gone").toAbsolutePath().toString());
    }

    @Test
    void withoutThePresetAnEmptyStoreStillFailsAndSaysWhatToSet() throws IOException {
        Files.delete(system);

        CheckResult r = check();

        assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.detail()).startsWith("no CSCA in ").endsWith("or preset trust.anchors");
    }
}
