package dev.aisectriage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The service never loads training code: only {@code training/} itself and the {@code train} and {@code eval}
 * commands (with their options and file reader) may reach it or liblinear.
 */
class TrainingIsApartFromServingTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.aisectriage");

    @Test
    void givenTheMainClasses_whenCheckingDependencies_thenOnlyTrainingAndItsCommandsReachTrainingOrLiblinear() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.aisectriage.training..")
                .and()
                .doNotHaveFullyQualifiedName("dev.aisectriage.cli.TrainCommand")
                .and()
                .doNotHaveFullyQualifiedName("dev.aisectriage.cli.EvalCommand")
                .and()
                .doNotHaveFullyQualifiedName("dev.aisectriage.cli.TrainingSettings")
                .and()
                .doNotHaveFullyQualifiedName("dev.aisectriage.cli.LabelledFiles")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.aisectriage.training..", "de.bwaldvogel.liblinear..")
                .because("serving must never load the trainer (issue 10)")
                .check(MAIN);
    }
}
