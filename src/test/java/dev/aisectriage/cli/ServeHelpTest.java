package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.config.AppConfig;
import dev.aisectriage.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ServeHelpTest {

    @Test
    void everyVariableTheConfigReadsIsListedWhenAskedForHelpOnServeGivenTheJar() throws Exception {
        // every NAME the configuration code reads from the environment
        Set<String> read = new TreeSet<>();
        Pattern name =
                Pattern.compile("(?:value|integer|bool|list|get|getOrDefault)\\((?:env, )?\"([A-Z][A-Z0-9_]+)\"");
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/aisectriage/config"))) {
            for (Path f : files.toList()) {
                Matcher m = name.matcher(Files.readString(f));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        assertThat(read).contains("DASHBOARD_PASSWORD", "JOB_MAX_ATTEMPTS", "JOB_LEASE_SECONDS", "PORT");

        CliRun help = CliRun.of("help", "serve");

        assertThat(help.exit()).isZero();
        for (String variable : read) {
            assertThat(help.out()).as("help serve lists " + variable).containsPattern("(?m)^\\s+" + variable + "\\b");
        }
        assertThat(AppConfig.VARIABLES).hasSizeGreaterThanOrEqualTo(read.size());
    }
}
