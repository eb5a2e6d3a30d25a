package dev.aisectriage.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keyword stage: the study's list (vulnerability, vulnerabilities, cve, cwe, security) widened with a curated
 * lexicon of AI-supply-chain security terms. Matches become model features and the explanation of a prediction.
 */
public final class KeywordStage {

    /** The study's own keywords (taxonomy.json {@code paper_keywords}). */
    public static final List<String> PAPER_KEYWORDS =
            List.of("vulnerability", "vulnerabilities", "cve", "cwe", "security");

    /**
     * Keywords that name a vulnerability class outright, the classes the labelling guide lists as security: when
     * training finds them precise enough on the AI-project issues, a post naming one is labelled security whatever
     * the heads say (the study's keyword stage, applied as a rule only to these).
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

    private static final Map<String, String> LEXICON = KeywordLexicon.terms();

    private final List<String> names;
    private final List<Pattern> patterns;
    /** Per pattern, literals one of which must occur for it to match; null when no such gate could be derived. */
    private final List<List<String>> gates;

    public KeywordStage() {
        this.names = List.copyOf(LEXICON.keySet());
        List<Pattern> ps = new ArrayList<>();
        List<List<String>> gs = new ArrayList<>();
        for (String regex : LEXICON.values()) {
            gs.add(gate(regex));
            // Patterns are lower case and run on the lower-cased text: case-insensitive Unicode matching costs
            // about ten times more.
            ps.add(Pattern.compile(regex));
        }
        this.patterns = List.copyOf(ps);
        this.gates = Collections.unmodifiableList(gs);
    }

    /**
     * The leading literal of every top-level alternative of the regex (a cheap {@code String.contains} rules the
     * pattern out before the regex runs), or null when some alternative does not start with a literal.
     */
    static List<String> gate(String regex) {
        List<String> literals = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= regex.length(); i++) {
            char c = i < regex.length() ? regex.charAt(i) : '|';
            if (c == '\\') {
                i++;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == '|' && depth == 0) {
                String lit = leadingLiteral(regex.substring(start, i));
                if (lit.length() < 2) {
                    return null;
                }
                literals.add(lit);
                start = i + 1;
            }
        }
        return List.copyOf(literals);
    }

    private static String leadingLiteral(String alt) {
        StringBuilder lit = new StringBuilder();
        int i = alt.startsWith("\\b") ? 2 : 0;
        while (i < alt.length()) {
            char c = alt.charAt(i);
            char literal;
            int width;
            if (c == '\\' && i + 1 < alt.length() && ".-/_%()".indexOf(alt.charAt(i + 1)) >= 0) {
                literal = alt.charAt(i + 1);
                width = 2;
            } else if ("\\.[](){}?*+|^$".indexOf(c) >= 0) {
                break;
            } else {
                literal = c;
                width = 1;
            }
            int next = i + width;
            if (next < alt.length() && "?*{".indexOf(alt.charAt(next)) >= 0) {
                break;
            }
            lit.append(literal);
            i = next;
        }
        return lit.toString();
    }

    private static boolean passes(List<String> gate, String text) {
        if (gate == null) {
            return true;
        }
        for (String literal : gate) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** Every keyword name, in feature order. */
    public List<String> names() {
        return names;
    }

    /** Matched keyword names, in order of their first appearance in the text. */
    public List<String> match(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<int[]> hits = new ArrayList<>();
        for (int k = 0; k < patterns.size(); k++) {
            if (!passes(gates.get(k), lower)) {
                continue;
            }
            Matcher m = patterns.get(k).matcher(lower);
            if (m.find()) {
                hits.add(new int[] {m.start(), k});
            }
        }
        hits.sort(Comparator.<int[]>comparingInt(h -> h[0]).thenComparingInt(h -> h[1]));
        List<String> out = new ArrayList<>(hits.size());
        for (int[] h : hits) {
            out.add(names.get(h[1]));
        }
        return Collections.unmodifiableList(out);
    }

    /** One 0/1 feature per keyword, aligned with {@link #names()}. */
    public float[] features(List<String> matched) {
        float[] f = new float[names.size()];
        for (String m : matched) {
            f[names.indexOf(m)] = 1f;
        }
        return f;
    }
}
