package dev.aisectriage.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.Theme;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommenderTest {

    private final Recommender recommender = Recommender.withDefaults();

    @Test
    void unsafeDeserializationGetsSecureLoadingFirstWithTheMatchedKeywordAsReason() {
        // given
        var prediction = Predictions.security(0.97)
                .theme(Theme.SYSTEM_SOFTWARE, 0.9)
                .issue("system-software-unsafe-deserialization", 0.8)
                .keywords("torch.load", "pickle")
                .build();

        // when
        List<Recommendation> top = recommender.recommend(prediction, 3);

        // then
        assertThat(top).hasSize(3);
        assertThat(top.get(0).solutionId()).isEqualTo("secure-deserialization-practices");
        assertThat(top.get(0).reason())
                .startsWith("matched `torch.load`; usual fix for System/Software unsafe deserialization (");
        assertThat(top).extracting(Recommendation::solutionId).contains("secure-file-format-adoption");
    }

    @Test
    void aLongTailOfModerateIssueTypesDoesNotOutvoteTheTopOnes() {
        // given what the one-vs-rest heads give a clear torch.load report: two right types on top, then many
        // unrelated types at fair probabilities
        var prediction = Predictions.security(0.99)
                .theme(Theme.SYSTEM_SOFTWARE, 0.63)
                .issue("system-software-unsafe-deserialization", 0.79)
                .issue("system-software-arbitrary-code-execution", 0.76)
                .issue("file-format-and-loading-incompatibility", 0.57)
                .issue("unsafe-memory-usage", 0.54)
                .issue("environmental-compatibility-issues", 0.51)
                .issue("system-software-open-redirect", 0.50)
                .issue("system-software-cross-site-scripting", 0.48)
                .issue("system-software-request-forgery", 0.47)
                .keywords("torch.load", "pickle", "weights_only")
                .build();

        // when
        List<Recommendation> top = recommender.recommend(prediction, 3);

        // then secure deserialization leads, and no reason cites a type outside the top three
        assertThat(top.get(0).solutionId()).isEqualTo("secure-deserialization-practices");
        assertThat(top)
                .extracting(Recommendation::reason)
                .noneMatch(
                        r -> r.contains("open redirect") || r.contains("Cross-Site") || r.contains("Request Forgery"));
    }

    @Test
    void theTrustRemoteCodeKeywordRaisesSourceVettingWhileTheFirstFixStillAnswersTheHeading() {
        // given: the same weak issue-type signal, named in the heading, with and without the keyword
        var base = Predictions.security(0.9)
                .theme(Theme.EXTERNAL_ECOSYSTEM, 0.6)
                .issue("outdated-third-party-dependency-package-contains-vulnerabilities", 0.3);
        var withKeyword = Predictions.security(0.9)
                .theme(Theme.EXTERNAL_ECOSYSTEM, 0.6)
                .issue("outdated-third-party-dependency-package-contains-vulnerabilities", 0.3)
                .keywords("trust_remote_code");

        // when
        List<String> without = ids(recommender.recommend(base.build(), 3));
        List<String> with = ids(recommender.recommend(withKeyword.build(), 3));

        // then
        assertThat(without).doesNotContain("dependency-source-vetting-and-control");
        assertThat(with).contains("dependency-source-vetting-and-control");
        assertThat(with.get(0)).isEqualTo("dependency-version-upgrade");
    }

    @Test
    void whenTheHeadingNamesNoIssueTypeTheEvidenceLeads() {
        // given an issue type too unlikely to be named in the comment's heading
        var prediction = Predictions.security(0.9)
                .theme(Theme.EXTERNAL_ECOSYSTEM, 0.6)
                .issue("outdated-third-party-dependency-package-contains-vulnerabilities", 0.1)
                .keywords("trust_remote_code", "supply chain")
                .build();

        // when
        List<Recommendation> top = recommender.recommend(prediction, 3);

        // then
        assertThat(top.get(0).solutionId()).isEqualTo("dependency-source-vetting-and-control");
        assertThat(top.get(0).reason()).startsWith("matched `trust_remote_code`");
    }

    @Test
    void anOutcomeWordLikeRemoteCodeExecutionDoesNotPutEvalAdviceBeforeTheLoadingFix() {
        // given what the classifier says about "torch.load on user-uploaded checkpoints runs arbitrary code: a
        // crafted pickle gives remote code execution": arbitrary code execution on top by a hair
        var prediction = Predictions.security(0.99)
                .theme(Theme.SYSTEM_SOFTWARE, 0.79)
                .issue("system-software-arbitrary-code-execution", 0.8848)
                .issue("system-software-unsafe-deserialization", 0.8846)
                .issue("unsafe-os-command-execution-and-environment-variable-handling", 0.6787)
                .keywords("torch.load", "remote code execution", "crafted input", "pickle")
                .build();

        // when
        List<Recommendation> top = recommender.recommend(prediction, 3);

        // then
        assertThat(top.get(0).solutionId()).isEqualTo("secure-deserialization-practices");
        assertThat(top.get(0).reason()).startsWith("matched `torch.load`");
        assertThat(top).extracting(Recommendation::reason).noneMatch(r -> r.contains("remote code execution"));
    }

    @Test
    void withoutLoadingEvidenceAnUnsafeDeserializationHeadingLeadsWithItsOwnFixNotWithDataGuardrails() {
        // given what the classifier says about the LoRA-upload question: two close types, only topic keywords
        var prediction = Predictions.security(0.99)
                .theme(Theme.SYSTEM_SOFTWARE, 0.43)
                .theme(Theme.EXTERNAL_ECOSYSTEM, 0.21)
                .theme(Theme.MODEL, 0.2)
                .theme(Theme.DATA, 0.16)
                .issue("system-software-unsafe-deserialization", 0.618)
                .issue("system-software-arbitrary-code-execution", 0.6116)
                .issue("using-insecure-default-deployment-configurations", 0.529)
                .keywords("attacker", "poisoning")
                .build();

        // when
        List<Recommendation> top = recommender.recommend(prediction, 3);

        // then
        assertThat(top.get(0).solutionId()).isIn("secure-file-format-adoption", "secure-deserialization-practices");
        assertThat(top.get(0).reason()).contains("usual fix for System/Software unsafe deserialization");
    }

    @Test
    void aKeywordCannotPutFirstAFixTheHeadingDoesNotCallFor() {
        // given a sure prompt-injection heading and a stray certificate word in the post
        var prediction = Predictions.security(0.95)
                .theme(Theme.MODEL, 0.8)
                .issue("model-input-manipulations-and-evasions", 0.9)
                .keywords("tls", "prompt injection")
                .build();

        // when
        List<Recommendation> top = recommender.recommend(prediction, 3);

        // then
        assertThat(top.get(0).solutionId()).isIn("secure-prompt-techniques", "input-validation-and-sanitization");
        assertThat(ids(top)).doesNotContain("secure-communication-protocol-usage");
    }

    @Test
    void anExposedServerGetsSecureDefaultsOrAuthenticationFirst() {
        // given
        var prediction = Predictions.security(0.95)
                .theme(Theme.SYSTEM_SOFTWARE, 0.8)
                .issue("using-insecure-default-deployment-configurations", 0.7)
                .issue("improper-authentication-and-authorization", 0.5)
                .keywords("exposed deployment", "authentication")
                .build();

        // when
        List<Recommendation> top = recommender.recommend(prediction, 3);

        // then
        assertThat(top.get(0).solutionId())
                .isIn("implementation-of-secure-default-configurations", "implementation-of-authentication-mechanisms");
    }

    @Test
    void withoutIssueTypesTheThemeDecides() {
        // given
        var prediction = Predictions.security(0.9).theme(Theme.DATA, 0.85).build();

        // when
        List<Recommendation> top = recommender.recommend(prediction, 2);

        // then
        assertThat(top).hasSize(2);
        assertThat(top).allSatisfy(r -> assertThat(r.reason()).isEqualTo("common fix for Data issues"));
        assertThat(ids(top)).containsAnyOf("data-anonymization", "data-guardrails");
    }

    @Test
    void modelIssuesGetModelSolutions() {
        // given
        var prediction = Predictions.security(0.93)
                .theme(Theme.MODEL, 0.8)
                .issue("model-input-manipulations-and-evasions", 0.7)
                .issue("harmful-undesired-model-output", 0.2)
                .build();

        // when
        List<String> top = ids(recommender.recommend(prediction, 3));

        // then
        assertThat(top).contains("secure-prompt-techniques", "content-safety-filters");
    }

    @Test
    void limitIsRespectedAndScoresDescend() {
        // given
        var prediction = Predictions.security(0.9)
                .theme(Theme.SYSTEM_SOFTWARE, 0.7)
                .issue("deployment-misconfigurations", 0.6)
                .build();

        // when
        List<Recommendation> all = recommender.recommend(prediction, 10);

        // then
        assertThat(all).hasSize(10);
        assertThat(all).extracting(Recommendation::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(recommender.recommend(prediction, 0)).isEmpty();
    }

    private static List<String> ids(List<Recommendation> r) {
        return r.stream().map(Recommendation::solutionId).toList();
    }
}
