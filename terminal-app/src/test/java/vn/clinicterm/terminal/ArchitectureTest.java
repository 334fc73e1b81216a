package vn.clinicterm.terminal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.clinicterm.terminal.cli.Main;
import vn.clinicterm.terminal.gui.StartupProbe;

/**
 * The layering rules of ../shared/STYLE.md for the terminal application, enforced. One exception is named: the
 * {@link StartupProbe} prints {@code first-frame-ms=N} to standard output when the startup benchmark or the AOT-cache
 * training run asks for it with a system property; nothing else outside the command line writes there.
 */
class ArchitectureTest {

    /**
     * The module's main classes only: imported from where {@link Main} was loaded (Maven's target/classes), so that
     * tests, which may print and open databases as they like, are never mixed in, whatever the build's layout.
     */
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("vn/clinicterm/terminal/"))
            .importPath(mainClasses());

    /** The layers under the window: view models, visit log, reception flow, sync, check-in, hand-off, consent. */
    private static final String[] BELOW_THE_GUI = {"vn.clinicterm.terminal.app..", "vn.clinicterm.terminal.storage..",
        "vn.clinicterm.terminal.reception..", "vn.clinicterm.terminal.sync..", "vn.clinicterm.terminal.checkin..",
        "vn.clinicterm.terminal.handoff..", "vn.clinicterm.terminal.consent.."};

    @Test
    void onlyTheStoragePackageTouchesSql() {
        noClasses().that().resideOutsideOfPackage("vn.clinicterm.terminal.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
                .check(APP);
    }

    private static Path mainClasses() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRulesSeeTheWholeModule() {
        assertThat(APP.containPackage("vn.clinicterm.terminal.gui")).isTrue();
        assertThat(APP.containPackage("vn.clinicterm.terminal.app")).isTrue();
        assertThat(APP.contain(ArchitectureTest.class)).as("tests are not part of the rules' subject").isFalse();
    }

    @Test
    void onlyTheCommandLineWritesToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("vn.clinicterm.terminal.cli..")
                .and().doNotHaveFullyQualifiedName(StartupProbe.class.getName())
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(APP);
    }

    @Test
    void nothingBelowTheWindowDependsOnTheGuiOrOnJavaFx() {
        noClasses().that().resideInAnyPackage(BELOW_THE_GUI)
                .should().dependOnClassesThat().resideInAnyPackage("vn.clinicterm.terminal.gui..", "javafx..")
                .because("view models are plain Java, unit-tested without FX; the gui depends on them, not back")
                .check(APP);
    }

    @Test
    void theGuiNeitherReadsCardsNorCallsTheNetworkItself() {
        noClasses().that().resideInAPackage("vn.clinicterm.terminal.gui..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.smartcardio..", "okhttp3..",
                        "java.net.http..", "vn.clinicterm.terminal.storage.internal..")
                .because("a view sends intents to its view model, which does that work off the FX thread")
                .check(APP);
    }
}
