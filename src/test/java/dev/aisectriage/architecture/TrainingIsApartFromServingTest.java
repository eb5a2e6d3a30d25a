package dev.aisectriage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/**
 * The service never loads training code: only {@code training/} itself and the {@code train}, {@code eval} and
 * {@code rebuild-solutions} commands (with their options and file reader) may reach it or liblinear.
 */
class TrainingIsApartFromServingTest {

    @Test
    void onlyTrainingAndItsCommandsReachTrainingOrLiblinearWhenCheckingDependenciesGivenTheMainClasses() {
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
                .and()
                .doNotHaveFullyQualifiedName("dev.aisectriage.cli.RebuildSolutionsCommand")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.aisectriage.training..", "de.bwaldvogel.liblinear..")
                .because("serving must never load the trainer (issue 10)")
                .check(MainClasses.MAIN);
    }
}
