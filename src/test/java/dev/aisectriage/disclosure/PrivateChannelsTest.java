package dev.aisectriage.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisectriage.github.GitHubApiException;
import dev.aisectriage.github.GitHubApp;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.MutableClock;
import dev.aisectriage.support.StandInGitHub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The private channel looked up on the stand-in GitHub and kept per repository. */
@Timeout(30)
class PrivateChannelsTest {

    private static final long INSTALLATION = 48151623L;
    private static final String REPO = "example-ml/model-zoo";
    private static final String CHECK = "GET /repos/example-ml/model-zoo/private-vulnerability-reporting";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));

    @RegisterExtension
    final StandInGitHub gitHub = new StandInGitHub();

    private final GitHubGateway gateway =
            GitHubApp.onTokens(gitHub.http, gitHub.tokens, (i, r, n, a, d, dry) -> {}, false);
    private final PrivateChannels.Lookup onGitHub =
            PrivateChannels.onGitHub(gateway, new PrivateChannelChoice(new SecurityPolicyReader()));
    private final List<Instant> changes = new CopyOnWriteArrayList<>();
    private final PrivateChannels channels = new PrivateChannels(
            onGitHub,
            (repository, keptAt) -> changes.stream().anyMatch(at -> !at.isBefore(keptAt)),
            Duration.ofHours(6),
            clock);

    @Test
    void withPrivateReportingOnOneRequestServesEveryLaterPost() {
        // given private reporting is on
        gitHub.github.script(CHECK, FakeGitHub.json(200, "{\"enabled\":true}"));

        // when three posts of the repository ask for its channel
        PrivateChannel first = channels.of(INSTALLATION, REPO).orElseThrow();
        channels.of(INSTALLATION, REPO);
        channels.of(INSTALLATION, "Example-ML/Model-Zoo");

        // then it is the form, found with one request, and no SECURITY.md was read
        assertThat(first).isEqualTo(new PrivateChannel.ReportingForm(REPO));
        assertThat(gitHub.calls()).containsExactly(CHECK);
    }

    @Test
    void withPrivateReportingOffThePolicyIsReadOnceAndKept() {
        // given private reporting is off and a SECURITY.md in docs/
        gitHub.github.script(CHECK, FakeGitHub.json(200, "{\"enabled\":false}"));
        gitHub.github.file(REPO, "docs/SECURITY.md", "Report vulnerabilities to security@example-ml.org.");

        // when two posts ask
        PrivateChannel channel = channels.of(INSTALLATION, REPO).orElseThrow();
        int afterFirst = gitHub.calls().size();
        channels.of(INSTALLATION, REPO);

        // then the policy's contact is the channel; the first post cost the check and three places, the second nothing
        assertThat(channel.status()).isEqualTo(PrivateChannel.Status.SECURITY_POLICY);
        assertThat(afterFirst).isEqualTo(4);
        assertThat(gitHub.calls()).hasSize(4);
    }

    @Test
    void withNeitherTheRepositoryHasNoPrivateChannel() {
        // given private reporting is off and no SECURITY.md anywhere
        gitHub.github.script(CHECK, FakeGitHub.json(200, "{\"enabled\":false}"));

        // when a post asks, then there is none, after the check and the six places
        assertThat(channels.of(INSTALLATION, REPO).orElseThrow().status())
                .isEqualTo(PrivateChannel.Status.NO_PRIVATE_CHANNEL);
        assertThat(gitHub.calls()).hasSize(7);
    }

    @Test
    void aKeptChannelIsLookedUpAgainOnceItsHoursArePast() {
        // given a channel found earlier
        keptWhileGitHubTurnsItOff();

        // when a post asks after five hours, then it is still kept
        clock.advance(Duration.ofHours(5));
        assertThat(channels.of(INSTALLATION, REPO).orElseThrow().status())
                .isEqualTo(PrivateChannel.Status.PRIVATE_REPORTING);

        // and when one asks after seven, GitHub is asked again and its new answer counts
        clock.advance(Duration.ofHours(2));
        assertThat(channels.of(INSTALLATION, REPO).orElseThrow().status())
                .isEqualTo(PrivateChannel.Status.NO_PRIVATE_CHANNEL);
        assertThat(gitHub.calls()).filteredOn(CHECK::equals).hasSize(2);
    }

    @Test
    void aPushChangingTheRepositorysPolicyForgetsItsChannelAndNoOther() {
        // given the channels of two repositories are kept
        gitHub.github.script(
                CHECK, FakeGitHub.json(200, "{\"enabled\":true}"), FakeGitHub.json(200, "{\"enabled\":true}"));
        gitHub.github.script(
                "GET /repos/example-ml/datasets/private-vulnerability-reporting",
                FakeGitHub.json(200, "{\"enabled\":true}"));
        channels.of(INSTALLATION, REPO);
        channels.of(INSTALLATION, "example-ml/datasets");

        // when a push changes the model-zoo's SECURITY.md
        channels.forget(new SecurityPolicyChange(SecurityPolicyChange.Scope.REPOSITORY, REPO));
        channels.of(INSTALLATION, REPO);
        channels.of(INSTALLATION, "example-ml/datasets");

        // then only the model-zoo was looked up again
        assertThat(gitHub.calls()).filteredOn(CHECK::equals).hasSize(2);
        assertThat(gitHub.calls()).filteredOn(l -> l.contains("/datasets/")).hasSize(1);
    }

    @Test
    void aPushToTheOrganisationsDefaultsForgetsEveryRepositoryOfTheOwner() {
        // given kept channels of two repositories of example-ml and one of another owner
        for (String repo : new String[] {REPO, "example-ml/datasets", "other-org/model-zoo"}) {
            gitHub.github.script(
                    "GET /repos/" + repo + "/private-vulnerability-reporting",
                    FakeGitHub.json(200, "{\"enabled\":true}"),
                    FakeGitHub.json(200, "{\"enabled\":true}"));
            channels.of(INSTALLATION, repo);
        }

        // when example-ml's default SECURITY.md changes, and each repository is asked for again
        channels.forget(new SecurityPolicyChange(SecurityPolicyChange.Scope.OWNER, "Example-ML"));
        for (String repo : new String[] {REPO, "example-ml/datasets", "other-org/model-zoo"}) {
            channels.of(INSTALLATION, repo);
        }

        // then both of example-ml's were looked up again, the other owner's was not
        assertThat(gitHub.calls()).filteredOn(l -> l.contains("/example-ml/")).hasSize(4);
        assertThat(gitHub.calls()).filteredOn(l -> l.contains("/other-org/")).hasSize(1);
    }

    @Test
    void aFailedLookupIsNotKeptAndTheNextPostAsksAgain() {
        // given GitHub fails three times, then answers
        gitHub.github.script(
                CHECK,
                FakeGitHub.json(502, "{}"),
                FakeGitHub.json(502, "{}"),
                FakeGitHub.json(502, "{}"),
                FakeGitHub.json(200, "{\"enabled\":true}"));

        // when a post asks, then the failure is thrown for the job queue
        assertThatThrownBy(() -> channels.of(INSTALLATION, REPO)).isInstanceOf(GitHubApiException.class);

        // and when the next post asks, GitHub is asked again and the channel is found
        assertThat(channels.of(INSTALLATION, REPO).orElseThrow().status())
                .isEqualTo(PrivateChannel.Status.PRIVATE_REPORTING);
    }

    @Test
    void aChannelKeptBeforeAPushAnotherInstanceReceivedIsLookedUpAgain() {
        // given a channel kept here
        keptWhileGitHubTurnsItOff();

        // when another instance records a push that changed the policy, an hour later
        clock.advance(Duration.ofHours(1));
        changes.add(clock.instant());

        // then the next post here asks GitHub again instead of using the kept channel
        assertThat(channels.of(INSTALLATION, REPO).orElseThrow().status())
                .isEqualTo(PrivateChannel.Status.NO_PRIVATE_CHANNEL);
        assertThat(gitHub.calls()).filteredOn(CHECK::equals).hasSize(2);
    }

    @Test
    void withoutAppCredentialsNothingIsAskedAndNothingIsKept() {
        // given a dry-run gateway without credentials
        PrivateChannels unchecked = new PrivateChannels(
                PrivateChannels.onGitHub(
                        GitHubApp.onTokens(gitHub.http, null, (i, r, n, a, d, dry) -> {}, true),
                        new PrivateChannelChoice(new SecurityPolicyReader())),
                PrivateChannels.Changes.NONE,
                Duration.ofHours(6),
                clock);

        // when a post asks, then there is no answer and GitHub saw nothing
        assertThat(unchecked.of(INSTALLATION, REPO)).isEmpty();
        assertThat(gitHub.github.requests()).isEmpty();
    }

    /** A channel found on (and kept), GitHub answering "off" to the next check. */
    private void keptWhileGitHubTurnsItOff() {
        gitHub.github.script(
                CHECK, FakeGitHub.json(200, "{\"enabled\":true}"), FakeGitHub.json(200, "{\"enabled\":false}"));
        channels.of(INSTALLATION, REPO);
    }
}
