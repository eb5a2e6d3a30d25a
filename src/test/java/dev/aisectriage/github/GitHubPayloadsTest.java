package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.core.Actor;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.InstallationChange;
import dev.aisectriage.core.MalformedPayloadException;
import dev.aisectriage.core.Reply;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.event.ApplySlashCommand;
import dev.aisectriage.support.Fixtures;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A stored delivery becomes its typed payload in one place: checked on the JSON, then bound, or malformed. */
class GitHubPayloadsTest {

    @Test
    void theTypedPayloadCarriesTheIssueBoundToItsRepositoryWhenParsedGivenAnIssuesDelivery() {
        Delivery delivery = Fixtures.event("issues-opened-security-report.json", "d-1");

        ThreadPost post = GitHubPayloads.post(delivery).post();

        assertThat(post.ref())
                .isInstanceOf(ThreadRef.GitHubIssue.class)
                .extracting(ThreadRef::repository)
                .isEqualTo(delivery.repository());
        assertThat(post.ref().number())
                .isEqualTo(delivery.payload().path("issue").path("number").asInt());
        assertThat(post.title())
                .isEqualTo(delivery.payload().path("issue").path("title").asText());
        assertThat(post.url())
                .isEqualTo(delivery.payload().path("issue").path("html_url").asText());
    }

    @Test
    void itIsReadAsADiscussionWithItsNodeIdWhenParsedGivenADiscussionDelivery() {
        Delivery delivery = Fixtures.event("discussion-created-security-question.json", "d-1");

        ThreadPost post = GitHubPayloads.post(delivery).post();

        assertThat(post.ref()).isInstanceOf(ThreadRef.GitHubDiscussion.class);
        assertThat(((ThreadRef.GitHubDiscussion) post.ref()).nodeId())
                .isEqualTo(delivery.payload().path("discussion").path("node_id").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"noslash", "a/b/c", "../../etc", "/", "o/", "/r"})
    void theDeliveryIsMalformedWhenParsedGivenARepositoryFullNameThatIsNotOwnerSlashName(String name) {
        Delivery delivery = Fixtures.event(
                "issues-opened-security-report.json",
                "d-1",
                p -> p.with("repository").put("full_name", name));
        Delivery stored = Fixtures.delivery(
                delivery.id(), "issues", "opened", delivery.installationId(), name, delivery.payload());

        assertThatThrownBy(() -> GitHubPayloads.post(stored))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("repository.full_name")
                .hasMessageContaining("not owner/name");
    }

    @Test
    void theDeliveryIsMalformedNamingTheTypeItDoesNotBindToWhenParsedGivenATitleThatIsAnObject() {
        Delivery delivery = Fixtures.event(
                "issues-opened-security-report.json",
                "d-1",
                p -> p.with("issue").putObject("title"));

        assertThatThrownBy(() -> GitHubPayloads.post(delivery))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("does not bind to Issue");
    }

    @Test
    void theDeliveryIsMalformedWhenParsedGivenAnIssueCommentWithoutItsComment() {
        Delivery delivery = Fixtures.event("issue_comment-created-follow-up.json", "d-1", p -> p.remove("comment"));

        assertThatThrownBy(() -> GitHubPayloads.reply(delivery))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("payload has no comment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"member", "Bot", "", "SOMETHING_NEW"})
    void itIsUnknownAndNotTrustedWhenReadGivenAnAuthorAssociationGitHubDoesNotSpellSo(String association) {
        Delivery delivery = Fixtures.event(
                "issue_comment-created-slash-command-by-member.json",
                "d-1",
                p -> p.with("comment").put("author_association", association));

        Reply reply = GitHubPayloads.reply(delivery);

        assertThat(reply.association()).isEqualTo("UNKNOWN");
        assertThat(ApplySlashCommand.TRUSTED).doesNotContain(reply.association());
    }

    @Test
    void itIsNoneWhenReadGivenACommentWithoutAuthorAssociation() {
        Delivery delivery = Fixtures.event(
                "issue_comment-created-slash-command-by-member.json",
                "d-1",
                p -> p.with("comment").remove("author_association"));

        assertThat(GitHubPayloads.reply(delivery).association()).isEqualTo("NONE");
    }

    @Test
    void itIsMalformedNotWrappedWhenParsedGivenAnInstallationEventWhoseIdIsTooLargeForALong() {
        Delivery delivery = Fixtures.event(
                "installation-created-two-repositories.json",
                "d-1",
                p -> p.with("installation").put("id", BigInteger.TWO.pow(70)));

        assertThatThrownBy(() -> GitHubPayloads.installation(delivery))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("installation.id");
    }

    @Test
    void itListsNoneWhenParsedGivenAnInstallationEventWithoutRepositories() {
        Delivery delivery =
                Fixtures.event("installation-created-two-repositories.json", "d-1", p -> p.remove("repositories"));

        assertThat(GitHubPayloads.installation(delivery).repositories()).isEmpty();
    }

    @Test
    void itsBotLoginMarksItABotWhenReadGivenAnIssueWhoseAuthorHasNoType() {
        Delivery delivery = Fixtures.event("issues-opened-security-report.json", "d-1", p -> {
            ObjectNode user = p.with("issue").with("user");
            user.remove("type");
            user.put("login", "helper[bot]");
        });

        ThreadPost post = GitHubPayloads.post(delivery).post();

        assertThat(post.author()).isEqualTo(new Actor("helper[bot]", true));
    }

    @Test
    void thoseFieldsAreLeftOutAndTheRestIsBoundWhenParsedGivenAnInstallationEventWithValuesHub4jDoesNotKnow() {
        Delivery delivery = Fixtures.event("installation-created-two-repositories.json", "d-1", p -> {
            ObjectNode installation = p.with("installation");
            installation.with("permissions").put("issues", "triage");
            installation.with("permissions").put("brand_new_area", "superadmin");
            installation.put("repository_selection", "some_new_selection");
            installation.put("target_type", "SomeNewAccount");
        });

        InstallationChange installation = GitHubPayloads.installation(delivery);

        assertThat(installation.installationId()).isEqualTo(delivery.installationId());
        assertThat(installation.repositories()).hasSize(2);
    }
}
