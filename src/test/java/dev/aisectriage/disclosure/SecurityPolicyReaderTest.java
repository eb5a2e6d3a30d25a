package dev.aisectriage.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.disclosure.SecurityContact.Kind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecurityPolicyReaderTest {

    private static final String REPO = "example-ml/model-zoo";

    private final SecurityPolicyReader reader = new SecurityPolicyReader();

    static Stream<Arguments> policiesNamingAContact() {
        return Stream.of(
                Arguments.of(
                        "an address in a mailto link counts once",
                        """
                        ## Reporting a vulnerability

                        Please do **not** open a public issue. Report suspected vulnerabilities to
                        **[security@example-ml.org](mailto:security@example-ml.org)**; we answer within 3 working days.
                        """,
                        List.of(new SecurityContact(Kind.EMAIL, "security@example-ml.org"))),
                Arguments.of(
                        "private vulnerability reporting named without a link means the repository's form",
                        "Please use GitHub's private vulnerability reporting: open the Security tab and click"
                                + " **Report a vulnerability**.",
                        List.of(new SecurityContact(Kind.ADVISORY_FORM, REPO))),
                Arguments.of(
                        "a reporting form link names the repository it belongs to",
                        "Report vulnerabilities in any of our projects at"
                                + " https://github.com/example-ml/security/security/advisories/new.",
                        List.of(new SecurityContact(Kind.ADVISORY_FORM, "example-ml/security"))),
                Arguments.of(
                        "disclosure platforms count wherever their link stands, in the file's order",
                        """
                        We take part in the huntr bounty program: https://huntr.com/repos/example-ml/model-zoo
                        Our HackerOne programme (https://hackerone.com/example-ml) also accepts reports.
                        """,
                        List.of(
                                new SecurityContact(
                                        Kind.DISCLOSURE_PLATFORM, "https://huntr.com/repos/example-ml/model-zoo"),
                                new SecurityContact(Kind.DISCLOSURE_PLATFORM, "https://hackerone.com/example-ml"))),
                Arguments.of(
                        "a web form on a reporting line counts, reference links beside it do not",
                        """
                        Submit the report through our form: https://forms.gle/Vq3nX7kR2pLm9sT6A
                        Rate the severity with the CVSS calculator (https://www.first.org/cvss/calculator/3.1) and read
                        https://docs.github.com/en/code-security/getting-started/adding-a-security-policy-to-your-repository
                        to see how we publish advisories.
                        """,
                        List.of(new SecurityContact(Kind.WEB, "https://forms.gle/Vq3nX7kR2pLm9sT6A"))),
                Arguments.of(
                        "a report-privately-to line naming a handle is kept as written",
                        "Security issues: report privately to @alice-sec on Keybase, not in the issue tracker.",
                        List.of(new SecurityContact(
                                Kind.PRIVATE_NOTE, "@alice-sec on Keybase, not in the issue tracker"))),
                Arguments.of(
                        "text in HTML comments and PGP key blocks is ignored",
                        """
                        <!-- Put your address here, e.g. security@model-zoo.dev -->
                        Report vulnerabilities to security@example-ml.org, encrypted with our key:

                        -----BEGIN PGP PUBLIC KEY BLOCK-----
                        Comment: old-maintainer@model-zoo.dev
                        mQINBGV2...
                        -----END PGP PUBLIC KEY BLOCK-----
                        """,
                        List.of(new SecurityContact(Kind.EMAIL, "security@example-ml.org"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policiesNamingAContact")
    void eachWayAPolicyNamesAPrivateContactIsRead(String behaviour, String policy, List<SecurityContact> expected) {
        // given a SECURITY.md naming a private contact one way (see the case's name)

        // when it is read
        List<SecurityContact> contacts = reader.contacts(policy, REPO);

        // then exactly those contacts are found
        assertThat(contacts).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> policiesNamingNoContact() {
        return Stream.of(
                Arguments.of("GitHub's untouched template", """
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
                        """),
                Arguments.of(
                        "a public issue tracker",
                        "To report a security problem, open an issue at https://github.com/example-ml/model-zoo/issues"
                                + " with the label `security`."),
                Arguments.of("a placeholder address and a line that names no one reachable", """
                        Send an e-mail to security@example.com (replace with your address).
                        Please report privately to the maintainers.
                        """),
                Arguments.of("an empty file", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policiesNamingNoContact")
    void whatIsNotAPrivateChannelIsLeftOut(String behaviour, String policy) {
        // given a SECURITY.md that gives no private way to report (see the case's name)

        // when it is read, then it names no usable contact
        assertThat(reader.contacts(policy, REPO)).isEmpty();
    }

    @Test
    void aMissingFileNamesNoContactAndRaisesNoError() {
        // given no text at all, when it is read, then nothing is found
        assertThat(reader.contacts(null, REPO)).isEmpty();
    }
}
