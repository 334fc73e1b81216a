package vn.clinicterm.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.centralsim.CentralSim;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigFiles;

/**
 * {@code clinicterm self-test} end to end: a ready machine (trust store imported, central-sim on loopback, pcscd, the
 * test display) exits 0; a bad configuration value 71; a failed check 70. A JVM of its own stages what this one
 * cannot: a display that does not exist, a card service that does not answer, a bundle without BouncyCastle.
 */
class SelfTestCommandTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();
    private Path home;
    private Path system;

    @BeforeEach
    void machine() {
        Cli.redirect(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        home = temp.resolve("home");
        system = temp.resolve("etc/clinicterm.properties");
        env.put(AppDirectories.HOME_VARIABLE, home.toString());
        env.put(ConfigFiles.SYSTEM_VARIABLE, system.toString());
        String display = System.getenv("DISPLAY");
        assertThat(display).as("the tests need a display (Xvfb :99 and DISPLAY=:99)").isNotBlank();
        env.put("DISPLAY", display);
    }

    @AfterEach
    void restore() {
        Cli.redirect(System.out, System.err);
    }

    private int selfTest(String... args) {
        return new CommandLine(new SelfTestCommand(env)).execute(args);
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void importTestPki() throws IOException {
        Path pki = temp.resolve("pki");
        TestPki.standard().exportTo(pki);
        TrustStore store = TrustStore.open(home.resolve("trust"), Clock.systemUTC());
        for (String f : new String[] {"csca-brainpool.der", "csca-rsapss.der", "csca.crl"}) {
            assertThat(store.importFile(pki.resolve(f)).accepted()).as(f).isTrue();
        }
    }

    private void systemFile(String... lines) throws IOException {
        Files.createDirectories(system.getParent());
        Files.writeString(system, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void aReadyMachinePassesEveryCheckAndExitsZero() throws IOException {
        importTestPki();
        try (CentralSim sim = CentralSim.builder().port(0).start()) {
            systemFile("sync.url=" + sim.baseUrl(), "sync.facilityCode=" + CentralSim.DEFAULT_FACILITY,
                    "terminal.id=quay-1");

            assertThat(selfTest()).as(out.toString()).isZero();
        }
        assertThat(lines()).hasSize(7).allSatisfy(l -> assertThat(l).startsWith("OK  "));
        assertThat(lines()).extracting(l -> l.substring(6).split("\\s+")[0]).containsExactly("configuration",
                "javafx", "crypto", "database", "trust-store", "card-service", "central-service");
        assertThat(lines().getFirst()).contains("system file " + system.toAbsolutePath() + " (3 keys)");
    }

    @Test
    void jsonIsOneObjectWithEveryCheck() throws IOException {
        assertThat(selfTest("--json")).isEqualTo(SelfTestCommand.CHECK_FAILED);

        assertThat(lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(lines().getFirst());
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("exitCode").asInt()).isEqualTo(70);
        assertThat(json.get("checks")).hasSize(7);
        JsonNode trust = json.get("checks").get(4);
        assertThat(trust.get("name").asText()).isEqualTo("trust-store");
        assertThat(trust.get("status").asText()).isEqualTo("FAIL");
        assertThat(trust.get("detail").asText()).startsWith("no CSCA");
        assertThat(trust.get("millis").isIntegralNumber()).isTrue();
        assertThat(json.get("checks").get(6).get("status").asText()).isEqualTo("SKIP");
    }

    @Test
    void aBadValueInTheSystemFileExitsSeventyOneNamingTheKeyAndTheFile() throws IOException {
        importTestPki();
        systemFile("sync.url=https://hub.example.vn", "sync.facilityCode=79001", "sync.readTimeout=-5s");

        assertThat(selfTest()).isEqualTo(SelfTestCommand.CONFIG_INVALID);

        assertThat(lines().getFirst()).startsWith("FAIL  configuration    sync.readTimeout in system file "
                + system.toAbsolutePath() + ": must be a positive duration");
        assertThat(lines()).hasSize(7);
        assertThat(lines().get(6)).startsWith("SKIP  central-service");
    }

    @Test
    void anEmptyTrustStoreExitsSeventy() {
        assertThat(selfTest()).isEqualTo(SelfTestCommand.CHECK_FAILED);
        assertThat(lines()).filteredOn(l -> l.startsWith("FAIL")).singleElement().asString()
                .startsWith("FAIL  trust-store      no CSCA");
    }

    @Test
    void aMachineWithoutDisplayOrCardServiceFailsThoseChecksInItsOwnJvm() throws Exception {
        importTestPki();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        systemFile("sync.url=http://127.0.0.1:" + closedPort, "sync.facilityCode=79001");

        Child child = runChild(e -> true, Map.of("DISPLAY", ":4711",
                "PCSCLITE_CSOCK_NAME", temp.resolve("no-pcscd.comm").toString()));

        assertThat(child.exit()).as(child.output()).isEqualTo(SelfTestCommand.CHECK_FAILED);
        assertThat(child.output()).contains("OK    configuration")
                .contains("FAIL  javafx           the toolkit does not start on DISPLAY=:4711: ")
                .contains("OK    crypto")
                .contains("OK    database")
                .contains("OK    trust-store")
                .contains("FAIL  card-service     card service not")
                .contains("FAIL  central-service  http://127.0.0.1:" + closedPort + " unreachable");
    }

    @Test
    void aBundleWithoutBouncyCastleFailsTheCryptoCheckInItsOwnJvm() throws Exception {
        Child child = runChild(entry -> !Path.of(entry).getFileName().toString().startsWith("bcprov"), Map.of());

        assertThat(child.exit()).as(child.output()).isEqualTo(SelfTestCommand.CHECK_FAILED);
        assertThat(child.output()).contains("FAIL  crypto           BouncyCastle is missing from this installation");
    }

    private record Child(int exit, String output) {}

    /** Runs {@code self-test} in a new JVM with this environment (plus {@code extraEnv}) and a filtered class path. */
    private Child runChild(Predicate<String> classPathEntry, Map<String, String> extraEnv) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        String pcscLibrary = System.getProperty("sun.security.smartcardio.library");
        if (pcscLibrary != null) {
            command.add("-Dsun.security.smartcardio.library=" + pcscLibrary);
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath().stream().filter(classPathEntry)
                .toList()), SelfTestChild.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("CLINICTERM_") || k.equals("DISPLAY")
                || k.equals("WAYLAND_DISPLAY"));
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Child(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * This JVM's class path as files: the class loaders' URLs (a launcher that loads tests itself) and
     * {@code java.class.path}, with manifest-only jars (Surefire's booter) expanded.
     */
    private static List<String> classPath() throws IOException, URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader cl = SelfTestCommandTest.class.getClassLoader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    entries.add(Path.of(url.toURI()).toString());
                }
            }
        }
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            entries.add(e);
            Path jar = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(jar)) {
                try (JarFile f = new JarFile(jar.toFile())) {
                    Manifest m = f.getManifest();
                    String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String ref : cp.trim().split("\\s+")) {
                            entries.add(Path.of(jar.toAbsolutePath().getParent().toUri().resolve(ref)).toString());
                        }
                    }
                }
            }
        }
        return new ArrayList<>(entries);
    }
}
