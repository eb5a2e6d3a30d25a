package dev.aisectriage.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.disclosure.SecurityContact.Kind;
import org.junit.jupiter.api.Test;

class SecurityPolicyReaderTest {

    private static final String REPO = "example-ml/model-zoo";

    private final SecurityPolicyReader reader = new SecurityPolicyReader();

    @Test
    void githubsUntouchedTemplateNamesNoUsableContact() {
        // given the SECURITY.md GitHub proposes, never filled in
        String template = """
                # Security Policy

                ## Supported Versions

                Use this section to tell people about which versions of your project are
                currently being supported with security updates.

                | Version | Supported          |
                | ------- | ------------------ |
                | 5.1.x   | :white_check_mark: |
                | < 4.0   | :x:                |

                ## Reporting a Vulnerability

                Use this section to tell people how to report a vulnerability.

                Tell them where to go, how often they can expect to get an update on a
                reported vulnerability, what to expect if the vulnerability is accepted or
                declined, etc.
                """;

        // when it is read, then it names no contact
        assertThat(reader.contacts(template, REPO)).isEmpty();
    }

    @Test
    void anAddressInAMailtoLinkIsOneEmailContact() {
        // given a policy giving a security address, as link text and as mailto target
        String policy = """
                ## Reporting a vulnerability

                Please do **not** open a public issue. Report suspected vulnerabilities to
                **[security@example-ml.org](mailto:security@example-ml.org)**; we answer within 3 working days.
                """;

        // when it is read, then the address is the contact, once
        assertThat(reader.contacts(policy, REPO))
                .containsExactly(new SecurityContact(Kind.EMAIL, "security@example-ml.org"));
    }

    @Test
    void privateVulnerabilityReportingNamedWithoutALinkMeansTheRepositorysForm() {
        // given a policy that sends reporters to GitHub's form by its name
        String policy = "Please use GitHub's private vulnerability reporting: open the Security tab and click"
                + " **Report a vulnerability**.";

        // when it is read, then the contact is this repository's form
        assertThat(reader.contacts(policy, REPO)).containsExactly(new SecurityContact(Kind.ADVISORY_FORM, REPO));
    }

    @Test
    void anAdvisoryFormLinkNamesTheRepositoryItBelongsTo() {
        // given an organisation policy sending every report to one central repository's form
        String policy = "Report vulnerabilities in any of our projects at"
                + " https://github.com/example-ml/security/security/advisories/new.";

        // when it is read, then the contact is that repository's form
        assertThat(reader.contacts(policy, REPO))
                .containsExactly(new SecurityContact(Kind.ADVISORY_FORM, "example-ml/security"));
    }

    @Test
    void disclosurePlatformsAreContactsWhereverTheLinkStands() {
        // given a policy that sends reports to a bounty platform and to HackerOne
        String policy = """
                We take part in the huntr bounty program: https://huntr.com/repos/example-ml/model-zoo
                Our HackerOne programme (https://hackerone.com/example-ml) also accepts reports.
                """;

        // when it is read, then both links are disclosure platforms, in the file's order
        assertThat(reader.contacts(policy, REPO))
                .containsExactly(
                        new SecurityContact(Kind.DISCLOSURE_PLATFORM, "https://huntr.com/repos/example-ml/model-zoo"),
                        new SecurityContact(Kind.DISCLOSURE_PLATFORM, "https://hackerone.com/example-ml"));
    }

    @Test
    void aWebFormOnAReportingLineIsAContactButReferenceLinksAreNot() {
        // given a form to report through, and links that only explain
        String policy = """
                Submit the report through our form: https://forms.gle/Vq3nX7kR2pLm9sT6A
                Rate the severity with the CVSS calculator (https://www.first.org/cvss/calculator/3.1) and read
                https://docs.github.com/en/code-security/getting-started/adding-a-security-policy-to-your-repository
                to see how we publish advisories.
                """;

        // when it is read, then only the form is a contact
        assertThat(reader.contacts(policy, REPO))
                .containsExactly(new SecurityContact(Kind.WEB, "https://forms.gle/Vq3nX7kR2pLm9sT6A"));
    }

    @Test
    void aPublicIssueTrackerIsNotAPrivateChannel() {
        // given a policy that sends reports to the issue tracker
        String policy = "To report a security problem, open an issue at https://github.com/example-ml/model-zoo/issues"
                + " with the label `security`.";

        // when it is read, then there is no private contact
        assertThat(reader.contacts(policy, REPO)).isEmpty();
    }

    @Test
    void placeholderAddressesAndVagueLinesAreNotContacts() {
        // given a policy left with a placeholder and a line that names no one reachable
        String policy = """
                Send an e-mail to security@example.com (replace with your address).
                Please report privately to the maintainers.
                """;

        // when it is read, then nothing is usable
        assertThat(reader.contacts(policy, REPO)).isEmpty();
    }

    @Test
    void aReportPrivatelyToLineNamingAHandleIsAContact() {
        // given a policy naming a person and where to reach them
        String policy = "Security issues: report privately to @alice-sec on Keybase, not in the issue tracker.";

        // when it is read, then the phrase is kept as the contact
        assertThat(reader.contacts(policy, REPO))
                .containsExactly(
                        new SecurityContact(Kind.PRIVATE_NOTE, "@alice-sec on Keybase, not in the issue tracker"));
    }

    @Test
    void textInHtmlCommentsAndPgpKeyBlocksIsIgnored() {
        // given an address only inside the template's hidden instructions, and a key block naming another
        String policy = """
                <!-- Put your address here, e.g. security@model-zoo.dev -->
                Report vulnerabilities to security@example-ml.org, encrypted with our key:

                -----BEGIN PGP PUBLIC KEY BLOCK-----
                Comment: old-maintainer@model-zoo.dev
                mQINBGV2...
                -----END PGP PUBLIC KEY BLOCK-----
                """;

        // when it is read, then only the visible address counts
        assertThat(reader.contacts(policy, REPO))
                .containsExactly(new SecurityContact(Kind.EMAIL, "security@example-ml.org"));
    }

    @Test
    void nothingToReadNamesNoContact() {
        // given an empty file, then no contact, and no error
        assertThat(reader.contacts("", REPO)).isEmpty();
        assertThat(reader.contacts(null, REPO)).isEmpty();
    }
}
