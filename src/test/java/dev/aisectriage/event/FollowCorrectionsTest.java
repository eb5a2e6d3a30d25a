package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.config.RepoConfigParser;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.store.Corrections;
import dev.aisectriage.store.Corrections.Correction;
import dev.aisectriage.store.Corrections.Reading;
import dev.aisectriage.store.Database;
import dev.aisectriage.support.FakeClassifier;
import dev.aisectriage.support.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which correction a post follows: its thread's own, else the closest very close one of its repository with the same
 * evidence. Embeddings here are unit vectors at chosen angles, so a post's cosine to each correction is known.
 */
class FollowCorrectionsTest {

    static final String REPO = "o/r";
    static final ThreadRef POST = new ThreadRef.GitHubIssue(9L, REPO, 50, null);

    @TempDir
    Path dir;

    private Database db;
    private Corrections corrections;
    private final List<String> embedded = new ArrayList<>();
    /** Every post is embedded at angle 0: its cosine to a correction at {@code cos} is {@code cos}. */
    private final FakeClassifier classifier = new FakeClassifier(text -> {
        embedded.add(text);
        return text.startsWith("corrected:") ? at(Double.parseDouble(text.substring(10))) : at(1);
    });

    @BeforeEach
    void store() {
        db = TestDatabase.open(dir.resolve("triage.db"));
        corrections = new Corrections(db, db::writeTransaction);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /**
     * A post no correction could change pays nothing: one of a repository without corrections (its installation has
     * one elsewhere), and one the model passes where the maintainers only took flags back.
     */
    @ParameterizedTest
    @CsvSource({"o/elsewhere, true, FLAGGED", "o/r, false, PASSED"})
    void aPostNoCorrectionCouldChangeIsNeverEmbeddedAndKeepsTheModelsVerdict(
            String correctedRepository, boolean modelFlags, Verdict model) {
        // given a "not security" correction of a very close post of that repository
        corrections.record(
                correction(new ThreadRef.GitHubIssue(9L, correctedRepository, 1, null), 0.99, false, List.of()));

        // when a post of o/r arrives that the model flags, or passes
        Prediction prediction = modelFlags ? flagged(List.of()) : passed(List.of());
        Corrected corrected = follow().follow(POST, "the post", prediction, RepoConfig.defaults());

        // then it keeps the model's verdict and was never embedded
        assertThat(corrected.verdict()).isEqualTo(model);
        assertThat(corrected.correction()).isNull();
        assertThat(embedded).isEmpty();
    }

    @Test
    void aPostFollowsTheClosestOfTheVeryCloseCorrectionsAndNoneUnderVeryClose() {
        // given a "security" correction at cosine 0.80 and a "not security" one at 0.90
        corrections.record(correction(issue(1), 0.80, true, List.of()));
        corrections.record(correction(issue(2), 0.90, false, List.of()));

        // then the post follows the closer one
        Corrected corrected = follow().follow(POST, "the post", flagged(List.of()), RepoConfig.defaults());
        assertThat(corrected.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(corrected.correction().number()).isEqualTo(2);
        assertThat(corrected.correction().similarity()).isCloseTo(0.90, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(corrected.correction().thisThread()).isFalse();

        // and a repository whose closest correction is just under very close keeps the model's verdict
        corrections.forgetInstallation(9L);
        corrections.record(correction(issue(3), FollowCorrections.VERY_CLOSE - 0.01, false, List.of()));
        assertThat(follow().follow(POST, "the post", flagged(List.of()), RepoConfig.defaults())
                        .verdict())
                .isEqualTo(Verdict.FLAGGED);
    }

    @Test
    void aNotSecurityCorrectionIsNotFollowedByAPostShowingEvidenceTheCorrectedPostLacked() {
        corrections.record(correction(issue(1), 0.99, false, List.of("api key")));

        Corrected leak =
                follow().follow(POST, "the post", flagged(List.of("api key", "token leak")), RepoConfig.defaults());
        Corrected same = follow().follow(POST, "the post", flagged(List.of("API key")), RepoConfig.defaults());

        assertThat(leak.verdict()).isEqualTo(Verdict.FLAGGED);
        assertThat(same.verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void aSecurityCorrectionIsNotFollowedByAPostLackingTheEvidenceTheCorrectedPostShowed() {
        corrections.record(correction(issue(1), 0.99, true, List.of("pickle", "crafted input")));

        Corrected lacking = follow().follow(POST, "the post", passed(List.of("pickle")), RepoConfig.defaults());
        Corrected showing = follow().follow(
                        POST, "the post", passed(List.of("pickle", "crafted input", "rce")), RepoConfig.defaults());

        assertThat(lacking.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(lacking.correction()).isNull();
        assertThat(showing.verdict()).isEqualTo(Verdict.FLAGGED);
    }

    @Test
    void aThemeCorrectionGivesItsThemeAndOnlyItsIssueTypesUnlessTheRepositoryIgnoresTheTheme() {
        corrections.record(new Correction(
                issue(1),
                null,
                "corrected:0.95",
                true,
                Theme.MODEL,
                "theme",
                "max",
                new Reading(List.of(), at(0.95), classifier.modelVersion()),
                Instant.now().toString()));

        Corrected corrected = follow().follow(POST, "the post", flagged(List.of()), RepoConfig.defaults());
        Corrected ignored = follow().follow(
                        POST, "the post", flagged(List.of()), RepoConfigParser.parse("ignore_themes: [model]\n", "f"));

        assertThat(corrected.verdict()).isEqualTo(Verdict.FLAGGED);
        assertThat(corrected.prediction().primaryTheme()).isEqualTo(Theme.MODEL);
        assertThat(corrected.prediction().issueTypes())
                .extracting(Prediction.IssueTypeScore::theme)
                .containsOnly(Theme.MODEL);
        assertThat(ignored.verdict()).isEqualTo(Verdict.IGNORED);
    }

    @Test
    void aThreadFollowsItsOwnCorrectionWhateverItsTextEvenWithoutASentenceEncoder() {
        FollowCorrections withoutEncoder = new FollowCorrections(new FakeClassifier(), corrections);
        corrections.record(correction(POST, 0.1, false, List.of()));
        corrections.record(correction(issue(1), 1, true, List.of()));

        Corrected own =
                withoutEncoder.follow(POST, "edited beyond recognition", flagged(List.of()), RepoConfig.defaults());
        Corrected other = withoutEncoder.follow(issue(2), "the post", passed(List.of()), RepoConfig.defaults());

        assertThat(own.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(own.correction().thisThread()).isTrue();
        assertThat(own.correction().similarity()).isEqualTo(1);
        assertThat(other.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(other.correction()).isNull();
    }

    @Test
    void aCorrectionAnotherModelReadIsReadAgainOnceAndKept() {
        corrections.record(correction(issue(1), 0.9, false, List.of()).withReading(null));

        follow().follow(POST, "the post", flagged(List.of()), RepoConfig.defaults());
        follow().follow(POST, "the post", flagged(List.of()), RepoConfig.defaults());

        assertThat(embedded).containsExactly("the post", "corrected:0.9", "the post");
        assertThat(corrections.of(issue(1)).orElseThrow().reading().modelVersion())
                .isEqualTo(classifier.modelVersion());
    }

    @Test
    void theTextComparedIsThePostWithoutTheTaskListsOfIssueTemplates() {
        String post = "Unable to log in\n\n### Checks\n- [x] I searched the issues\n  * [ ] I use the latest version\n"
                + "- [link](https://example.org) stays\nAfter the update the admin cannot log in.";

        assertThat(FollowCorrections.matchText(post))
                .isEqualTo("Unable to log in\n\n### Checks\n- [link](https://example.org) stays\n"
                        + "After the update the admin cannot log in.");
    }

    private FollowCorrections follow() {
        return new FollowCorrections(classifier, corrections);
    }

    private static ThreadRef issue(int number) {
        return new ThreadRef.GitHubIssue(9L, REPO, number, null);
    }

    /** A correction whose post lies at cosine {@code cos} from every post of the test. */
    private Correction correction(ThreadRef ref, double cos, boolean security, List<String> keywords) {
        return new Correction(
                ref,
                "https://github.com/" + ref.repository() + "/issues/" + ref.number(),
                "corrected:" + cos,
                security,
                null,
                security ? "false_negative" : "false_positive",
                "max",
                new Reading(keywords, at(cos), classifier.modelVersion()),
                Instant.now().toString());
    }

    private static float[] at(double cos) {
        return new float[] {(float) cos, (float) Math.sqrt(Math.max(0, 1 - cos * cos))};
    }

    private static Prediction flagged(List<String> keywords) {
        return prediction(true, 0.97, keywords);
    }

    private static Prediction passed(List<String> keywords) {
        return prediction(false, 0.03, keywords);
    }

    private static Prediction prediction(boolean security, double p, List<String> keywords) {
        return new Prediction(
                security,
                p,
                Map.of(Theme.SYSTEM_SOFTWARE, 0.7, Theme.EXTERNAL_ECOSYSTEM, 0.1, Theme.MODEL, 0.1, Theme.DATA, 0.1),
                List.of(
                        new Prediction.IssueTypeScore(
                                "system-software-unsafe-deserialization",
                                "Unsafe" + " deserialization",
                                Theme.SYSTEM_SOFTWARE,
                                0.8),
                        new Prediction.IssueTypeScore("model-backdoor", "Backdoor", Theme.MODEL, 0.3)),
                keywords,
                "fake-1",
                List.of());
    }
}
