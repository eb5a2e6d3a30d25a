package dev.aisectriage.catalogue;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells whether a post reads like a vulnerability report that has not been disclosed yet: it names a vulnerability
 * class, carries exploit details (proof of concept, payload, reproduction), and either names affected versions or is
 * written as a security report; and it cites no published identifier (CVE, GHSA), which would mean it is already
 * public. The assessment names signal categories only, never text from the post.
 */
public final class DisclosureDetector {

    /** What the post contains, by category. */
    public enum Signal {
        VULNERABILITY_CLASS,
        EXPLOIT_DETAILS,
        AFFECTED_VERSIONS,
        REPORT_LANGUAGE,
        PUBLISHED_IDENTIFIER
    }

    /** The verdict and the signal categories behind it. */
    public record Assessment(boolean undisclosedReport, Set<Signal> signals) {
        public Assessment {
            signals = Collections.unmodifiableSet(
                    signals.isEmpty() ? EnumSet.noneOf(Signal.class) : EnumSet.copyOf(signals));
        }
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Map<Signal, Pattern> PATTERNS = Map.of(
            Signal.VULNERABILITY_CLASS,
                    Pattern.compile(
                            "\\b(rce|remote code execution|arbitrary (code|command)s? execution|code execution"
                                    + "|(os |shell |sql |template |command )injection|sqli|ssti|injection vulnerability"
                                    + "|path traversal|directory traversal|local file inclusion|lfi"
                                    + "|arbitrary file (read|write|upload|deletion|overwrite)"
                                    + "|ssrf|server[- ]side request forgery|xss|cross[- ]site scripting|csrf"
                                    + "|(unsafe|insecure) deseriali[sz]ation|deseriali[sz]ation (vulnerability|attack|rce)"
                                    + "|auth(entication|orization)? bypass|privilege escalation|idor"
                                    + "|insecure direct object reference|sandbox escape|heap overflow|buffer overflow"
                                    + "|use[- ]after[- ]free)\\b",
                            FLAGS),
            Signal.EXPLOIT_DETAILS,
                    Pattern.compile(
                            "\\b(proof[- ]of[- ]concept|poc|exploit(s|ed|able|ation)?|payloads?|steps to reproduce"
                                    + "|reproduction steps|to reproduce)\\b"
                                    + "|curl\\s+(-{1,2}[\\w-]+\\s+)*['\"]?https?://|<script|\\.\\./\\.\\./|/etc/passwd"
                                    + "|__reduce__|os\\.system\\(|reverse shell|\\bnc\\s+-e\\b",
                            FLAGS),
            Signal.AFFECTED_VERSIONS,
                    Pattern.compile(
                            "\\baffected versions?\\b|\\bversions?\\s*(<=|<|before|prior to|up to|through)\\s*v?\\d"
                                    + "|(<=|≤)\\s*v?\\d+\\.\\d+|\\ball versions\\b"
                                    + "|\\b(latest|current) (version|release) is (also )?(affected|vulnerable)"
                                    + "|\\btested (on|with|against) (version )?v?\\d+\\.\\d+",
                            FLAGS),
            Signal.REPORT_LANGUAGE,
                    Pattern.compile(
                            "\\b(vulnerability|vulnerabilities|vulnerable|security (issue|flaw|bug|report)|cvss|cwe-\\d+"
                                    + "|attacker|malicious user|impact)\\b",
                            FLAGS),
            Signal.PUBLISHED_IDENTIFIER,
                    Pattern.compile("\\bCVE-\\d{4}-\\d{4,}\\b|\\bGHSA(-[23456789cfghjmpqrvwx]{4}){3}\\b", FLAGS));

    /**
     * Whether a thread's comment must repeat nothing of it and send the reporter to a private channel: a thread anyone
     * can read whose text reads like an undisclosed report.
     */
    public boolean withholds(CommentContext context) {
        return context.publicRepository() && assess(context.postText()).undisclosedReport();
    }

    public Assessment assess(String text) {
        Set<Signal> found = EnumSet.noneOf(Signal.class);
        if (text != null) {
            PATTERNS.forEach((signal, pattern) -> {
                if (pattern.matcher(text).find()) {
                    found.add(signal);
                }
            });
        }
        boolean undisclosed = found.contains(Signal.VULNERABILITY_CLASS)
                && found.contains(Signal.EXPLOIT_DETAILS)
                && (found.contains(Signal.AFFECTED_VERSIONS) || found.contains(Signal.REPORT_LANGUAGE))
                && !found.contains(Signal.PUBLISHED_IDENTIFIER);
        return new Assessment(undisclosed, found);
    }
}
