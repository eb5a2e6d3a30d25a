package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.classify.HeadsClassifier;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.store.Corrections;
import dev.aisectriage.store.Database;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeClassifier;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A maintainer's correction is learnt by their repository at once, on SQLite and PostgreSQL alike: a near-duplicate
 * of a corrected post follows it (through a restart too), a different report and another repository's posts do not.
 * The verdicts are the stand-in classifier's; the similarity of the posts is the real sentence encoder's.
 */
@Timeout(120)
@ParameterizedClass
@EnumSource(TestStore.class)
class RepositoryCorrectionsTest {

    static final String REPO = "octo-org/ml-server";
    static final String OTHER_REPO = "octo-org/training-kit";

    /** A look-alike: a question in security words ("pickle") that reports no problem. */
    static final String[] LOOK_ALIKE = {
        "How do I load a pickle file of a model trained on another machine?",
        "I saved my sklearn model with pickle.dump on my laptop and now pickle.load fails on the server with"
                + " `ModuleNotFoundError: No module named 'sklearn.ensemble._forest'`. Both machines run Python 3.10."
                + " What am I missing?"
    };

    /** The same question reworded by someone else (cosine 0.93 to the look-alike with the bundled encoder). */
    static final String[] NEAR_DUPLICATE = {
        "pickle.load fails on the server for a model saved on my laptop",
        "I trained a scikit-learn model locally and saved it with pickle. Loading it on our server with pickle.load"
                + " raises `ModuleNotFoundError: No module named 'sklearn.ensemble._forest'`. Same Python version"
                + " (3.10) on both. How do I load it?"
    };

    /** A real report in the same words (cosine 0.57 to the look-alike). */
    static final String[] DIFFERENT_REPORT = {
        "Loading a shared model file runs arbitrary code",
        "The /api/models/upload endpoint passes the uploaded file to pickle.load without any check. A crafted pickle"
                + " executes code on the server as soon as it is loaded: anyone who can upload a model gets remote"
                + " code execution."
    };

    private static HeadsClassifier encoder;

    @Parameter
    TestStore store;

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    private final List<Database> opened = new ArrayList<>();
    private String postgresUrl;

    @BeforeEach
    void freshStore() {
        if (store == TestStore.POSTGRESQL) {
            postgresUrl = TestStore.freshSchema();
        }
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Database::close);
    }

    @AfterAll
    static void closeEncoder() {
        if (encoder != null) {
            encoder.close();
        }
    }

    @Test
    void aNearDuplicateOfAPostAMaintainerUnflaggedIsNotFlaggedInItsRepositoryAndStillIsInAnother() throws Exception {
        // given a look-alike the bot flagged, whose flag label a maintainer removed
        Bot bot = bot();
        bot.handle(opened(REPO, 21, LOOK_ALIKE, "d-1"));
        assertThat(github.labelsOf(REPO + "#21")).contains("security");
        bot.handle(flagRemoved(REPO, 21, LOOK_ALIKE, "d-2"));

        // when a near-duplicate is opened in the same repository, a different report there, and the near-duplicate in
        // another repository
        bot.handle(opened(REPO, 22, NEAR_DUPLICATE, "d-3"));
        bot.handle(opened(REPO, 23, DIFFERENT_REPORT, "d-4"));
        bot.handle(opened(OTHER_REPO, 7, NEAR_DUPLICATE, "d-5"));

        // then the near-duplicate is neither labelled nor commented on; the report and the other repository's post are
        assertThat(github.labelsOf(REPO + "#22")).isEmpty();
        assertThat(github.commentsOf(REPO + "#22")).isEmpty();
        assertThat(github.labelsOf(REPO + "#23")).contains("security");
        assertThat(github.labelsOf(OTHER_REPO + "#7")).contains("security");
        assertThat(github.commentsOf(OTHER_REPO + "#7")).hasSize(1);

        // and the corrected thread lost the bot's other labels, its comment saying so without the model's confidence
        assertThat(github.labelsOf(REPO + "#21")).doesNotContain("ai-security: system-software");
        assertCommentCorrectedToNotSecurity(REPO + "#21");
    }

    @Test
    void aCorrectionIsStillFollowedAfterARestartAndExplainNamesThePostItFollowedWithItsSimilarity() throws Exception {
        // given a correction made before a restart
        Bot before = bot();
        before.handle(opened(REPO, 21, LOOK_ALIKE, "d-1"));
        before.handle(flagRemoved(REPO, 21, LOOK_ALIKE, "d-2"));

        // when the bot starts again on the same store, a near-duplicate arrives and a maintainer asks why
        Bot after = bot();
        after.handle(opened(REPO, 22, NEAR_DUPLICATE, "d-3"));
        after.handle(explain(REPO, 22, NEAR_DUPLICATE, "d-4"));

        // then it is not flagged, and the explanation names the corrected post and how close it is
        assertThat(github.labelsOf(REPO + "#22")).isEmpty();
        assertThat(theCommentOf(REPO + "#22"))
                .contains("**Not a security issue** (as the maintainers corrected a very similar post, "
                        + "[#21](https://redirect.github.com/octo-org/ml-server/issues/21): similarity 0.9")
                .containsPattern("\\*\\*Corrected by the maintainers:\\*\\* \\[#21\\]\\([^)]+\\), a very similar"
                        + " post \\(similarity 0\\.9\\d\\), is not a security issue, and this verdict follows theirs");
    }

    @Test
    void afterNotSecurityOrThemeFromAMaintainerTheLabelsAndTheCommentShowTheirVerdictAndNotTheModels()
            throws Exception {
        // given two posts the bot flagged with the System & Software theme, its comment giving the model's confidence
        Bot bot = bot();
        bot.handle(opened(REPO, 21, LOOK_ALIKE, "d-1"));
        bot.handle(opened(REPO, 23, DIFFERENT_REPORT, "d-2"));
        assertThat(github.labelsOf(REPO + "#21")).contains("security", "ai-security: system-software");
        assertThat(theCommentOf(REPO + "#21")).contains("**Security issue: System & Software", "%)");

        // when a maintainer says the first is not security and the second's theme is model
        bot.handle(command(REPO, 21, LOOK_ALIKE, "/ai-security not-security", "d-3"));
        bot.handle(command(REPO, 23, DIFFERENT_REPORT, "/ai-security theme model", "d-4"));

        // then the first keeps no label of the bot, and its comment has no security line and no confidence
        assertThat(github.labelsOf(REPO + "#21")).isEmpty();
        assertCommentCorrectedToNotSecurity(REPO + "#21");
        // and the second carries the model theme's label in place of the old one, its comment the model theme
        assertThat(github.labelsOf(REPO + "#23")).containsExactlyInAnyOrder("security", "ai-security: model");
        assertThat(theCommentOf(REPO + "#23"))
                .contains("**Security issue: Model", "(corrected by the maintainers)")
                .doesNotContain("System & Software", "%)");
    }

    @Test
    void aRepositorysCorrectionsAreForgottenWithItsInstallation() throws Exception {
        // given a correction
        Bot bot = bot();
        bot.handle(opened(REPO, 21, LOOK_ALIKE, "d-1"));
        bot.handle(flagRemoved(REPO, 21, LOOK_ALIKE, "d-2"));
        Corrections corrections = new Corrections(bot.db, bot.db::writeTransaction);
        assertThat(corrections.ofRepository(REPO)).hasSize(1);

        // when the App is uninstalled, and later the near-duplicate arrives
        bot.handle(Fixtures.event("installation-deleted-octo-org.json", "d-3"));
        bot.handle(opened(REPO, 22, NEAR_DUPLICATE, "d-4"));

        // then nothing of the correction is left, and the near-duplicate is flagged as the model says
        assertThat(corrections.all()).isEmpty();
        assertThat(github.labelsOf(REPO + "#22")).contains("security");
    }

    /** The bot's one comment on {@code thread} says the maintainers found no security issue, and no confidence. */
    private void assertCommentCorrectedToNotSecurity(String thread) {
        assertThat(theCommentOf(thread))
                .contains("**Not a security issue** (corrected by the maintainers)")
                .doesNotContain("Security issue:", "confidence", "%)");
    }

    /** The bot's one comment on {@code thread}. */
    private String theCommentOf(String thread) {
        Map<String, String> comments = github.commentsOf(thread);
        assertThat(comments).hasSize(1);
        return comments.values().iterator().next();
    }

    /** The bot on this test's store, opened again by each call (a second call is a restart). */
    private Bot bot() {
        Database db = store == TestStore.SQLITE
                ? Database.open(github.storeFolder().resolve("triage.db"))
                : Database.openPostgres(postgresUrl, 4);
        opened.add(db);
        return Bot.on(github, db, github.storeFolder(), MarkdownCommentRenderer.withDefaults(), classifier());
    }

    /** The stand-in's verdicts, the bundled sentence encoder's embeddings (through the real classifier's seam). */
    private static synchronized FakeClassifier classifier() {
        if (encoder == null) {
            encoder = ClassifierLoader.bundled();
        }
        return new FakeClassifier(text -> encoder.embedding(text).orElseThrow());
    }

    static Delivery opened(String repository, int number, String[] post, String deliveryId) {
        return Fixtures.event("issues-opened-security-report.json", deliveryId, p -> at(p, repository, number, post));
    }

    static Delivery flagRemoved(String repository, int number, String[] post, String deliveryId) {
        return Fixtures.event(
                "issues-unlabeled-flag-removed-by-maintainer.json", deliveryId, p -> at(p, repository, number, post));
    }

    static Delivery explain(String repository, int number, String[] post, String deliveryId) {
        return command(repository, number, post, "/ai-security explain", deliveryId);
    }

    /** A member's comment on post {@code number} of {@code repository} saying {@code body}. */
    static Delivery command(String repository, int number, String[] post, String body, String deliveryId) {
        return Fixtures.event("issue_comment-created-slash-command-by-member.json", deliveryId, p -> {
            at(p, repository, number, post);
            p.with("comment").put("body", body);
        });
    }

    /** The payload's issue made post {@code number} of {@code repository}, with the post's title and body. */
    private static void at(ObjectNode payload, String repository, int number, String[] post) {
        String name = repository.substring(repository.indexOf('/') + 1);
        payload.with("repository").put("full_name", repository).put("name", name);
        payload.with("repository").put("html_url", "https://github.com/" + repository);
        payload.with("issue")
                .put("number", number)
                .put("title", post[0])
                .put("body", post[1])
                .put("html_url", "https://github.com/" + repository + "/issues/" + number)
                .put("url", "https://api.github.com/repos/" + repository + "/issues/" + number);
    }
}
