package vn.clinicterm.terminal.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncConfigException;
import vn.clinicterm.terminal.config.ConfigFiles;

/** The sync settings over the layered configuration: what wins, and errors that name the key and the file. */
class SyncSettingsTest {

    @TempDir
    Path temp;

    private Path system;
    private Path terminal;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void files() {
        system = temp.resolve("etc/clinicterm.properties");
        terminal = temp.resolve("home/clinicterm.properties");
        env.put(ConfigFiles.SYSTEM_VARIABLE, system.toString());
    }

    private static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private SyncConfig load(String url, String facility) {
        return new SyncSettings(terminal, Optional.ofNullable(url), Optional.ofNullable(facility)).load(env);
    }

    @Test
    void aSilentInstallsSystemFileIsEnoughAndTheTerminalFileOverridesIt() throws IOException {
        write(system, "sync.url=https://hub.example.vn", "sync.facilityCode=79001", "sync.callTimeout=7s");

        SyncConfig fromSystem = load(null, null);
        assertThat(fromSystem.baseUrl().toString()).isEqualTo("https://hub.example.vn");
        assertThat(fromSystem.callTimeout()).isEqualTo(Duration.ofSeconds(7));

        write(terminal, "sync.url=https://quay.example.vn");
        assertThat(load(null, null).baseUrl().toString()).isEqualTo("https://quay.example.vn");
        assertThat(load(null, null).facilityCode()).isEqualTo("79001");
    }

    @Test
    void theEnvironmentBeatsTheFilesAndFlagsBeatTheEnvironment() throws IOException {
        write(system, "sync.url=https://hub.example.vn", "sync.facilityCode=79001");
        write(terminal, "sync.url=https://quay.example.vn");
        env.put("CLINICTERM_CENTRAL_URL", "https://env.example.vn");
        env.put("CLINICTERM_FACILITY_CODE", "01002");

        assertThat(load(null, null).baseUrl().toString()).isEqualTo("https://env.example.vn");
        SyncConfig flagged = load("http://127.0.0.1:8080", "48003");
        assertThat(flagged.baseUrl().toString()).isEqualTo("http://127.0.0.1:8080");
        assertThat(flagged.facilityCode()).isEqualTo("48003");
    }

    @Test
    void flagsAloneAreEnough() {
        SyncConfig c = load("https://hub.example.vn/", "79001");
        assertThat(c.baseUrl().toString()).isEqualTo("https://hub.example.vn");
    }

    @Test
    void aBadValueNamesTheKeyAndTheFileItCameFrom() throws IOException {
        write(system, "sync.url=https://hub.example.vn", "sync.facilityCode=79001", "sync.batchSize=many");

        assertThatThrownBy(() -> load(null, null)).isInstanceOf(SyncConfigException.class)
                .satisfies(e -> assertThat(((SyncConfigException) e).key()).isEqualTo("sync.batchSize"))
                .hasMessage("sync.batchSize: must be a whole number from 1 to 1000; found 'many' (in system file "
                        + system.toAbsolutePath() + ")");
    }

    @Test
    void aBadFlagNamesTheFlag() {
        assertThatThrownBy(() -> load("ftp://hub.example.vn", "79001")).isInstanceOf(SyncConfigException.class)
                .hasMessageStartingWith("sync.url: must be an http:// or https:// URL")
                .hasMessageEndingWith("(in flag --central-url)");
    }

    @Test
    void aRuleAcrossKeysNamesWhereTheOffendingKeyWasSet() throws IOException {
        write(system, "sync.url=http://hub.example.vn", "sync.facilityCode=79001");

        assertThatThrownBy(() -> load(null, null)).isInstanceOf(SyncConfigException.class)
                .satisfies(e -> assertThat(((SyncConfigException) e).key()).isEqualTo("sync.url"))
                .hasMessageContaining("(in system file " + system.toAbsolutePath() + ")");
    }

    @Test
    void aMissingKeySaysWhereItCanBeSet() throws IOException {
        write(terminal, "sync.url=https://hub.example.vn");

        assertThatThrownBy(() -> load(null, null)).isInstanceOf(SyncConfigException.class)
                .hasMessage("sync.facilityCode: is required; set it in " + terminal.toAbsolutePath() + " or "
                        + system.toAbsolutePath() + ", or in the environment variable CLINICTERM_FACILITY_CODE");
    }

    @Test
    void anUnreadableFileIsAConfigError() throws IOException {
        Files.createDirectories(terminal);

        assertThatThrownBy(() -> load("https://hub.example.vn", "79001")).isInstanceOf(SyncConfigException.class)
                .satisfies(e -> assertThat(((SyncConfigException) e).key()).isEqualTo("config"))
                .hasMessageContaining("terminal file " + terminal.toAbsolutePath() + ": cannot be read");
    }

    @Test
    void keysOtherThanSyncDoNotStopSync() throws IOException {
        write(terminal, "sync.url=https://hub.example.vn", "sync.facilityCode=79001", "terminal.id=has space",
                "sync.typo=1");

        assertThat(load(null, null).facilityCode()).isEqualTo("79001");
        assertThat(SyncSettings.isConfigured(new SyncSettings(terminal, Optional.empty(), Optional.empty())
                .configuration(env))).isTrue();
    }
}
