package dev.aisectriage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

/** Dependencies point one way down the pipeline: a cycle between two packages is a design bug (STYLE.md, 14). */
class PackagesHaveNoCyclesTest {

    @Test
    void noTwoPackagesDependOnEachOtherWhenSlicedByTopLevelPackageGivenTheMainClasses() {
        slices().matching("dev.aisectriage.(*)..")
                .should()
                .beFreeOfCycles()
                .because("a package cycle means two packages cannot be understood, tested or moved apart")
                .check(MainClasses.MAIN);
    }

    @Test
    void noPackageReachesBackIntoTheRootPackageWhenCheckingWhatDependsOnItGivenTheEntryPoint() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.aisectriage")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.aisectriage")
                .because("App only starts the CLI; everything else is wired below it")
                .check(MainClasses.MAIN);
    }
}
