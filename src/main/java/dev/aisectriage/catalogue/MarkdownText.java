package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import java.util.Locale;

/** How values from outside the catalogue are written into a comment: on one line, inert, unable to mention anyone. */
final class MarkdownText {

    private MarkdownText() {}

    /** Text from outside the catalogue, on one line and unable to mention anyone. */
    static String oneLine(String s) {
        return s == null
                ? ""
                : Mentions.neutralise(s.replaceAll("[\\r\\n]+", " ").trim());
    }

    static String code(String s) {
        return "`" + oneLine(s).replace("`", "'") + "`";
    }

    /** Config errors may quote the repository's YAML: keep it from opening HTML tags in the comment. */
    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String percent(double p) {
        return Math.round(p * 100) + "%";
    }

    static String neighbour(Prediction.Neighbour n) {
        String label = oneLine(n.id());
        String sim = String.format(Locale.ROOT, "%.2f", n.similarity());
        String link = n.url() != null && n.url().startsWith("https://")
                ? "[" + label + "](" + withoutBacklink(n.url()) + ")"
                : code(label);
        return link + " (similarity " + sim + (n.security() ? ", security" : ", not security") + ")";
    }

    /**
     * A plain link to another project's issue puts a "mentioned this" event in that timeline; the bot must not
     * spam other projects, so github.com links go through redirect.github.com, which GitHub does not cross-reference.
     */
    static String withoutBacklink(String url) {
        return url.startsWith("https://github.com/") ? "https://redirect.github.com/" + url.substring(19) : url;
    }
}
