package dev.aisectriage.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The keyword stage: the study's list (vulnerability, vulnerabilities, cve, cwe, security) widened with a curated
 * lexicon of AI-supply-chain security terms, each a topic or evidence of a problem ({@link KeywordLexicon}). It reads
 * a post's own sentences apart from what was pasted into it ({@link PostText}), after blanking out the words'
 * ordinary ML senses, so that the features can tell "my API key is printed in the logs" from "where do I put my API
 * key" and from {@code OPENAI_API_KEY=...} in a pasted config. Matches become model features and the explanation.
 */
public final class KeywordStage {

    /** The study's own keywords (taxonomy.json {@code paper_keywords}). */
    public static final List<String> PAPER_KEYWORDS =
            List.of("vulnerability", "vulnerabilities", "cve", "cwe", "security");

    /**
     * Keywords that name a vulnerability class outright, the classes the labelling guide lists as security: when
     * training finds them precise enough on the AI-project issues, a post whose own sentences name one is labelled
     * security whatever the heads say (the study's keyword stage, applied as a rule only to these).
     */
    public static final List<String> DECISIVE = List.of(
            "vulnerability",
            "vulnerabilities",
            "cve",
            "cwe",
            "xss",
            "ssrf",
            "csrf",
            "sql injection",
            "command injection",
            "open redirect",
            "memory corruption",
            "crafted input",
            "path traversal",
            "sandbox escape",
            "cross-origin");

    /**
     * Features beside the keywords: what the keywords say together. A topic with no evidence in the post's own
     * sentences is what a look-alike looks like; a question or how-to asks rather than reports.
     */
    public static final List<String> CUES = List.of(
            "cue: question or how-to",
            "cue: topic without evidence",
            "cue: topic with evidence",
            "cue: evidence only in pasted text",
            "cue: two or more kinds of evidence",
            "cue: evidence in the title",
            "cue: question about a topic");

    /** A CVE or GHSA id is evidence wherever it stands, pasted or written. */
    private static final Pattern ADVISORY_ID =
            Pattern.compile("\\bcve-\\d{4}-\\d{4,}|\\bghsa(-[23456789cfghjmpqrvwx]{4}){3}");

    private static final List<KeywordLexicon.Entry> LEXICON = KeywordLexicon.entries();
    private static final Map<String, String> SENSES = OrdinarySenses.patterns();

    private final List<String> names;
    private final boolean[] evidence;
    private final boolean[] plainWords;
    private final boolean blankSenses;
    private final int cve;
    private final List<AnchoredPattern> patterns;

    private final List<String> senseNames;
    private final List<AnchoredPattern> senses;

    /** A stage that blanks out the ordinary senses before it matches. */
    public KeywordStage() {
        this(true);
    }

    /** @param blankSenses whether the ordinary senses are blanked out (they are always reported as features) */
    public KeywordStage(boolean blankSenses) {
        this.blankSenses = blankSenses;
        List<String> ns = new ArrayList<>();
        List<AnchoredPattern> ps = new ArrayList<>();
        this.evidence = new boolean[LEXICON.size()];
        this.plainWords = new boolean[LEXICON.size()];
        for (KeywordLexicon.Entry e : LEXICON) {
            evidence[ns.size()] = e.kind() == KeywordLexicon.Kind.EVIDENCE;
            plainWords[ns.size()] = e.plainWords();
            ns.add(e.name());
            // Patterns are lower case and run on the lower-cased text: case-insensitive Unicode matching costs
            // about ten times more.
            ps.add(new AnchoredPattern(e.pattern()));
        }
        this.names = List.copyOf(ns);
        this.cve = names.indexOf("cve");
        this.patterns = List.copyOf(ps);
        this.senseNames = List.copyOf(SENSES.keySet());
        this.senses = SENSES.values().stream().map(AnchoredPattern::new).toList();
    }

    /** Literals one of which every match of the regex starts with; null when the regex is run as it is. */
    static List<String> gate(String regex) {
        return new AnchoredPattern(regex).literals();
    }

    /** Every keyword name, in lexicon order. */
    public List<String> names() {
        return names;
    }

    /** Every feature's name, in feature order: each keyword in prose, each keyword pasted, ordinary senses, cues. */
    public List<String> featureNames() {
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n));
        names.forEach(n -> out.add("pasted: " + n));
        out.addAll(senseNames);
        out.addAll(CUES);
        return List.copyOf(out);
    }

    /** Matched keyword names of a raw post, in order of first appearance (its own sentences first). */
    public List<String> match(String text) {
        return read(PostText.of(text)).names();
    }

    /** What the keyword stage finds in a post. */
    public KeywordMatch read(PostText post) {
        String prose = post.prose().toLowerCase(Locale.ROOT);
        String pasted = post.pasted().toLowerCase(Locale.ROOT);
        boolean[] sense = new boolean[senses.size()];
        prose = blankOrdinarySenses(prose, sense);
        pasted = blankOrdinarySenses(pasted, sense);
        int k = patterns.size();
        int[] inProse = new int[k];
        int[] inPasted = new int[k];
        for (int i = 0; i < k; i++) {
            inProse[i] = find(i, prose);
            inPasted[i] = find(i, pasted);
        }
        if (cve >= 0 && inProse[cve] < 0 && ADVISORY_ID.matcher(pasted).find()) {
            inProse[cve] = prose.length();
        }
        return new KeywordMatch(
                this, inProse, inPasted, sense, post, post.title().length());
    }

    /** The position of keyword {@code i}'s first match, or -1. */
    private int find(int i, String text) {
        return text.isEmpty() ? -1 : patterns.get(i).find(text);
    }

    private String blankOrdinarySenses(String text, boolean[] found) {
        String out = text;
        for (int s = 0; s < senses.size(); s++) {
            String blanked = senses.get(s).blank(out);
            if (!blanked.equals(out)) {
                found[s] = true;
                out = blankSenses ? blanked : out;
            }
        }
        return out;
    }

    boolean isEvidence(int keyword) {
        return evidence[keyword];
    }

    boolean isPlainWords(int keyword) {
        return plainWords[keyword];
    }

    int senseCount() {
        return senses.size();
    }

    /** One 0/1 feature per keyword name, aligned with {@link #names()}: for tests of the lexicon. */
    public float[] features(List<String> matched) {
        float[] f = new float[names.size()];
        for (String m : matched) {
            f[names.indexOf(m)] = 1f;
        }
        return f;
    }
}
