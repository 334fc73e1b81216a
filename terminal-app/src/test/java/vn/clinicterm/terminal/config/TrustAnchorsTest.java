package vn.clinicterm.terminal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.cardsim.TestPki;

/**
 * Provisioning a trust store from {@code trust.anchors} on real files: card-sim's test PKI in a temp "/etc" directory
 * named by a temp system file, a real trust store in a temp data directory.
 */
class TrustAnchorsTest {

    @TempDir
    Path temp;

    private Path pki;
    private Path anchors;
    private Path system;
    private Path storeDir;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void machine() throws IOException {
        pki = temp.resolve("pki");
        TestPki.standard().exportTo(pki);
        anchors = Files.createDirectories(temp.resolve("etc/trust"));
        system = temp.resolve("etc/clinicterm.properties");
        storeDir = temp.resolve("home/trust");
        env.put(ConfigFiles.SYSTEM_VARIABLE, system.toString());
        env.put(AppDirectories.HOME_VARIABLE, temp.resolve("home").toString());
    }

    private void preset(String... names) throws IOException {
        for (String name : names) {
            Files.copy(pki.resolve(name), anchors.resolve(name));
        }
        systemFile("trust.anchors = " + anchors);
    }

    private void systemFile(String... lines) throws IOException {
        Files.writeString(system, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private TrustStore store() throws IOException {
        return TrustStore.open(storeDir, Clock.systemUTC());
    }

    private TrustAnchors.Outcome provision() throws IOException {
        return TrustAnchors.provision(TerminalConfig.load(env), store());
    }

    /** A copy of a CSCA certificate with one byte of its signature changed. */
    private void tampered(String name) throws IOException {
        byte[] der = Files.readAllBytes(pki.resolve("csca-rsapss.der"));
        der[der.length - 5] ^= 0x01;
        Files.write(anchors.resolve(name), der);
    }

    private Path marker() {
        return storeDir.resolve(TrustAnchors.MARKER_NAME);
    }

    @Test
    void aPresetDirectoryIsImportedOnceAndThenUpToDate() throws IOException {
        preset("csca-brainpool.der", "csca-rsapss.der", "csca.crl");

        TrustAnchors.Outcome first = provision();

        assertThat(first).isInstanceOfSatisfying(TrustAnchors.Imported.class, i -> {
            assertThat(i.source()).isEqualTo(anchors.toAbsolutePath());
            assertThat(i.files()).containsExactly("csca-brainpool.der", "csca-rsapss.der", "csca.crl");
            assertThat(i.certificatesAdded()).isEqualTo(2);
            assertThat(i.crlsAdded()).isEqualTo(1);
        });
        assertThat(first.describe()).startsWith("provisioned from trust.anchors " + anchors.toAbsolutePath()
                + ": 3 files imported");
        assertThat(store().cscas()).hasSize(2);
        assertThat(store().status().crls()).hasSize(1);
        assertThat(marker()).isRegularFile();
        byte[] storeFile = Files.readAllBytes(storeDir.resolve("trust-store.txt"));

        TrustAnchors.Outcome second = provision();

        assertThat(second).isEqualTo(new TrustAnchors.UpToDate(anchors.toAbsolutePath(), 3));
        assertThat(Files.readAllBytes(storeDir.resolve("trust-store.txt"))).as("no second import")
                .isEqualTo(storeFile);
        assertThat(second.failed()).isFalse();
        try (Stream<Path> files = Files.list(storeDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary marker left behind")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aFileAddedToTheDirectoryIsImportedAtTheNextCall() throws IOException {
        preset("csca-brainpool.der", "csca-rsapss.der");
        assertThat(provision()).isInstanceOf(TrustAnchors.Imported.class);
        assertThat(store().status().crls()).isEmpty();

        Files.copy(pki.resolve("csca.crl"), anchors.resolve("csca.crl"));
        TrustAnchors.Outcome again = provision();

        assertThat(again).isInstanceOfSatisfying(TrustAnchors.Imported.class, i -> {
            assertThat(i.files()).containsExactly("csca-brainpool.der", "csca-rsapss.der", "csca.crl");
            assertThat(i.certificatesAdded()).as("the CSCAs were known").isZero();
            assertThat(i.crlsAdded()).isEqualTo(1);
        });
        assertThat(store().status().crls()).hasSize(1);
        assertThat(provision()).isInstanceOf(TrustAnchors.UpToDate.class);
    }

    @Test
    void aRefusedFileIsNamedTheStoreKeepsTheGoodAnchorsAndItIsTriedAgain() throws IOException {
        preset("csca-brainpool.der", "csca-rsapss.der", "csca.crl");
        tampered("csca-tampered.der");

        TrustAnchors.Outcome first = provision();

        assertThat(first).isInstanceOfSatisfying(TrustAnchors.Refused.class, r -> {
            assertThat(r.refused()).extracting(TrustAnchors.Refusal::file).containsExactly("csca-tampered.der");
            assertThat(r.refused().getFirst().reason()).startsWith("not imported: ");
            assertThat(r.imported()).containsExactly("csca-brainpool.der", "csca-rsapss.der", "csca.crl");
        });
        assertThat(first.failed()).isTrue();
        assertThat(first.describe()).contains("trust.anchors " + anchors.toAbsolutePath())
                .contains("csca-tampered.der refused (not imported: ");
        assertThat(store().cscas()).as("the good files were taken").hasSize(2);
        assertThat(marker()).as("not marked: tried again next time").doesNotExist();

        assertThat(provision()).as("tried again").isInstanceOf(TrustAnchors.Refused.class);
        assertThat(store().cscas()).hasSize(2);

        Files.delete(anchors.resolve("csca-tampered.der"));
        assertThat(provision()).isInstanceOf(TrustAnchors.Imported.class);
        assertThat(provision()).isInstanceOf(TrustAnchors.UpToDate.class);
    }

    @Test
    void aFileReplacedByABadOneNeitherEmptiesNorDamagesAProvisionedStore() throws IOException {
        preset("csca-brainpool.der", "csca-rsapss.der", "csca.crl");
        assertThat(provision()).isInstanceOf(TrustAnchors.Imported.class);
        byte[] marked = Files.readAllBytes(marker());

        Files.delete(anchors.resolve("csca-rsapss.der"));
        tampered("csca-rsapss.der");
        Files.writeString(anchors.resolve("readme.txt"), "not trust material\n");
        TrustAnchors.Outcome outcome = provision();

        assertThat(outcome).isInstanceOfSatisfying(TrustAnchors.Refused.class, r -> assertThat(r.refused())
                .extracting(TrustAnchors.Refusal::file).containsExactly("csca-rsapss.der", "readme.txt"));
        TrustStore reopened = store();
        assertThat(reopened.cscas()).as("read back from disk").hasSize(2);
        assertThat(reopened.status().crls()).hasSize(1);
        assertThat(Files.readAllBytes(marker())).as("the marker is not updated").isEqualTo(marked);
        assertThat(provision()).as("tried again").isInstanceOf(TrustAnchors.Refused.class);
    }

    @Test
    void aSingleFileIsImportedAgainWhenItChanges() throws IOException {
        Files.copy(pki.resolve("csca-brainpool.der"), anchors.resolve("csca-brainpool.der"));
        Path file = anchors.resolve("csca-brainpool.der");
        systemFile("trust.anchors=" + file);

        assertThat(provision()).isInstanceOfSatisfying(TrustAnchors.Imported.class,
                i -> assertThat(i.files()).containsExactly("csca-brainpool.der"));
        assertThat(provision()).isEqualTo(new TrustAnchors.UpToDate(file.toAbsolutePath(), 1));

        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() - 60_000));
        assertThat(provision()).as("another modification time").isInstanceOf(TrustAnchors.Imported.class);
        assertThat(store().cscas()).hasSize(1);
    }

    @Test
    void aStoreThatLostTheMaterialGetsItAgainDespiteTheMarker() throws IOException {
        preset("csca-brainpool.der", "csca-rsapss.der", "csca.crl");
        assertThat(provision()).isInstanceOf(TrustAnchors.Imported.class);

        Files.delete(storeDir.resolve("trust-store.txt")); // as a restore of a copy from before the import
        assertThat(store().cscas()).isEmpty();

        assertThat(provision()).isInstanceOf(TrustAnchors.Imported.class);
        assertThat(store().cscas()).hasSize(2);
    }

    @Test
    void anotherConfiguredPathIsImportedEvenWithTheSameFiles() throws IOException {
        preset("csca-brainpool.der");
        assertThat(provision()).isInstanceOf(TrustAnchors.Imported.class);
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.copy(anchors.resolve("csca-brainpool.der"), elsewhere.resolve("csca-brainpool.der"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        systemFile("trust.anchors=" + elsewhere);

        assertThat(provision()).isInstanceOfSatisfying(TrustAnchors.Imported.class,
                i -> assertThat(i.source()).isEqualTo(elsewhere.toAbsolutePath()));
    }

    @Test
    void withoutTheKeyTheStoreIsLeftAlone() throws IOException {
        systemFile("terminal.id=quay-1");

        assertThat(provision()).isEqualTo(new TrustAnchors.NotConfigured());
        assertThat(marker()).doesNotExist();
        assertThat(storeDir.resolve("trust-store.txt")).doesNotExist();
    }

    @Test
    void aPathThatDoesNotExistIsUnusableNamingTheKeyTheFileAndThePath() throws IOException {
        Path missing = temp.resolve("etc/no-such-trust");
        systemFile("trust.anchors=" + missing);

        TrustAnchors.Outcome outcome = provision();

        assertThat(outcome).isInstanceOf(TrustAnchors.Unusable.class);
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.describe()).startsWith("trust.anchors in system file " + system.toAbsolutePath())
                .contains("must be a readable file or directory").contains(missing.toAbsolutePath().toString());
        assertThat(TerminalConfig.load(env).errors()).as("a configuration error too")
                .extracting(ConfigProblem::key).containsExactly(java.util.Optional.of("trust.anchors"));
    }

    @Test
    void anEmptyDirectoryIsRefusedNamingIt() throws IOException {
        systemFile("trust.anchors=" + anchors);

        TrustAnchors.Outcome outcome = provision();

        assertThat(outcome).isInstanceOfSatisfying(TrustAnchors.Refused.class, r -> assertThat(r.refused())
                .containsExactly(new TrustAnchors.Refusal("trust", "the directory has no files to import")));
        assertThat(marker()).doesNotExist();
    }

    @Test
    void theEnvironmentVariableNamesTheMaterialToo() throws IOException {
        Files.copy(pki.resolve("csca-rsapss.der"), anchors.resolve("csca-rsapss.der"));
        env.put("CLINICTERM_TRUST_ANCHORS", anchors.toString());

        assertThat(provision()).isInstanceOf(TrustAnchors.Imported.class);
        assertThat(store().cscas()).extracting(c -> c.subject()).singleElement().asString().contains("RSA-PSS");
        assertThat(ConfigKeys.ALL).contains(ConfigKeys.TRUST_ANCHORS);
    }
}
