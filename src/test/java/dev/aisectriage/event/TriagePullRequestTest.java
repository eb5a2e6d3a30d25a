package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class TriagePullRequestTest {

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    @Test
    void pullRequestsAreLeftAloneWhenASecurityFixIsOpenedGivenNoConfig() throws Exception {
        // given a repository without config (pull requests are off by default)
        Bot bot = Bot.on(github);

        // when a pull request fixing a vulnerability is opened
        bot.handle(Fixtures.event("pull_request-opened-security-fix.json", "d-1"));

        // then nothing is written and nothing is classified
        assertThat(github.writes()).isEmpty();
        assertThat(bot.predictions).isEmpty();
    }

    @Test
    void itGetsTheLabelsAndNoCommentWhenASecurityFixIsOpenedGivenPullRequestsEnabled() throws Exception {
        // given
        github.file("octo-org/ml-server", ".github/ai-security-triage.yml", "pull_requests: true\n");
        Bot bot = Bot.on(github);

        // when
        bot.handle(Fixtures.event("pull_request-opened-security-fix.json", "d-1"));

        // then the labels go through the issue endpoint the pull request shares, and no comment is posted or listed
        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line, FakeGitHub.Request::body)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "POST " + Fixtures.REPO + "/issues/31/labels",
                        "{\"labels\":[\"security\",\"ai-security: model\"]}"));
        assertThat(github.requestLines()).noneMatch(l -> l.contains("/comments"));
        assertThat(bot.predictions)
                .singleElement()
                .satisfies(p -> assertThat(p.security()).isTrue());
    }

    @Test
    void nothingHappensWhenAnEditChangesNeitherTitleNorBodyGivenPullRequestsEnabled() throws Exception {
        // given
        github.file("octo-org/ml-server", ".github/ai-security-triage.yml", "pull_requests: true\n");
        Bot bot = Bot.on(github);

        // when
        bot.handle(Fixtures.event("pull_request-opened-security-fix.json", "d-1", p -> {
            p.put("action", "edited");
            p.putObject("changes").putObject("base");
        }));

        // then
        assertThat(github.writes()).isEmpty();
        assertThat(bot.predictions).isEmpty();
    }
}
