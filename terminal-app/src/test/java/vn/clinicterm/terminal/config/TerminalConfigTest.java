package vn.clinicterm.terminal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.terminal.config.ConfigProblem.Severity;

/** The layered configuration on real files in a temp dir: precedence, validation, typo warnings, messages. */
class TerminalConfigTest {

    @TempDir
    Path temp;

    private Path system;
    private Path home;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void paths() {
        system = temp.resolve("etc/clinicterm.properties");
        home = temp.resolve("home");
        env.put(ConfigFiles.SYSTEM_VARIABLE, system.toString());
        env.put(AppDirectories.HOME_VARIABLE, home.toString());
    }

    private void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private Path terminalFile() {
        return home.resolve("clinicterm.properties");
    }

    @Test
    void missingFilesAreEmptyLayersAndDefaultsApply() {
        TerminalConfig c = TerminalConfig.load(env);

        assertThat(c.isValid()).isTrue();
        assertThat(c.problems()).isEmpty();
        assertThat(c.layers()).extracting(TerminalConfig.Layer::state)
                .containsExactly(TerminalConfig.Layer.State.ABSENT, TerminalConfig.Layer.State.ABSENT,
                        TerminalConfig.Layer.State.READ, TerminalConfig.Layer.State.READ);
        assertThat(c.files().system()).isEqualTo(system.toAbsolutePath());
        assertThat(c.files().terminal()).isEqualTo(terminalFile().toAbsolutePath());
        assertThat(c.terminalId()).isEqualTo("terminal");
        assertThat(c.get(ConfigKeys.SYNC_CALL_TIMEOUT)).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.find(ConfigKeys.SYNC_URL)).isEmpty();
        assertThat(c.isSet(ConfigKeys.SYNC_CALL_TIMEOUT)).isFalse();
    }

    @Test
    void theTerminalFileBeatsTheSystemFileTheEnvironmentBeatsBothAndAFlagBeatsAll() throws IOException {
        write(system, "sync.url=https://system.example.vn", "sync.facilityCode=79001", "terminal.id=from-system",
                "sync.batchSize=10");
        write(terminalFile(), "sync.url=https://terminal.example.vn", "terminal.id=quầy-1");
        env.put("CLINICTERM_CENTRAL_URL", "https://env.example.vn");

        TerminalConfig c = TerminalConfig.builder().files(ConfigFiles.from(env)).environment(env)
                .flag(ConfigKeys.SYNC_FACILITY_CODE, "--facility-code", "01002")
                .flag(ConfigKeys.TERMINAL_ID, "--terminal", null)
                .load();

        assertThat(c.problems()).isEmpty();
        assertThat(c.get(ConfigKeys.SYNC_URL)).isEqualTo(URI.create("https://env.example.vn"));
        assertThat(c.source(ConfigKeys.SYNC_URL).orElseThrow().describe())
                .isEqualTo("environment variable CLINICTERM_CENTRAL_URL");
        assertThat(c.get(ConfigKeys.SYNC_FACILITY_CODE)).isEqualTo("01002");
        assertThat(c.source(ConfigKeys.SYNC_FACILITY_CODE).orElseThrow().describe()).isEqualTo("flag --facility-code");
        assertThat(c.terminalId()).as("UTF-8, terminal file over system file").isEqualTo("quầy-1");
        assertThat(c.source(ConfigKeys.TERMINAL_ID).orElseThrow().layer()).isEqualTo(ConfigLayer.TERMINAL_FILE);
        assertThat(c.get(ConfigKeys.SYNC_BATCH_SIZE)).isEqualTo(10L);
        assertThat(c.source(ConfigKeys.SYNC_BATCH_SIZE).orElseThrow().location())
                .isEqualTo(system.toAbsolutePath().toString());
        assertThat(c.layers()).extracting(TerminalConfig.Layer::describe).containsExactly(
                "system file " + system.toAbsolutePath() + " (4 keys)",
                "terminal file " + terminalFile().toAbsolutePath() + " (2 keys)",
                "environment (1 key)", "command line (1 key)");
        assertThat(c.asProperties().getProperty("sync.url")).isEqualTo("https://env.example.vn");
    }

    @Test
    void anEmptyValueCountsAsNotSet() throws IOException {
        write(system, "terminal.id=quay-2");
        write(terminalFile(), "terminal.id=", "sync.url=   ");

        TerminalConfig c = TerminalConfig.load(env);

        assertThat(c.terminalId()).isEqualTo("quay-2");
        assertThat(c.isSet(ConfigKeys.SYNC_URL)).isFalse();
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void aNonNumericValueIsAnErrorNamingTheKeyTheFileAndTheValue() throws IOException {
        write(system, "sync.batchSize=lots");

        TerminalConfig c = TerminalConfig.load(env);

        assertThat(c.isValid()).isFalse();
        assertThat(c.errors()).singleElement().satisfies(p -> {
            assertThat(p.key()).contains("sync.batchSize");
            assertThat(p.describe()).isEqualTo("sync.batchSize in system file " + system.toAbsolutePath()
                    + ": must be a whole number from 1 to 1000; found 'lots'");
        });
        assertThatThrownBy(() -> c.get(ConfigKeys.SYNC_BATCH_SIZE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sync.batchSize").hasMessageContaining(system.toAbsolutePath().toString());
        assertThat(c.terminalId()).as("other keys still work").isEqualTo("terminal");
    }

    @Test
    void aBadUrlAnUnknownWordAndABadDurationAreEachNamed() throws IOException {
        write(terminalFile(), "sync.url=hub.example.vn", "sync.provider=insurer", "sync.callTimeout=soon",
                "checkin.decision=2020");

        TerminalConfig c = TerminalConfig.load(env);

        assertThat(c.errors()).extracting(ConfigProblem::describe).containsExactly(
                "sync.url in terminal file " + terminalFile().toAbsolutePath() + ": must be an http:// or https:// URL"
                        + " with a host, e.g. https://hub.example.vn; found 'hub.example.vn'",
                "sync.provider in terminal file " + terminalFile().toAbsolutePath()
                        + ": must be central or bhxh; found 'insurer'",
                "sync.callTimeout in terminal file " + terminalFile().toAbsolutePath()
                        + ": must be a positive duration such as 500ms, 5s, 1m or PT5S; found 'soon'",
                "checkin.decision in terminal file " + terminalFile().toAbsolutePath()
                        + ": must be 3176 or 4750; found '2020'");
    }

    @Test
    void aBadValueFromTheEnvironmentNamesTheVariable() {
        env.put("CLINICTERM_FACILITY_CODE", "79-001");

        TerminalConfig c = TerminalConfig.load(env);

        assertThat(c.errors()).extracting(ConfigProblem::describe).containsExactly(
                "sync.facilityCode in environment variable CLINICTERM_FACILITY_CODE: must be 5 letters or digits;"
                        + " found '79-001'");
    }

    @Test
    void aBadValueThatAHigherLayerOverridesIsOnlyAWarning() throws IOException {
        write(system, "sync.batchSize=0");
        write(terminalFile(), "sync.batchSize=50");

        TerminalConfig c = TerminalConfig.load(env);

        assertThat(c.isValid()).isTrue();
        assertThat(c.get(ConfigKeys.SYNC_BATCH_SIZE)).isEqualTo(50L);
        assertThat(c.warnings()).singleElement().extracting(ConfigProblem::describe).asString()
                .startsWith("sync.batchSize in system file " + system.toAbsolutePath())
                .endsWith("; overridden by terminal file " + terminalFile().toAbsolutePath());
    }

    @Test
    void anUnknownKeyIsAWarningThatSuggestsTheKeyMeant() throws IOException {
        write(system, "sync.ulr=https://hub.example.vn", "sync.facilityCode=79001", "colour=blue");

        TerminalConfig c = TerminalConfig.load(env);

        assertThat(c.isValid()).isTrue();
        assertThat(c.warnings()).extracting(ConfigProblem::describe).containsExactly(
                "colour in system file " + system.toAbsolutePath() + ": unknown key, ignored",
                "sync.ulr in system file " + system.toAbsolutePath() + ": unknown key, ignored (did you mean"
                        + " sync.url?)");
        assertThat(c.isSet(ConfigKeys.SYNC_URL)).isFalse();
        assertThat(c.asProperties().stringPropertyNames()).containsExactly("sync.facilityCode");
    }

    @Test
    void hiddenValuesAreNeverShownInMessages() throws IOException {
        write(terminalFile(), "sync.staffId=0791900000O1", "checkin.signing.password=hunter2",
                "sync.password=" + "x".repeat(201));

        TerminalConfig c = TerminalConfig.load(env);

        assertThat(c.errors()).hasSize(3).allSatisfy(p -> assertThat(p.describe())
                .doesNotContain("0791900000O1").doesNotContain("hunter2").doesNotContain("xxxxx")
                .doesNotContain("found"));
        assertThat(c.errors()).extracting(p -> p.key().orElseThrow())
                .containsExactly("sync.password", "sync.staffId", "checkin.signing.password");
    }

    @Test
    void aSecretInAFileEveryUserCanReadIsAWarning() throws IOException {
        write(system, "sync.password=s3cret", "sync.username=79001_BV");
        Files.setPosixFilePermissions(system, PosixFilePermissions.fromString("rw-r--r--"));
        write(terminalFile(), "sync.token=t0ken");
        Files.setPosixFilePermissions(terminalFile(), PosixFilePermissions.fromString("rw-r-----"));

        TerminalConfig c = TerminalConfig.load(env);

        assertThat(c.isValid()).isTrue();
        assertThat(c.warnings()).singleElement().extracting(ConfigProblem::describe).asString()
                .startsWith("sync.password in system file " + system.toAbsolutePath() + ": a secret in a file every"
                        + " user of this machine can read")
                .contains("CLINICTERM_SYNC_PASSWORD").doesNotContain("s3cret");
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorAndKeysItMightHoldCannotBeTrusted() throws IOException {
        Files.createDirectories(home);
        Files.write(terminalFile(), "terminal.id=qu\u00e2y\n".getBytes(StandardCharsets.ISO_8859_1));
        write(system, "sync.url=https://hub.example.vn", "sync.facilityCode=\\u00zz");

        TerminalConfig c = TerminalConfig.load(env);

        assertThat(c.errors()).extracting(ConfigProblem::describe).containsExactly(
                "system file " + system.toAbsolutePath() + ": is not a valid properties file (Malformed \\uxxxx"
                        + " encoding.)",
                "terminal file " + terminalFile().toAbsolutePath() + ": is not UTF-8 text; save it as UTF-8");
        assertThat(c.layers()).extracting(TerminalConfig.Layer::state).startsWith(
                TerminalConfig.Layer.State.UNREADABLE, TerminalConfig.Layer.State.UNREADABLE);
        assertThatThrownBy(c::terminalId).isInstanceOf(ConfigException.class)
                .hasMessageContaining(system.toAbsolutePath().toString());
    }

    @Test
    void aFileThatMustExistIsCheckedNow() throws IOException {
        Path pem = Files.writeString(temp.resolve("hub-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        write(terminalFile(), "sync.trustedCerts=" + pem, "sync.clientCert=" + temp.resolve("missing.p12"));

        TerminalConfig c = TerminalConfig.load(env);

        assertThat(c.get(ConfigKeys.SYNC_TRUSTED_CERTS)).isEqualTo(pem);
        assertThat(c.errors()).singleElement().extracting(ConfigProblem::describe).asString()
                .startsWith("sync.clientCert in terminal file ")
                .contains("must be a readable file (no such file: " + temp.resolve("missing.p12") + ")");
    }

    @Test
    void theSystemFileIsInTheOperatingSystemsPlaceUnlessTheVariableSaysOtherwise() {
        assertThat(ConfigFiles.systemFile(Map.of(), "Linux")).isEqualTo(Path.of("/etc/clinicterm/clinicterm.properties"));
        assertThat(ConfigFiles.systemFile(Map.of(), "Mac OS X"))
                .isEqualTo(Path.of("/Library/Application Support/ClinicTerm/clinicterm.properties"));
        assertThat(ConfigFiles.systemFile(Map.of("ProgramData", "D:\\PD"), "Windows 11"))
                .isEqualTo(Path.of("D:\\PD", "ClinicTerm", "clinicterm.properties"));
        assertThat(ConfigFiles.systemFile(Map.of(), "Windows 11"))
                .isEqualTo(Path.of("C:\\ProgramData", "ClinicTerm", "clinicterm.properties"));
        assertThat(ConfigFiles.systemFile(Map.of(ConfigFiles.SYSTEM_VARIABLE, "/opt/ct.properties"), "Linux"))
                .isEqualTo(Path.of("/opt/ct.properties"));
        assertThat(ConfigFiles.from(Map.of(AppDirectories.HOME_VARIABLE, "/srv/ct"), "Linux", "/home/x").terminal())
                .isEqualTo(Path.of("/srv/ct/clinicterm.properties"));
    }

    @Test
    void everyKeyIsDocumentedInTheConfigurationGuide() throws IOException {
        String guide = Files.readString(Path.of("../docs/configuration.md"), StandardCharsets.UTF_8);
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertThat(guide).as(key.name()).contains("| `" + key.name() + "` |");
            key.environmentVariable().ifPresent(v -> assertThat(guide).as(v).contains("`" + v + "`"));
        }
    }

    @Test
    void severitiesAreErrorsOnlyForValuesInEffect() throws IOException {
        write(system, "terminal.id=has space");
        TerminalConfig c = TerminalConfig.load(env);
        assertThat(c.problems()).extracting(ConfigProblem::severity).containsExactly(Severity.ERROR);
        env.put("CLINICTERM_TERMINAL_ID", "quay-3");
        TerminalConfig overridden = TerminalConfig.load(env);
        assertThat(overridden.problems()).extracting(ConfigProblem::severity).containsExactly(Severity.WARNING);
        assertThat(overridden.terminalId()).isEqualTo("quay-3");
    }
}
