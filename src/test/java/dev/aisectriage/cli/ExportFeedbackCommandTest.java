package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.Theme;
import dev.aisectriage.event.WebhookEvent;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.TestKeys;
import dev.aisectriage.training.LabelledPost;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(30)
class ExportFeedbackCommandTest {

    @TempDir
    Path dir;

    @Test
    void exportsOneLabelledPostPerThreadInTheSharedFormat() throws Exception {
        // given a false positive on issue 12 and a theme set by a maintainer on the discussion
        KeyPair app = TestKeys.rsa();
        Path dbFile = dir.resolve("triage.db");
        try (FakeGitHub github = new FakeGitHub("1", app.getPublic())) {
            Bot bot = new Bot(dbFile, github.url(), "1", app.getPrivate(), false);
            bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
            bot.handle(Fixtures.event("issues-unlabeled-flag-removed-by-maintainer.json", "d-2"));
            bot.handle(Fixtures.event("discussion-created-security-question.json", "d-3"));
            WebhookEvent command = Fixtures.event("issue_comment-created-slash-command-by-member.json", "d-4", p -> {
                p.remove("issue");
                p.set(
                        "discussion",
                        Fixtures.payload("discussion-created-security-question.json")
                                .get("discussion"));
                p.with("comment").put("body", "/ai-security theme data");
            });
            // the member's comment, moved onto the discussion: a discussion_comment delivery
            bot.handle(new WebhookEvent(
                    command.deliveryId(),
                    "discussion_comment",
                    command.action(),
                    command.installationId(),
                    command.repository(),
                    command.payload()));
        }
        Path out = dir.resolve("feedback.jsonl");

        // when the feedback is exported
        int exit = new CommandLine(new ExportFeedbackCommand())
                .execute("--database", dbFile.toString(), "--output", out.toString());

        // then the shared reader reads both posts with their labels
        assertThat(exit).isZero();
        List<LabelledPost> posts = LabelledPost.read(out);
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).id()).isEqualTo("octo-org/ml-server-12");
        assertThat(posts.get(0).source()).isEqualTo("github_issue");
        assertThat(posts.get(0).isSecurity()).isZero();
        assertThat(posts.get(0).text()).startsWith("Loading a checkpoint runs arbitrary code");
        assertThat(posts.get(0).url()).isEqualTo("https://github.com/octo-org/ml-server/issues/12");
        assertThat(posts.get(1).source()).isEqualTo("github_discussion");
        assertThat(posts.get(1).isSecurity()).isEqualTo(1);
        assertThat(posts.get(1).theme()).isEqualTo(Theme.DATA);
        assertThat(posts.get(1).themes()).containsExactly(Theme.DATA);
    }
}
