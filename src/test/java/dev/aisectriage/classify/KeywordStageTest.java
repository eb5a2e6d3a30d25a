package dev.aisectriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordStageTest {

    private final KeywordStage stage = new KeywordStage();

    private float feature(KeywordMatch m, String name) {
        return m.features(FeatureLayout.Reading.DEFAULT)[stage.featureNames().indexOf(name)];
    }

    @Test
    void keepsTheStudysKeywords() {
        assertThat(stage.names()).containsAll(KeywordStage.PAPER_KEYWORDS);
        assertThat(stage.match("Security: CVE-2024-1234 is a vulnerability (CWE-502)"))
                .containsExactly("security", "cve", "vulnerability", "cwe");
    }

    @Test
    void findsAiSupplyChainTermsInOrderOfAppearance() {
        String post = "Calling torch.load on a downloaded .pkl file can run arbitrary code; "
                + "set weights_only=True or use safetensors.";

        // The post's own sentences first; weights_only, an identifier, counts as pasted.
        assertThat(stage.match(post))
                .containsExactly("torch.load", "pickle", "remote code execution", "safetensors", "weights_only");
    }

    @Test
    void findsWebAndSecretTerms() {
        assertThat(stage.match("SSRF via the image URL, stored XSS in the chat, and a path traversal ../../etc"))
                .contains("ssrf", "xss", "path traversal");
        assertThat(stage.match("My API key leaked in the logs")).contains("api key", "token leak");
        assertThat(stage.match("prompt injection lets a jailbreak through")).contains("prompt injection", "jailbreak");
    }

    @Test
    void aPlainBugMatchesNothing() {
        assertThat(stage.match("The dark mode toggle does not remember my choice after a reload."))
                .isEmpty();
        assertThat(stage.match("")).isEmpty();
        assertThat(stage.match(null)).isEmpty();
    }

    @Test
    void wordBoundariesAvoidFalseHits() {
        // "discover" holds "cve"? no; "insecurity" is not "security"; "dosage" is not "dos".
        assertThat(stage.match("We discovered a dosage table in the docs")).isEmpty();
    }

    @Test
    void givenATopicAsked_thenItIsATopicWithoutEvidenceAndAQuestion() {
        KeywordMatch m = stage.read(PostText.of("Where do I put my OpenAI API key?\nThe docs do not say."));

        assertThat(m.names()).containsExactly("api key");
        assertThat(feature(m, "cue: topic without evidence")).isEqualTo(1f);
        assertThat(feature(m, "cue: question about a topic")).isEqualTo(1f);
        assertThat(feature(m, "cue: topic with evidence")).isZero();
    }

    @Test
    void givenATopicWithEvidenceOfAProblem_thenTheTwoCountTogether() {
        KeywordMatch m = stage.read(PostText.of("API key printed in the server log\n"
                + "The server prints the full API key at startup, so anyone reading the logs gets it."));

        assertThat(m.names()).contains("api key", "token leak");
        assertThat(feature(m, "cue: topic with evidence")).isEqualTo(1f);
        assertThat(feature(m, "cue: topic without evidence")).isZero();
        assertThat(feature(m, "cue: evidence in the title")).isEqualTo(1f);
    }

    @Test
    void givenEvidenceOfEachKind_thenEachIsFound() {
        assertThat(stage.match("The /admin endpoint is reachable without authentication."))
                .contains("no authentication");
        assertThat(stage.match("TLS checks are disabled by default.")).contains("off by default");
        assertThat(stage.match("The allowlist can be bypassed with a symlink.")).contains("sandbox escape", "bypass");
        assertThat(stage.match("The agent follows instructions embedded in web pages."))
                .contains("prompt injection");
        assertThat(stage.match("Telemetry is sent even though I disabled it in the settings."))
                .contains("data collection without consent");
        assertThat(stage.match("Windows Defender flagged the release as a trojan."))
                .contains("scanner flag");
        assertThat(stage.match("Users can see other users' chat history.")).contains("data leak");
    }

    @Test
    void givenAFileThatRunsTheCodeStoredInIt_thenEachWayOfSayingItIsCodeExecution() {
        // given a report in plain words, sentence by sentence: loading the file runs code hidden in it
        List<String> sentences = List.of(
                "The weights are a pickle that runs code when it is loaded.",
                "Loading it runs code that is stored inside the file.",
                "Anyone who downloads it executes that code on their own machine.");

        // when / then
        for (String s : sentences) {
            assertThat(stage.match(s)).as(s).contains("remote code execution");
        }
        assertThat(stage.match("Picklescan on the Hub flags an unsafe import.")).contains("scanner flag");
        // and code that runs in the ordinary sense is not evidence
        assertThat(stage.match("The notebook runs code cells in order; the server executes the code on the GPU."))
                .doesNotContain("remote code execution");
    }

    @Test
    void givenOrdinaryMlSenses_thenTheSecurityWordsAreNotMatched() {
        KeywordMatch m = stage.read(PostText.of("Memory leak when max_tokens is large\n"
                + "There is a memory leak in the server; the agent learns to exploit the reward in RL. "
                + "We use adversarial training in the paper. The Rust code uses unsafe { } blocks."));

        assertThat(m.names()).doesNotContain("data leak", "exploit", "adversarial", "attacker", "vulnerable");
        assertThat(feature(m, "ml sense: memory leak")).isEqualTo(1f);
        assertThat(feature(m, "ml sense: tokens")).isEqualTo(1f);
        assertThat(feature(m, "ml sense: rl exploit")).isEqualTo(1f);
        assertThat(feature(m, "ml sense: adversarial research")).isEqualTo(1f);
        assertThat(feature(m, "ml sense: rust unsafe")).isEqualTo(1f);
    }

    @Test
    void givenAKeywordOnlyInPastedText_thenItIsAPastedFeatureAndNotTheWrittenOne() {
        KeywordMatch m = stage.read(
                PostText.of("Startup fails\nAnyone can read it, with this config:\n" + "```\nsecret: abc\n```"));

        assertThat(m.names()).containsExactly("no authentication", "secret");
        assertThat(m.proseNames()).containsExactly("no authentication");
        assertThat(feature(m, "secret")).isZero();
        assertThat(feature(m, "pasted: secret")).isEqualTo(1f);
    }

    @Test
    void givenATopicWithoutEvidence_thenOnlyTheCueSaysSo() {
        KeywordMatch m = stage.read(PostText.of("Setting the API key\nThe API key is read from the settings page."));

        assertThat(m.names()).containsExactly("api key");
        assertThat(feature(m, "api key")).as("a topic alone is no feature").isZero();
        assertThat(feature(m, "cue: topic without evidence")).isEqualTo(1f);
        assertThat(m.asksAboutATopicOnly()).as("it does not ask").isFalse();
    }

    @Test
    void givenAQuestionAboutATopicAlone_thenItAsksAboutATopicOnly() {
        assertThat(stage.read(PostText.of("How to enable the NSFW safety checker?\nWhich flag turns it on?"))
                        .asksAboutATopicOnly())
                .isTrue();
        assertThat(stage.read(PostText.of("How do I stop the API key from being printed in the logs?\n"
                                + "The server prints the full API key at startup."))
                        .asksAboutATopicOnly())
                .as("it asks, with evidence")
                .isFalse();
        assertThat(stage.read(PostText.of("How do I set the batch size?")).asksAboutATopicOnly())
                .as("no topic")
                .isFalse();
    }

    @Test
    void givenACveIdInAPastedLog_thenThePostNamesACve() {
        KeywordMatch m = stage.read(PostText.of("Bump urllib3\n```\nurllib3 1.26.4 CVE-2023-43804\n```"));

        assertThat(m.proseNames()).containsExactly("cve");
    }

    @Test
    void givenSegmentsAndCuesOff_thenAKeywordCountsWhereverItIs() {
        KeywordMatch m = stage.read(PostText.of("Startup fails\n```\nsecret: abc\n```"));
        float[] f = m.features(new FeatureLayout.Reading(false, false, false, true, true, false, false));

        assertThat(f[stage.featureNames().indexOf("secret")]).isEqualTo(1f);
        assertThat(f[stage.featureNames().indexOf("pasted: secret")]).isZero();
        assertThat(f[stage.featureNames().indexOf("cue: topic without evidence")])
                .isZero();
    }

    @Test
    void everyFeatureHasAName() {
        KeywordMatch m = stage.read(PostText.of("x"));

        assertThat(m.features(FeatureLayout.Reading.DEFAULT))
                .hasSize(stage.featureNames().size());
        assertThat(stage.featureNames()).doesNotHaveDuplicates();
        assertThat(stage.featureNames()).containsAll(KeywordStage.CUES);
    }

    @Test
    void featuresFlagExactlyTheMatchedKeywords() {
        float[] f = stage.features(List.of("pickle", "xss"));

        assertThat(f).hasSize(stage.names().size());
        assertThat(f[stage.names().indexOf("pickle")]).isEqualTo(1f);
        assertThat(f[stage.names().indexOf("xss")]).isEqualTo(1f);
        assertThat(f[stage.names().indexOf("cve")]).isZero();
    }

    @Test
    void theLiteralGateIsTheLeadingLiteralOfEachAlternative() {
        assertThat(KeywordStage.gate("\\bxss\\b|cross[- ]site scripting")).containsExactly("xss", "cross");
        assertThat(KeywordStage.gate("torch\\.load\\b")).containsExactly("torch.load");
        assertThat(KeywordStage.gate("jailbr(eak|oken)")).containsExactly("jailbr");
        assertThat(KeywordStage.gate("safetensors?")).containsExactly("safetensor");
        assertThat(KeywordStage.gate("(token|secret)s? leak")).containsExactly("token", "secret");
        assertThat(KeywordStage.gate("\\b(the )?key leak"))
                .as("an optional group")
                .isNull();
        assertThat(KeywordStage.gate("[a-z]+ leak")).isNull();
    }
}
