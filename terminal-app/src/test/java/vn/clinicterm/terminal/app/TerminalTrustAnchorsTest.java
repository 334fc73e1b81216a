package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.app.TerminalTestVisits.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.verify.Indication;
import vn.clinicterm.cardsim.SimCard;
import vn.clinicterm.cardsim.SimTerminals;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigFiles;
import vn.clinicterm.terminal.config.TrustAnchors;
import vn.clinicterm.terminal.storage.PasswordHashing;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;

/**
 * The counter on a fresh data directory whose system-wide file presets {@code trust.anchors} (a temp file named
 * through {@code CLINICTERM_SYSTEM_CONFIG} in the builder's environment map): the trust store is provisioned before
 * the first card, so a genuine simulated card verifies without anyone importing anything; a refused preset file is
 * shown among the admin screen's settings.
 */
class TerminalTrustAnchorsTest {

    @TempDir
    Path home;

    @TempDir
    Path etc;

    private final SimTerminals terminals = SimTerminals.withReaders(1);
    private Path anchors;
    private TerminalEnvironment env;
    private TerminalSession session;

    @BeforeEach
    void preset() throws Exception {
        Path pki = etc.resolve("pki");
        TestPki.standard().exportTo(pki);
        anchors = Files.createDirectories(etc.resolve("trust"));
        for (String f : List.of("csca-brainpool.der", "csca-rsapss.der", "csca.crl")) {
            Files.copy(pki.resolve(f), anchors.resolve(f));
        }
        Files.writeString(etc.resolve("clinicterm.properties"), "trust.anchors = " + anchors + "\n",
                StandardCharsets.UTF_8);
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
        if (env != null) {
            env.close();
        }
    }

    private void open() throws Exception {
        env = TerminalEnvironment.builder()
                .directories(new AppDirectories(home))
                .environment(Map.of(ConfigFiles.SYSTEM_VARIABLE, etc.resolve("clinicterm.properties").toString()))
                .readers(CardReaders.of(terminals.factory()))
                .passwordHashing(PasswordHashing.FOR_TESTS)
                .pollInterval(Duration.ofMillis(50))
                .exportDirectory(home)
                .open();
    }

    @Test
    void aFreshDataDirectoryIsProvisionedAndAGenuineCardVerifies() throws Exception {
        open();

        assertThat(env.trustProblem()).isEmpty();
        assertThat(env.trustAnchors()).isInstanceOfSatisfying(TrustAnchors.Imported.class,
                i -> assertThat(i.files()).containsExactly("csca-brainpool.der", "csca-rsapss.der", "csca.crl"));
        AdminViewModel admin = env.admin(new User("quan.tri", Role.ADMIN));
        assertThat(admin.state().settings())
                .contains(new AdminState.Setting("trustAnchors", env.trustAnchors().describe()));
        admin.refresh();
        assertThat(await(admin::state, s -> !s.loading() && s.trust().isPresent()).trust().get().cscaCount())
                .as("the store the counter's verifier uses").isEqualTo(2);

        session = env.session(new User("le.tan", Role.RECEPTION));
        ReceptionViewModel reception = session.reception();
        reception.start();
        await(reception::state, s -> s.readerStatus() == ReceptionState.ReaderStatus.EMPTY);
        reception.confirmConsent();
        SimCard card = SimCard.builder().citizen(1).build();
        terminals.insert(terminals.readerNames().getFirst(), card.chip());
        await(reception::state, s -> s.phase() == ReceptionState.Phase.NEED_KEY);
        reception.keyTyped(card.citizen().can());
        reception.submitKey();
        ReceptionState verified = await(reception::state, s -> s.verdict().isPresent());
        assertThat(verified.verdict().get().indication()).as("the CSCA came from trust.anchors")
                .isEqualTo(Indication.PASSED);
    }

    @Test
    void theNextStartFindsTheStoreUpToDate() throws Exception {
        open();
        env.close();
        open();

        assertThat(env.trustAnchors()).isEqualTo(new TrustAnchors.UpToDate(anchors.toAbsolutePath(), 3));
    }

    @Test
    void aRefusedPresetFileIsShownOnTheAdminScreenAndTheCounterOpensWithTheGoodAnchors() throws Exception {
        Files.writeString(anchors.resolve("broken.der"), "not a certificate", StandardCharsets.UTF_8);

        open();

        assertThat(env.trustProblem()).as("the store itself is fine").isEmpty();
        assertThat(env.trustAnchors()).isInstanceOf(TrustAnchors.Refused.class);
        AdminViewModel admin = env.admin(new User("quan.tri", Role.ADMIN));
        assertThat(admin.state().settings()).filteredOn(s -> s.key().equals("trustAnchors")).singleElement()
                .satisfies(s -> assertThat(s.value()).contains("broken.der refused"));
        admin.refresh();
        assertThat(await(admin::state, s -> !s.loading() && s.trust().isPresent()).trust().get().cscaCount())
                .isEqualTo(2);
    }
}
