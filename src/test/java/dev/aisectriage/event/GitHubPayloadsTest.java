package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.MalformedPayloadException;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.support.Fixtures;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.github.GHEventPayload;

/** A stored delivery becomes its typed payload in one place: checked on the JSON, then bound, or malformed. */
class GitHubPayloadsTest {

    @Test
    void givenAnIssuesDeliveryWhenParsedThenTheTypedPayloadCarriesTheIssueBoundToItsRepository() {
        Delivery delivery = Fixtures.event("issues-opened-security-report.json", "d-1");

        GHEventPayload.Issue payload = GitHubPayloads.ISSUES.parse(delivery);
        ThreadPost post = ThreadPost.of(delivery, payload);

        assertThat(payload.getIssue().getRepository().getFullName()).isEqualTo(delivery.repository());
        assertThat(post.ref().kind()).isEqualTo(ThreadRef.Kind.ISSUE);
        assertThat(post.ref().number())
                .isEqualTo(delivery.payload().path("issue").path("number").asInt());
        assertThat(post.title())
                .isEqualTo(delivery.payload().path("issue").path("title").asText());
        assertThat(post.url())
                .isEqualTo(delivery.payload().path("issue").path("html_url").asText());
    }

    @Test
    void givenADiscussionDeliveryWhenParsedThenItIsReadAsADiscussionWithItsNodeId() {
        Delivery delivery = Fixtures.event("discussion-created-security-question.json", "d-1");

        ThreadPost post = ThreadPost.of(delivery, GitHubPayloads.DISCUSSION.parse(delivery));

        assertThat(post.ref().kind()).isEqualTo(ThreadRef.Kind.DISCUSSION);
        assertThat(post.ref().nodeId())
                .isEqualTo(delivery.payload().path("discussion").path("node_id").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"noslash", "a/b/c", "../../etc", "/", "o/", "/r"})
    void givenARepositoryFullNameThatIsNotOwnerSlashNameWhenParsedThenTheDeliveryIsMalformed(String name) {
        Delivery delivery = Fixtures.event(
                "issues-opened-security-report.json",
                "d-1",
                p -> p.with("repository").put("full_name", name));
        Delivery stored = Fixtures.delivery(
                delivery.id(), "issues", "opened", delivery.installationId(), name, delivery.payload());

        assertThatThrownBy(() -> GitHubPayloads.ISSUES.parse(stored))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("repository.full_name")
                .hasMessageContaining("not owner/name");
    }

    @Test
    void givenATitleThatIsAnObjectWhenParsedThenTheDeliveryIsMalformedNamingTheTypeItDoesNotBindTo() {
        Delivery delivery = Fixtures.event(
                "issues-opened-security-report.json",
                "d-1",
                p -> p.with("issue").putObject("title"));

        assertThatThrownBy(() -> GitHubPayloads.ISSUES.parse(delivery))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("does not bind to Issue");
    }

    @Test
    void givenAnIssueCommentWithoutItsCommentWhenParsedThenTheDeliveryIsMalformed() {
        Delivery delivery = Fixtures.event("issue_comment-created-follow-up.json", "d-1", p -> p.remove("comment"));

        assertThatThrownBy(() -> GitHubPayloads.ISSUE_COMMENT.parse(delivery))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("payload has no comment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"member", "Bot", "", "SOMETHING_NEW"})
    void givenAnAuthorAssociationGitHubDoesNotSpellSoWhenReadThenItIsUnknownAndNotTrusted(String association) {
        Delivery delivery = Fixtures.event(
                "issue_comment-created-slash-command-by-member.json",
                "d-1",
                p -> p.with("comment").put("author_association", association));

        Reply reply = Reply.of(GitHubPayloads.ISSUE_COMMENT.parse(delivery));

        assertThat(reply.association()).isEqualTo("UNKNOWN");
        assertThat(ApplySlashCommand.TRUSTED).doesNotContain(reply.association());
    }

    @Test
    void givenACommentWithoutAuthorAssociationWhenReadThenItIsNone() {
        Delivery delivery = Fixtures.event(
                "issue_comment-created-slash-command-by-member.json",
                "d-1",
                p -> p.with("comment").remove("author_association"));

        assertThat(Reply.of(GitHubPayloads.ISSUE_COMMENT.parse(delivery)).association())
                .isEqualTo("NONE");
    }

    @Test
    void givenAnInstallationEventWhoseIdIsTooLargeForALongWhenParsedThenItIsMalformedNotWrapped() {
        Delivery delivery = Fixtures.event(
                "installation-created-two-repositories.json",
                "d-1",
                p -> p.with("installation").put("id", BigInteger.TWO.pow(70)));

        assertThatThrownBy(() -> GitHubPayloads.INSTALLATION.parse(delivery))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("installation.id");
    }

    @Test
    void givenAnInstallationEventWithoutRepositoriesWhenParsedThenItListsNone() {
        Delivery delivery =
                Fixtures.event("installation-created-two-repositories.json", "d-1", p -> p.remove("repositories"));

        assertThat(GitHubPayloads.INSTALLATION.parse(delivery).getRawRepositories())
                .isEmpty();
    }

    @Test
    void givenAnIssueWhoseAuthorHasNoTypeWhenReadThenItsBotLoginMarksItABot() {
        Delivery delivery = Fixtures.event("issues-opened-security-report.json", "d-1", p -> {
            ObjectNode user = p.with("issue").with("user");
            user.remove("type");
            user.put("login", "helper[bot]");
        });

        ThreadPost post = ThreadPost.of(delivery, GitHubPayloads.ISSUES.parse(delivery));

        assertThat(post.author()).isEqualTo("helper[bot]");
        assertThat(post.authorIsBot()).isTrue();
    }

    @Test
    void givenAnInstallationEventWithValuesHub4jDoesNotKnowWhenParsedThenThoseFieldsAreLeftOutAndTheRestIsBound() {
        Delivery delivery = Fixtures.event("installation-created-two-repositories.json", "d-1", p -> {
            ObjectNode installation = p.with("installation");
            installation.with("permissions").put("issues", "triage");
            installation.with("permissions").put("brand_new_area", "superadmin");
            installation.put("repository_selection", "some_new_selection");
            installation.put("target_type", "SomeNewAccount");
        });

        GHEventPayload.Installation payload = GitHubPayloads.INSTALLATION.parse(delivery);

        assertThat(payload.getInstallation().getId()).isEqualTo(delivery.installationId());
        assertThat(payload.getRawRepositories()).hasSize(2);
        assertThat(payload.getInstallation().getPermissions()).doesNotContainKeys("issues", "brand_new_area");
        assertThat(payload.getInstallation().getRepositorySelection()).isNull();
    }
}
