package dev.aisectriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeywordStageTest {

    private final KeywordStage stage = new KeywordStage();

    @Test
    void keepsTheStudysKeywords() {
        assertThat(stage.names()).containsAll(KeywordStage.PAPER_KEYWORDS);
        assertThat(stage.match("Security: CVE-2024-1234 is a vulnerability (CWE-502)"))
                .containsExactly("security", "cve", "vulnerability", "cwe");
    }

    @Test
    void findsAiSupplyChainTermsInOrderOfAppearance() {
        String post = "Calling torch.load on a downloaded .pkl file can run arbitrary code; "
                + "set weights_only=True or use safetensors. Also trust_remote_code should stay off.";

        assertThat(stage.match(post))
                .containsExactly(
                        "torch.load",
                        "pickle",
                        "remote code execution",
                        "weights_only",
                        "safetensors",
                        "trust_remote_code");
    }

    @Test
    void findsWebAndSecretTerms() {
        assertThat(stage.match("SSRF via the image URL, stored XSS in the chat, and a path traversal ../../etc"))
                .contains("ssrf", "xss", "path traversal");
        assertThat(stage.match("My API key leaked in the logs")).contains("api key");
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
    void featuresFlagExactlyTheMatchedKeywords() {
        float[] f = stage.features(stage.match("pickle and xss"));

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
        assertThat(KeywordStage.gate("(token|secret)s? leak")).isNull();
    }
}
