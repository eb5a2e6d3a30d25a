package dev.aisectriage.event;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Handlers read typed payloads: a delivery becomes its neutral record in {@code github/} (or the Hub's record in
 * {@code huggingface/}), so no class of {@code event/} touches the JSON tree.
 */
class HandlersReadTypedPayloadsTest {

    private static final JavaClasses EVENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.aisectriage.event");

    @Test
    void noHandlerReadsTheJsonTree() {
        noClasses()
                .that()
                .resideInAPackage("dev.aisectriage.event")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson.databind..")
                .because("handlers receive typed payloads and never walk " + JsonNode.class.getSimpleName() + " paths")
                .check(EVENT);
    }
}
