package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class BootstrapLabelsTest {

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    private final Bot bot = Bot.on(github);

    @Test
    void installingCreatesTheBotsLabelsOnEachRepositoryLeavingExistingOnesAlone() throws Exception {
        // given one repository already has a 'security' label of its own
        github.existingLabels("octo-org/ml-server", "Security");

        // when the App is installed on two repositories
        bot.handle(Fixtures.event("installation-created-two-repositories.json", "d-1"));

        // then the missing labels were created, with six-digit colours and short descriptions
        List<FakeGitHub.Request> creates = github.writes();
        assertThat(creates)
                .extracting(FakeGitHub.Request::line)
                .containsExactly(
                        "POST /repos/octo-org/ml-server/labels",
                        "POST /repos/octo-org/ml-server/labels",
                        "POST /repos/octo-org/ml-server/labels",
                        "POST /repos/octo-org/ml-server/labels",
                        "POST /repos/octo-org/ml-server/labels",
                        "POST /repos/octo-org/datasets/labels",
                        "POST /repos/octo-org/datasets/labels",
                        "POST /repos/octo-org/datasets/labels",
                        "POST /repos/octo-org/datasets/labels",
                        "POST /repos/octo-org/datasets/labels",
                        "POST /repos/octo-org/datasets/labels");
        assertThat(creates.get(0).body())
                .isEqualTo("{\"color\":\"fbca04\",\"name\":\"ai-security: needs-triage\","
                        + "\"description\":\"Might be security-related: a maintainer should take a look\"}");
        assertThat(creates).allSatisfy(r -> {
            assertThat(r.json().path("color").asText()).matches("[0-9a-f]{6}");
            assertThat(r.json().path("description").asText().length()).isLessThanOrEqualTo(100);
        });
        assertThat(github.labelsOfRepository("octo-org/datasets"))
                .containsExactlyInAnyOrder(
                        "security",
                        "ai-security: needs-triage",
                        "ai-security: system-software",
                        "ai-security: ecosystem",
                        "ai-security: model",
                        "ai-security: data");
    }

    @Test
    void aLabelAMaintainerDeletedIsNotCreatedAgainNorAddedToThreads() throws Exception {
        // given the bot created its labels, then a maintainer deleted two of them
        bot.handle(Fixtures.event("installation-created-two-repositories.json", "d-1"));
        github.deleteLabel("octo-org/ml-server", "ai-security: system-software");
        github.deleteLabel("octo-org/ml-server", "security");
        int writes = github.writes().size();

        // when the repository is added again (a new installation event) and a security report arrives
        bot.handle(Fixtures.event("installation_repositories-added-one-repository.json", "d-2"));
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-3"));

        // then no label was created again, and the report got no deleted label (only its comment)
        assertThat(github.writes().subList(writes, github.writes().size()))
                .extracting(FakeGitHub.Request::line)
                .containsExactly("POST /repos/octo-org/ml-server/issues/12/comments");
    }
}
