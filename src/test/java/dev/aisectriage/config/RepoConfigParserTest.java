package dev.aisectriage.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.Theme;
import org.junit.jupiter.api.Test;

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
}
