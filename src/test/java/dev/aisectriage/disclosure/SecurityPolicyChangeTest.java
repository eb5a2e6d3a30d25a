package dev.aisectriage.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.github.PushSummary;
import dev.aisectriage.support.Fixtures;
import java.io.IOException;
import java.io.StringReader;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GitHub;

class SecurityPolicyChangeTest {

    @Test
    void aPushAddingGithubSecurityMdToTheDefaultBranchChangesTheRepositorysPolicy() throws IOException {
        // given the push that adds .github/SECURITY.md on main
        PushSummary push = push("push-security-policy-added.json", p -> {});

        // when it is read, then the repository's policy changed
        assertThat(SecurityPolicyChange.of(push))
                .contains(new SecurityPolicyChange(SecurityPolicyChange.Scope.REPOSITORY, "example-ml/model-zoo"));
    }

    @Test
    void aPushChangingOnlyTheReadmeChangesNoPolicy() throws IOException {
        // given the push that edits the README, then no policy changed
        assertThat(SecurityPolicyChange.of(push("push-readme-changed.json", p -> {})))
                .isEmpty();
    }

    @Test
    void aPolicyChangedOnAnotherBranchIsNotYetThePolicy() throws IOException {
        // given the same change pushed to a feature branch, then GitHub does not show it yet
        PushSummary push = push("push-security-policy-added.json", p -> p.put("ref", "refs/heads/security-policy"));

        assertThat(SecurityPolicyChange.of(push)).isEmpty();
    }

    @Test
    void aPolicyRemovedOrRenamedInAnyCaseCounts() throws IOException {
        // given a push that deletes docs/security.md
        PushSummary push = push("push-readme-changed.json", p -> {
            ObjectNode commit = (ObjectNode) p.withArray("commits").get(0);
            commit.putArray("modified");
            commit.putArray("removed").add("docs/security.md");
        });

        // then the policy changed
        assertThat(SecurityPolicyChange.of(push)).isPresent();
    }

    @Test
    void aPushToTheOwnersDotGithubRepositoryChangesEveryRepositorysDefault() throws IOException {
        // given the push lands in example-ml/.github
        PushSummary push = push("push-security-policy-added.json", p -> {
            ObjectNode repository = (ObjectNode) p.get("repository");
            repository.put("name", ".github").put("full_name", "example-ml/.github");
            ((ObjectNode) p.withArray("commits").get(0)).putArray("added").add("SECURITY.md");
        });

        // then the owner's default changed
        assertThat(SecurityPolicyChange.of(push))
                .contains(new SecurityPolicyChange(SecurityPolicyChange.Scope.OWNER, "example-ml"));
    }

    @Test
    void aForcedPushIsTreatedAsAChangeBecauseItsCommitListMayHideOne() throws IOException {
        // given a force push to main whose listed commits touch no policy
        PushSummary push = push("push-readme-changed.json", p -> p.put("forced", true));

        // then the policy may have changed
        assertThat(SecurityPolicyChange.of(push)).isPresent();
    }

    @Test
    void deletingABranchChangesNoPolicy() throws IOException {
        // given the default branch's deletion event, with no commits
        PushSummary push = push("push-security-policy-added.json", p -> {
            p.put("deleted", true).put("after", "0000000000000000000000000000000000000000");
            ArrayNode none = p.putArray("commits");
            p.putNull("head_commit");
            assertThat(none).isEmpty();
        });

        assertThat(SecurityPolicyChange.of(push)).isEmpty();
    }

    private static PushSummary push(String fixture, Consumer<ObjectNode> change) throws IOException {
        ObjectNode payload = (ObjectNode) Fixtures.payload(fixture).deepCopy();
        change.accept(payload);
        return PushSummary.of(
                GitHub.offline().parseEventPayload(new StringReader(payload.toString()), GHEventPayload.Push.class));
    }
}
