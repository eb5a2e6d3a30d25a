package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.config.RepoConfigParser;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.github.LabelSpec;
import dev.aisectriage.support.FakeClassifier;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure policies of triage: verdict, which labels, the comment slot. No GitHub stand-in, no store. */
class TriagePoliciesTest {

    private static final RepoConfig DEFAULTS = RepoConfig.defaults();
    private final FakeClassifier classifier = new FakeClassifier();

    @Test
    void securityIsFlaggedUnsureAbstainedAndTheRestPassedWhenPostsAreJudgedGivenTheDefaults() {
        assertThat(Verdicts.verdict(classifier.classify("a pickle exploit"), DEFAULTS))
                .isEqualTo(Verdict.FLAGGED);
        assertThat(Verdicts.verdict(classifier.classify("maybe tokens?"), DEFAULTS))
                .isEqualTo(Verdict.ABSTAINED);
        assertThat(Verdicts.verdict(classifier.classify("dark mode please"), DEFAULTS))
                .isEqualTo(Verdict.PASSED);
    }

    @Test
    void theVerdictIsIgnoredWhenAPostOfItIsFlaggedGivenAnIgnoredTheme() {
        RepoConfig config = RepoConfigParser.parse("ignore_themes: [model]\n", RepoConfig.FILE);

        assertThat(Verdicts.verdict(classifier.classify("pickle exploit in the weights"), config))
                .isEqualTo(Verdict.IGNORED);
    }

    @Test
    void flagAndThemeAndOnlyWhenSwitchedOnTheIssueTypeWhenLabelsAreChosenGivenAFlaggedVerdict() {
        Prediction p = classifier.classify("pickle exploit");
        RepoConfig withTypes = RepoConfigParser.parse("issue_type_labels: true\n", RepoConfig.FILE);

        assertThat(Verdicts.labelsFor(Verdict.FLAGGED, p, DEFAULTS))
                .extracting(LabelSpec::name)
                .containsExactly("security", "ai-security: system-software");
        assertThat(Verdicts.labelsFor(Verdict.FLAGGED, p, withTypes))
                .extracting(LabelSpec::name)
                .containsExactly(
                        "security",
                        "ai-security: system-software",
                        "ai-security-type: system-software-unsafe-deserialization");
        assertThat(Verdicts.labelsFor(Verdict.ABSTAINED, p, DEFAULTS))
                .extracting(LabelSpec::name)
                .containsExactly("ai-security: needs-triage");
        assertThat(Verdicts.labelsFor(Verdict.PASSED, p, DEFAULTS)).isEmpty();
    }

    @Test
    void itDefersButNotToItsOwnThemeLabelWhenTheBotLabelsGivenAThemeLabelAPersonSet() {
        assertThat(LabelPolicy.personSetTheme(Set.of("ai-security: model"), Set.of(), DEFAULTS))
                .isTrue();
        assertThat(LabelPolicy.personSetTheme(Set.of("AI-Security: Model"), Set.of("ai-security: model"), DEFAULTS))
                .isFalse();
        assertThat(LabelPolicy.personSetTheme(Set.of("bug"), Set.of(), DEFAULTS))
                .isFalse();
    }

    @Test
    void itSkipsThemInAnyCaseWhenTheBotLabelsGivenLabelsTheThreadHasOrPeopleRemoved() {
        List<LabelSpec> wanted = Verdicts.labelsFor(Verdict.FLAGGED, classifier.classify("pickle"), DEFAULTS);

        assertThat(LabelPolicy.toAdd(wanted, Set.of("SECURITY"), Set.of(), Set.of(), Set.of()))
                .containsExactly("ai-security: system-software");
        assertThat(LabelPolicy.toAdd(wanted, Set.of(), Set.of(), Set.of("ai-security: system-software"), Set.of()))
                .containsExactly("security");
        assertThat(LabelPolicy.toAdd(wanted, Set.of(), Set.of(), Set.of(), Set.of()))
                .hasSize(2);
    }

    @Test
    void itIsCreatedOnceAndConfigLabelsNeverWhenItIsAddedForTheFirstTimeGivenAnIssueTypeLabel() {
        LabelSpec type = new LabelSpec("ai-security-type: x", "c5def5", "x");
        List<LabelSpec> wanted = List.of(DEFAULTS.labels().get(RepoConfig.FLAG), type);
        List<String> names = List.of("security", "ai-security-type: x");

        assertThat(LabelPolicy.toCreate(wanted, names, DEFAULTS, n -> false)).containsExactly(type);
        assertThat(LabelPolicy.toCreate(wanted, names, DEFAULTS, n -> true)).isEmpty();
        assertThat(LabelPolicy.toCreate(wanted, List.of("security"), DEFAULTS, n -> false))
                .isEmpty();
    }

    @Test
    void onlyTheRestAreTakenBackWhenTheBotWithdrawsGivenLabelsThePersonAlreadyRemoved() {
        assertThat(LabelPolicy.toWithdraw(Set.of("security", "ai-security: model"), Set.of("Security"), List.of()))
                .containsExactly("ai-security: model");
    }

    @Test
    void theStepIsLeaveFindUnchangedOrEditWhenANewBodyComesGivenTheStoredSlot() {
        String body = "<!-- ai-security-triage:comment -->\nhello";
        String hash = CommentSlot.sha256(body);

        assertThat(CommentSlot.next(CommentSlot.DELETED, null, body)).isEqualTo(CommentSlot.Step.LEAVE_DELETED);
        assertThat(CommentSlot.next(null, null, body)).isEqualTo(CommentSlot.Step.FIND_OR_CREATE);
        assertThat(CommentSlot.next("77", hash, body)).isEqualTo(CommentSlot.Step.UNCHANGED);
        assertThat(CommentSlot.next("77", hash, body + "!")).isEqualTo(CommentSlot.Step.EDIT);
    }
}
