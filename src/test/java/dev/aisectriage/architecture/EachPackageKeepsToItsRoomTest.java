package dev.aisectriage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: each package keeps to its room (docs/architecture.md). The queue alone writes its table; the web layer
 * reads the store through the store's classes; the lease travels as an argument; hub4j stays inside {@code github/}.
 */
class EachPackageKeepsToItsRoomTest {

    @Test
    void onlyTheQueueWritesTheJobsTable() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.aisectriage.queue..")
                .should(writeTable("jobs"))
                .because("the job queue owns its table: the intake enqueues through it, retention asks it")
                .check(MainClasses.MAIN);
    }

    @Test
    void theWebLayerDoesNotUseJdbc() {
        noClasses()
                .that()
                .resideInAPackage("dev.aisectriage.web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("java.sql..")
                .because("the web layer is thin: what it shows of the store, the store's classes read")
                .check(MainClasses.MAIN);
    }

    @Test
    void nothingReadsTheLeaseFromAThreadLocal() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(ThreadLocal.class, InheritableThreadLocal.class)
                .because("a job's lease of its thread is handed down as an argument to every write that checks it")
                .check(MainClasses.MAIN);
    }

    @Test
    void noClassOutsideGithubUsesHub4j() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.aisectriage.github..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.kohsuke.github..")
                .because("GitHub's payloads become neutral records in github/, and everything else reads those")
                .check(MainClasses.MAIN);
    }

    /**
     * A class whose constant strings hold a statement that writes {@code table} ({@code INSERT INTO}, {@code
     * UPDATE}, {@code DELETE FROM}): SQL is text in a class file, which ArchUnit's model of dependencies does not
     * see, so the class file's constants are read.
     */
    private static ArchCondition<JavaClass> writeTable(String table) {
        Pattern write =
                Pattern.compile("(?i)\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+" + Pattern.quote(table) + "\\b");
        return new ArchCondition<>("write the " + table + " table") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Matcher found = write.matcher(constants(type));
                if (found.find()) {
                    events.add(SimpleConditionEvent.satisfied(
                            type, type.getName() + " has the statement '" + found.group() + "'"));
                }
            }
        };
    }

    private static String constants(JavaClass type) {
        String file = type.getName().replace('.', '/') + ".class";
        try (InputStream in =
                EachPackageKeepsToItsRoomTest.class.getClassLoader().getResourceAsStream(file)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
