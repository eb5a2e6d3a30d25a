package dev.aisectriage.disclosure;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code SECURITY.md} for the ways it gives to report a vulnerability privately: e-mail addresses, GitHub's
 * "Report a vulnerability" form, disclosure platforms (HackerOne, huntr, …), other links on a line about reporting,
 * and "report privately to …" lines. What is not a private channel is left out: a public issue tracker, reference
 * links (CVE, CWE, CVSS, docs), placeholder addresses ({@code security@example.com}), text inside HTML comments
 * (GitHub's template keeps its instructions there) and PGP key blocks. An empty list means the file names no usable
 * contact.
 */
public final class SecurityPolicyReader {

    private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern PGP_BLOCK =
            Pattern.compile("-----BEGIN PGP[^-]*-----.*?-----END PGP[^-]*-----", Pattern.DOTALL);
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>()\\[\\]\"'`|]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADVISORY_URL = Pattern.compile(
            "https?://[^/]+/([^/\\s]+/[^/\\s]+)/security/advisories(?:/new)?/?(?:[?#].*)?", Pattern.CASE_INSENSITIVE);
    /** GitHub's form named without a link: "use private vulnerability reporting", "the Report a vulnerability button". */
    private static final Pattern FORM_BY_NAME = Pattern.compile(
            "private(?:ly)?[ -]vulnerabilit(?:y|ies)[ -]report|[\"'*]report a vulnerability[\"'*]"
                    + "|report a vulnerability\\W{0,3}(?:button|form|link)|security tab"
                    + "|(?:via|through|use|using) (?:the )?github(?:'s)? security advisor",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern ABOUT_REPORTING = Pattern.compile(
            "report|disclos|contact|submit|send|e-?mail|reach|vulnerab|security (?:issue|bug|problem)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PRIVATELY_TO =
            Pattern.compile("\\bprivately\\b[^.\\n]*?\\bto\\s+([^\\n.;]{3,120})", Pattern.CASE_INSENSITIVE);
    /** A "privately to …" phrase is a contact only if it names someone reachable: a handle or a chat service. */
    private static final Pattern REACHABLE = Pattern.compile(
            "(?<![\\w.])@[\\w-]{2,}|\\b(?:discord|matrix|slack|keybase|telegram|twitter|mastodon|zulip|gitter|irc"
                    + "|wechat|on signal)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern PUBLIC_TRACKER =
            Pattern.compile("/(issues|discussions|pulls)(?:/|$|\\?|#)|/issues/new", Pattern.CASE_INSENSITIVE);
    private static final Set<String> PLATFORMS = Set.of(
            "hackerone.com",
            "huntr.com",
            "huntr.dev",
            "bugcrowd.com",
            "intigriti.com",
            "yeswehack.com",
            "hackenproof.com",
            "immunefi.com",
            "openbugbounty.org");
    /** Hosts linked for reference, never for reporting. */
    private static final Set<String> REFERENCES = Set.of(
            "docs.github.com",
            "help.github.com",
            "github.blog",
            "securitylab.github.com",
            "cve.org",
            "cve.mitre.org",
            "cwe.mitre.org",
            "nvd.nist.gov",
            "first.org",
            "owasp.org",
            "semver.org",
            "keepachangelog.com",
            "opensource.guide",
            "shields.io",
            "raw.githubusercontent.com",
            "github.com");
    /** Domains reserved for examples (RFC 2606) and addresses that reach no one. */
    private static final Pattern PLACEHOLDER_EMAIL = Pattern.compile(
            "(?:@|\\.)(?:example\\.(?:com|org|net)|[a-z0-9-]+\\.(?:example|test|invalid|localhost)|domain\\.com)$"
                    + "|noreply|no-reply|^(?:you|your[._-]?email|email|user|name)@",
            Pattern.CASE_INSENSITIVE);

    /**
     * @param policy     the file's text
     * @param repository {@code owner/name} the policy applies to: "the Report a vulnerability button" means its form
     */
    public List<SecurityContact> contacts(String policy, String repository) {
        Set<SecurityContact> found = new LinkedHashSet<>();
        String text = PGP_BLOCK
                .matcher(HTML_COMMENT.matcher(policy == null ? "" : policy).replaceAll(" "))
                .replaceAll(" ");
        for (String line : text.split("\\R")) {
            List<SecurityContact> onLine = new ArrayList<>();
            Matcher url = URL.matcher(line);
            while (url.find()) {
                link(trimEnd(url.group()), line).ifPresent(onLine::add);
            }
            Matcher email = EMAIL.matcher(URL.matcher(line).replaceAll(" "));
            while (email.find()) {
                String address = email.group().toLowerCase(Locale.ROOT);
                if (!PLACEHOLDER_EMAIL.matcher(address).find()) {
                    onLine.add(new SecurityContact(SecurityContact.Kind.EMAIL, address));
                }
            }
            if (onLine.isEmpty() && FORM_BY_NAME.matcher(line).find()) {
                onLine.add(new SecurityContact(SecurityContact.Kind.ADVISORY_FORM, repository));
            }
            Matcher privately = PRIVATELY_TO.matcher(line);
            if (onLine.isEmpty()
                    && privately.find()
                    && REACHABLE.matcher(privately.group(1)).find()) {
                onLine.add(new SecurityContact(
                        SecurityContact.Kind.PRIVATE_NOTE,
                        privately.group(1).strip().replaceAll("[*_`]+", "")));
            }
            found.addAll(onLine);
        }
        return List.copyOf(found);
    }

    private static Optional<SecurityContact> link(String link, String line) {
        Matcher advisory = ADVISORY_URL.matcher(link);
        if (advisory.matches()) {
            return Optional.of(new SecurityContact(SecurityContact.Kind.ADVISORY_FORM, advisory.group(1)));
        }
        String host = host(link);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        if (within(host, PLATFORMS)) {
            return Optional.of(new SecurityContact(SecurityContact.Kind.DISCLOSURE_PLATFORM, link));
        }
        if (within(host, REFERENCES)
                || PUBLIC_TRACKER.matcher(link).find()
                || !ABOUT_REPORTING.matcher(line).find()) {
            return Optional.empty();
        }
        return Optional.of(new SecurityContact(SecurityContact.Kind.WEB, link));
    }

    /** Whether the host is one of the domains or below one of them. */
    private static boolean within(String host, Set<String> domains) {
        return domains.stream().anyMatch(d -> host.equals(d) || host.endsWith("." + d));
    }

    private static String host(String link) {
        try {
            String host = URI.create(link).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** A link written in prose ends before the sentence's punctuation. */
    private static String trimEnd(String link) {
        return link.replaceFirst("[.,;:!?*_~>]+$", "");
    }
}
