package vn.clinicterm.card;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The layering rules of ../shared/STYLE.md for the card library, enforced. */
class ArchitectureTest {

    private static final JavaClasses CARD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.clinicterm.card");

    @Test
    void theCardLibraryHasNoUiAndNoSql() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.sql..", "javax.sql..")
                .check(CARD);
    }

    @Test
    void verificationAndTrustNeverTouchTheReader() {
        noClasses().that().resideInAnyPackage("vn.clinicterm.card.verify..", "vn.clinicterm.card.trust..")
                .should().dependOnClassesThat().resideInAPackage("javax.smartcardio..")
                .allowEmptyShould(true)
                .check(CARD);
    }

    @Test
    void theLibraryWritesNothingToStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(CARD);
    }

    @Test
    void theLibraryDoesNotDependOnTheSimulator() {
        noClasses().should().dependOnClassesThat().resideInAPackage("vn.clinicterm.cardsim..").check(CARD);
    }
}
