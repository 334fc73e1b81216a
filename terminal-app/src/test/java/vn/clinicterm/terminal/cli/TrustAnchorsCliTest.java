package vn.clinicterm.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigFiles;
import vn.clinicterm.terminal.config.TrustAnchors;

/**
 * How the verbs open the trust store ({@code read}, {@code verify}, {@code trust …} all go through {@link
 * TrustCommand#open}): the data directory's store is provisioned from {@code trust.anchors} with one line on stderr
 * when that imported or failed; a {@code --store} directory is left alone. The environment is a test's map (data
 * directory and system file in temp directories).
 */
class TrustAnchorsCliTest {

    @TempDir
    Path temp;

    private Path anchors;
    private Map<String, String> env;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<TrustAnchors.Outcome> outcomes = new ArrayList<>();
    private final PrintStream savedOut = Cli.out();
    private final PrintStream savedErr = Cli.err();

    @BeforeEach
    void preset() throws Exception {
        Path pki = temp.resolve("pki");
        TestPki.standard().exportTo(pki);
        anchors = Files.createDirectories(temp.resolve("etc/trust"));
        for (String f : List.of("csca-brainpool.der", "csca-rsapss.der", "csca.crl")) {
            Files.copy(pki.resolve(f), anchors.resolve(f));
        }
        Path system = temp.resolve("etc/clinicterm.properties");
        Files.writeString(system, "trust.anchors=" + anchors + "\n", StandardCharsets.UTF_8);
        env = Map.of(AppDirectories.HOME_VARIABLE, temp.resolve("home").toString(),
                ConfigFiles.SYSTEM_VARIABLE, system.toString());
        Cli.redirect(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        Cli.redirect(savedOut, savedErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDataDirectorysStoreIsProvisionedOnceWithALineOnStderr() throws Exception {
        TrustStore store = TrustCommand.open(null, "clinicterm verify", env, outcomes::add);

        assertThat(store.directory()).isEqualTo(temp.resolve("home/trust").toAbsolutePath());
        assertThat(store.cscas()).hasSize(2);
        assertThat(stderr()).isEqualTo("clinicterm verify: provisioned from trust.anchors " + anchors.toAbsolutePath()
                + ": 3 files imported (2 new certificates, 1 CRL taken)" + System.lineSeparator());

        err.reset();
        TrustCommand.open(null, "clinicterm read", env, outcomes::add);
        assertThat(stderr()).as("up to date: nothing to say").isEmpty();
        assertThat(outcomes).hasSize(2).last().isInstanceOf(TrustAnchors.UpToDate.class);
    }

    @Test
    void aRefusedFileIsAWarningAndTheVerbGoesOnWithTheStore() throws Exception {
        Files.writeString(anchors.resolve("broken.der"), "not a certificate", StandardCharsets.UTF_8);

        TrustStore store = TrustCommand.open(null, "clinicterm trust list", env, outcomes::add);

        assertThat(store.cscas()).hasSize(2);
        assertThat(stderr()).startsWith("clinicterm trust list: warning: trust.anchors " + anchors.toAbsolutePath()
                + ": broken.der refused (");
    }

    @Test
    void aStoreGivenWithStoreIsNotProvisioned() throws Exception {
        TrustStore store = TrustCommand.open(temp.resolve("other"), "clinicterm verify", env, outcomes::add);

        assertThat(store.cscas()).isEmpty();
        assertThat(outcomes).isEmpty();
        assertThat(stderr()).isEmpty();
        assertThat(temp.resolve("other").resolve(TrustAnchors.MARKER_NAME)).doesNotExist();
    }
}
