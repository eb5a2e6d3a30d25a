package dev.aisectriage.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.github.PrivateReporting;
import dev.aisectriage.github.RepoFile;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrivateChannelChoiceTest {

    private static final String REPO = "example-ml/model-zoo";
    private static final PrivateReporting OFF =
            new PrivateReporting(PrivateReporting.State.DISABLED, "private reporting is switched off");
    private static final PrivateReporting UNKNOWN =
            new PrivateReporting(PrivateReporting.State.UNKNOWN, "the App may not ask (GitHub answered 403)");
    private static final RepoFile EMAIL_POLICY =
            new RepoFile(REPO, "docs/SECURITY.md", "3f1c2a", "Report vulnerabilities to security@example-ml.org.");

    private final PrivateChannelChoice choice = new PrivateChannelChoice(new SecurityPolicyReader());

    @Test
    void privateReportingOnIsTheChannelWhateverThePolicySays() {
        // given private reporting is on, when the channel is chosen, then it is the repository's form
        PrivateChannel channel = choice.choose(REPO, PrivateReporting.ENABLED, Optional.of(EMAIL_POLICY));

        assertThat(channel).isEqualTo(new PrivateChannel.ReportingForm(REPO));
        assertThat(channel.status().label()).isEqualTo("private reporting");
    }

    @Test
    void privateReportingOffSendsReportersToTheSecurityPolicysContact() {
        // given private reporting is off and a policy with an address
        PrivateChannel channel = choice.choose(REPO, OFF, Optional.of(EMAIL_POLICY));

        // then the policy's contact is the channel, with where the policy lives
        assertThat(channel).isInstanceOfSatisfying(PrivateChannel.PolicyContacts.class, p -> {
            assertThat(p.policyRepository()).isEqualTo(REPO);
            assertThat(p.policyPath()).isEqualTo("docs/SECURITY.md");
            assertThat(p.contacts())
                    .containsExactly(new SecurityContact(SecurityContact.Kind.EMAIL, "security@example-ml.org"));
        });
        assertThat(channel.status().label()).isEqualTo("SECURITY.md contact");
    }

    @Test
    void whenTheAppCannotTellTheOrganisationDefaultPolicyIsUsed() {
        // given the App could not check private reporting, and only the organisation's default policy exists
        RepoFile orgDefault = new RepoFile(
                "example-ml/.github",
                "SECURITY.md",
                "9ab0e1",
                "We run our bounty on https://huntr.com/repos/example-ml.");

        // when the channel is chosen, then it is the default policy's contact
        assertThat(choice.choose(REPO, UNKNOWN, Optional.of(orgDefault)))
                .isInstanceOfSatisfying(
                        PrivateChannel.PolicyContacts.class,
                        p -> assertThat(p.policyRepository()).isEqualTo("example-ml/.github"));
    }

    @Test
    void aPolicyPointingOnlyToTheSwitchedOffFormIsNoChannel() {
        // given private reporting is off, but the policy sends reporters to it: the dead end reporters meet
        RepoFile deadEnd = new RepoFile(
                REPO,
                ".github/SECURITY.md",
                "77aa10",
                "Report vulnerabilities at https://github.com/example-ml/model-zoo/security/advisories/new.");

        // when the channel is chosen, then there is none, and the dashboard line says why
        PrivateChannel channel = choice.choose(REPO, OFF, Optional.of(deadEnd));

        assertThat(channel)
                .isInstanceOfSatisfying(
                        PrivateChannel.None.class,
                        n -> assertThat(n.why())
                                .isEqualTo("private reporting is off (private reporting is switched off);"
                                        + " example-ml/model-zoo:.github/SECURITY.md names no usable contact"));
        assertThat(channel.status().label()).isEqualTo("no private channel");
    }

    @Test
    void noPrivateReportingAndNoPolicyIsNoChannel() {
        // given neither, when the channel is chosen, then there is none
        PrivateChannel channel = choice.choose(REPO, UNKNOWN, Optional.empty());

        assertThat(channel)
                .isInstanceOfSatisfying(
                        PrivateChannel.None.class,
                        n -> assertThat(n.why())
                                .isEqualTo(
                                        "private reporting could not be checked (the App may not ask (GitHub answered 403));"
                                                + " no SECURITY.md"));
    }
}
