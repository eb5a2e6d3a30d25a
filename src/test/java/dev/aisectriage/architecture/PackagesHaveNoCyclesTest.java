package dev.aisectriage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point one way down the pipeline: a cycle between two packages is a design bug (STYLE.md, 14). */
class PackagesHaveNoCyclesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.aisectriage");

    @Test
    void givenTheMainClasses_whenSlicedByTopLevelPackage_thenNoTwoPackagesDependOnEachOther() {
        slices().matching("dev.aisectriage.(*)..")
                .should()
                .beFreeOfCycles()
                .because("a package cycle means two packages cannot be understood, tested or moved apart")
                .check(MAIN);
    }

    @Test
    void givenTheEntryPoint_whenCheckingWhatDependsOnIt_thenNoPackageReachesBackIntoTheRootPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.aisectriage")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.aisectriage")
                .because("App only starts the CLI; everything else is wired below it")
                .check(MAIN);
    }
}
