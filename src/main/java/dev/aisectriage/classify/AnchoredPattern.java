package dev.aisectriage.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex whose every match starts with one of a few literals: it is tried only where {@code String.indexOf} finds
 * one, instead of at every position of the text. A keyword pattern is an alternation of phrases; Java's regex engine
 * tries each phrase at each character, which for a hundred patterns over a long post costs as much as the encoder.
 * A regex with a phrase that starts with no literal is run as it is.
 */
final class AnchoredPattern {

    /** A literal and the top-level alternative of the regex that starts with it. */
    private record Anchor(String literal, Pattern alternative) {}

    private final Pattern whole;
    /** Null when some alternative starts with no literal of at least two characters. */
    private final List<Anchor> anchors;

    AnchoredPattern(String regex) {
        this.whole = Pattern.compile(regex);
        List<Anchor> found = new ArrayList<>();
        for (String alt : alternatives(regex)) {
            List<String> literals = leadingLiterals(alt);
            if (literals == null) {
                found = null;
                break;
            }
            Pattern p = Pattern.compile(alt);
            for (String lit : literals) {
                found.add(new Anchor(lit, p));
            }
        }
        this.anchors = found == null ? null : List.copyOf(found);
    }

    /** The literals every match starts with, or null when the regex is run as it is. */
    List<String> literals() {
        return anchors == null ? null : anchors.stream().map(Anchor::literal).toList();
    }

    /** Where the first match starts, or -1. */
    int find(String text) {
        if (anchors == null) {
            Matcher m = whole.matcher(text);
            return m.find() ? m.start() : -1;
        }
        int best = -1;
        for (Anchor a : anchors) {
            Matcher m = null;
            int from = 0;
            int at;
            while ((at = text.indexOf(a.literal(), from)) >= 0 && (best < 0 || at < best)) {
                if (m == null) {
                    m = a.alternative().matcher(text).useTransparentBounds(true);
                }
                if (m.region(at, text.length()).lookingAt()) {
                    best = at;
                    break;
                }
                from = at + 1;
            }
        }
        return best;
    }

    /** The text with every match replaced by a space; the same text when nothing matches. */
    String blank(String text) {
        if (anchors == null) {
            return whole.matcher(text).replaceAll(" ");
        }
        char[] out = null;
        for (Anchor a : anchors) {
            Matcher m = null;
            int from = 0;
            int at;
            while ((at = text.indexOf(a.literal(), from)) >= 0) {
                if (m == null) {
                    m = a.alternative().matcher(text).useTransparentBounds(true);
                }
                if (m.region(at, text.length()).lookingAt() && m.end() > at) {
                    out = out == null ? text.toCharArray() : out;
                    java.util.Arrays.fill(out, at, m.end(), ' ');
                }
                from = at + 1;
            }
        }
        return out == null ? text : new String(out);
    }

    /** The regex's top-level alternatives. */
    static List<String> alternatives(String regex) {
        List<String> out = new ArrayList<>();
        int[] start = {0};
        walk(regex + "|", (i, c, depth) -> {
            if (c == '|' && depth == 0) {
                out.add(regex.substring(start[0], i));
                start[0] = i + 1;
            }
            return false;
        });
        return out;
    }

    /** What {@link #walk} shows of each character outside an escape. */
    private interface Visitor {
        /** @param depth the nesting of groups and classes before this character; true stops the walk */
        boolean visit(int index, char c, int depth);
    }

    /** Visits the regex's characters, skipping escaped ones; the index it stopped at, or -1. */
    private static int walk(String regex, Visitor visitor) {
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (visitor.visit(i, c, depth)) {
                return i;
            }
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            }
        }
        return -1;
    }

    /**
     * The literals an alternative starts with: its leading literal, or the leading literals of the alternatives of a
     * group it starts with; null when there is none of at least two characters.
     */
    static List<String> leadingLiterals(String alt) {
        String a = alt.startsWith("\\b") ? alt.substring(2) : alt;
        if (a.startsWith("(") && !a.startsWith("(?<") && !a.startsWith("(?=") && !a.startsWith("(?!")) {
            int close = closing(a);
            boolean optional = close + 1 < a.length() && "?*{".indexOf(a.charAt(close + 1)) >= 0;
            if (optional) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (String inner : alternatives(a.substring(a.startsWith("(?:") ? 3 : 1, close))) {
                List<String> lits = leadingLiterals(inner);
                if (lits == null) {
                    return null;
                }
                out.addAll(lits);
            }
            return out;
        }
        String lit = leadingLiteral(a);
        return lit.length() < 2 ? null : List.of(lit);
    }

    private static String leadingLiteral(String alt) {
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < alt.length()) {
            char c = alt.charAt(i);
            char literal;
            int width;
            if (c == '\\' && i + 1 < alt.length() && ".-/_%()$[]{}*+?|".indexOf(alt.charAt(i + 1)) >= 0) {
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

    /** The index of the parenthesis closing the group that {@code s} starts with. */
    private static int closing(String s) {
        int at = walk(s, (i, c, depth) -> depth == 1 && (c == ')' || c == ']'));
        return at < 0 ? s.length() - 1 : at;
    }
}
