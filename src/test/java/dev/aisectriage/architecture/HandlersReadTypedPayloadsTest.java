package dev.aisectriage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Handlers read typed payloads: a delivery becomes its neutral record in {@code github/} (or the Hub's record in
 * {@code huggingface/}), so no class of {@code event/} touches the JSON tree.
 */
class HandlersReadTypedPayloadsTest {

    @Test
    void noHandlerReadsTheJsonTree() {
        noClasses()
                .that()
                .resideInAPackage("dev.aisectriage.event")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson.databind..")
                .because("handlers receive typed payloads and never walk " + JsonNode.class.getSimpleName() + " paths")
                .check(MainClasses.MAIN);
    }
}
