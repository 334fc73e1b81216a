package vn.clinicterm.terminal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering rules of ../shared/STYLE.md for the terminal application, enforced. */
class ArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.clinicterm.terminal");

    @Test
    void onlyTheStoragePackageTouchesSql() {
        noClasses().that().resideOutsideOfPackage("vn.clinicterm.terminal.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
                .check(APP);
    }

    @Test
    void onlyTheCommandLineWritesToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("vn.clinicterm.terminal.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(APP);
    }
}
