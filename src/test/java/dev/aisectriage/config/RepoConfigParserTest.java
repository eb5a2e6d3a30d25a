package dev.aisectriage.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.classify.Theme;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RepoConfigParserTest {

    private static final String FILE = "octo/ml:.github/ai-security-triage.yml";

    @Test
    void anEmptyFileMeansDefaults() {
        RepoConfig c = RepoConfigParser.parse("", FILE);

        assertThat(c.errors()).isEmpty();
        assertThat(c.enabled()).isTrue();
        assertThat(c.comment()).isTrue();
        assertThat(c.flagLabel()).isEqualTo("security");
        assertThat(c.themeLabel(Theme.MODEL)).isEqualTo("ai-security: model");
        assertThat(c.ignoresAuthor("dependabot[bot]", true)).isTrue();
    }

    @Test
    void readsEverySetting() {
        // given a file that sets everything
        String yaml = """
                enabled: true
                comment: false
                threshold: 0.8
                abstain_from: 0.5
                issue_type_labels: true
                ignore_themes: [data]
                ignore_bots: false
                ignore_authors: [Renovate-Helper]
                labels:
                  flag: { name: "type: security", color: "#b60205", description: "Security" }
                  model: "area: model"
                  ecosystem: { color: 001122 }
                """;

        // when it is read
        RepoConfig c = RepoConfigParser.parse(yaml, FILE);

        // then each value is taken
        assertThat(c.errors()).isEmpty();
        assertThat(c.comment()).isFalse();
        assertThat(c.threshold()).isEqualTo(0.8);
        assertThat(c.abstainFrom()).isEqualTo(0.5);
        assertThat(c.issueTypeLabels()).isTrue();
        assertThat(c.ignoreThemes()).containsExactly(Theme.DATA);
        assertThat(c.ignoresAuthor("dependabot[bot]", true)).isFalse();
        assertThat(c.ignoresAuthor("renovate-helper", false)).isTrue();
        assertThat(c.labels().get("flag").name()).isEqualTo("type: security");
        assertThat(c.labels().get("flag").color()).isEqualTo("b60205");
        assertThat(c.themeLabel(Theme.MODEL)).isEqualTo("area: model");
        assertThat(c.labels().get("ecosystem").color()).isEqualTo("001122");
        assertThat(c.source()).isEqualTo(FILE);
    }

    @Test
    void anUnknownKeyIsAnErrorNamingFileAndLineAndTheBotFallsBackToDefaults() {
        // given a typo on line 2
        String yaml = "enabled: true\ncomments: false\n";

        // when it is read
        RepoConfig c = RepoConfigParser.parse(yaml, FILE);

        // then the error names file and line, and nothing of the file applies
        assertThat(c.errors()).singleElement().asString().startsWith(FILE + " line 2: unknown key 'comments'");
        assertThat(c.comment()).isTrue();
    }

    @Test
    void aWrongTypeIsAnErrorNamingTheLine() {
        String yaml = "enabled: true\nlabels:\n  flag:\n    name: sec\n    color: red\nthreshold: high\n";

        RepoConfig c = RepoConfigParser.parse(yaml, FILE);

        assertThat(c.errors())
                .containsExactly(
                        FILE + " line 6: 'threshold' must be a number between 0 and 1, found text 'high'",
                        FILE + " line 5: colour of label 'flag' must be six hex digits, got 'red'");
        assertThat(c.flagLabel()).isEqualTo("security");
    }

    @Test
    void brokenYamlGivesDefaultsAndAVisibleError() {
        RepoConfig c = RepoConfigParser.parse("enabled: [true\ncomment: false\n", FILE);

        assertThat(c.errors())
                .singleElement()
                .asString()
                .startsWith(FILE + " line ")
                .contains("not valid YAML");
        assertThat(c.enabled()).isTrue();
    }

    @Test
    void givenAThresholdUnderTheDefaultBandAndNoBand_thenTheBandIsEmptyAndNoErrorIsShown() {
        double under = RepoConfig.defaults().abstainFrom() - 0.05;

        RepoConfig c = RepoConfigParser.parse("threshold: " + under + "\n", FILE);

        assertThat(c.errors()).isEmpty();
        assertThat(c.abstainFrom()).isEqualTo(under);
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("just text\n", List.of("line 1: expected a mapping of settings, found text 'just text'")),
                Arguments.of(
                        "enabled: 1\ncomment: null\n",
                        List.of(
                                "line 1: 'enabled' must be true or false, found number '1'",
                                "line 2: 'comment' must be true or false, found nothing")),
                Arguments.of(
                        "threshold: 0.3\nabstain_from: 0.5\n",
                        List.of("line 2: abstain_from (0.5) must not be above threshold (0.3)")),
                Arguments.of(
                        "ignore_themes: data\n", List.of("line 1: 'ignore_themes' must be a list, found text 'data'")),
                Arguments.of(
                        "ignore_themes: [data, nonsense]\n",
                        List.of("line 1: unknown theme 'nonsense'; expected one of [system-software, ecosystem, model,"
                                + " data]")),
                Arguments.of(
                        "ignore_authors:\n  - Bob\n  - 5\n",
                        List.of("line 3: items of 'ignore_authors' must be strings, found number '5'")),
                Arguments.of(
                        "labels: []\n",
                        List.of("line 1: 'labels' must be a mapping of [flag, needs-triage, system-software, ecosystem,"
                                + " model, data], found a list")),
                Arguments.of(
                        "labels:\n  flag: sec\n  bogus: x\n",
                        List.of("line 3: unknown label 'bogus' (known: flag, needs-triage, system-software, ecosystem,"
                                + " model, data)")),
                Arguments.of(
                        "labels:\n  flag: [a]\n",
                        List.of(
                                "line 2: label 'flag' must be a name or a mapping with name, color, description; found a"
                                        + " list")),
                Arguments.of(
                        "labels:\n  flag:\n    name: x\n    colour: red\n",
                        List.of("line 4: unknown key 'colour' in label 'flag' (known: color, description, name)")),
                Arguments.of(
                        "labels:\n  flag: {name: 5}\n", List.of("line 2: 'name' must be a string, found number '5'")),
                Arguments.of(
                        "labels:\n  flag: {description: " + "x".repeat(101) + "}\n",
                        List.of("line 2: description of label 'flag' is longer than 100 characters")),
                Arguments.of("labels:\n  flag: {name: \"\"}\n", List.of("line 2: a label needs a name")),
                Arguments.of(
                        "treshold: 0.5\nenabled: 3\n",
                        List.of(
                                "line 1: unknown key 'treshold' (known keys: abstain_from, comment, delay_minutes,"
                                        + " disclosure, enabled, ignore_authors, ignore_bots, ignore_themes,"
                                        + " issue_type_labels, labels, pull_requests, threshold)",
                                "line 2: 'enabled' must be true or false, found number '3'")));
    }

    @ParameterizedTest
    @MethodSource("brokenFiles")
    void eachProblemIsWordedForMaintainersWithItsLine(String yaml, List<String> expected) {
        // when a broken file is read
        RepoConfig c = RepoConfigParser.parse(yaml, FILE);

        // then each problem names the file and its line, in the order of the schema's keys, and defaults apply
        assertThat(c.errors())
                .containsExactlyElementsOf(
                        expected.stream().map(e -> FILE + " " + e).toList());
        assertThat(c.labels()).isEqualTo(RepoConfig.defaults().labels());
    }

    @Test
    void coloursYamlReadsAsNumbersAreTakenAsWritten() {
        RepoConfig c = RepoConfigParser.parse("labels:\n  flag: {color: 123456}\n  model: {color: 12345}\n", FILE);

        assertThat(c.errors()).isEmpty();
        assertThat(c.labels().get("flag").color()).isEqualTo("123456");
        assertThat(c.labels().get("model").color()).isEqualTo("012345");
    }

    @Test
    void theSchemaAndTheBoundRecordKnowTheSameKeys() throws Exception {
        // given the committed schema, which is also the documentation
        JsonNode schema;
        try (InputStream in = RepoConfigParserTest.class.getResourceAsStream(RepoConfigSchema.RESOURCE)) {
            schema = new ObjectMapper().readTree(in);
        }
        List<String> documented = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(documented::add);

        // then every documented key is bound, and nothing is bound that the schema does not document
        List<String> bound = Arrays.stream(RepoConfigFile.class.getRecordComponents())
                .map(RepoConfigParserTest::yamlName)
                .toList();
        assertThat(bound).containsExactlyInAnyOrderElementsOf(documented);
        assertThat(schema.path("properties").path("labels").path("properties").properties().stream()
                        .map(e -> e.getKey())
                        .toList())
                .containsExactlyElementsOf(RepoConfig.defaults().labels().keySet());
    }

    private static String yamlName(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        if (p == null) {
            p = c.getAnnotation(JsonProperty.class);
        }
        return p == null ? c.getName() : p.value();
    }
}
