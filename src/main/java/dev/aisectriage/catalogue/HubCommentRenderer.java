package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot's comment in Hub-flavoured Markdown, for Hugging Face Hub discussions: the same verdict and mitigations as
 * on GitHub, without GitHub-only syntax (folded {@code <details>} sections, {@code <sub>}, alerts) and without the
 * slash commands, which the Hub side does not take. A public discussion that reads like an undisclosed
 * vulnerability report gets a comment that repeats nothing from it and points to private reporting on the Hub.
 */
public final class HubCommentRenderer implements CommentRenderer {

    private static final Pattern DETAILS_OPEN = Pattern.compile("<details[^>]*>\\s*<summary>(.*?)</summary>\\s*");
    private static final Pattern SUB = Pattern.compile("<sub>(.*?)</sub>");
    private static final Pattern CODE = Pattern.compile("<code>(.*?)</code>");
    private static final Pattern BOLD = Pattern.compile("<b>(.*?)</b>");
    private static final String GITHUB_FOOTER = "---\n<sub>ai-security-triage";
    private static final String SLASH_HINT =
            " A maintainer should confirm; if it is not a security issue, reply `/ai-security not-security`.";

    private final CommentRenderer markdown;
    private final DisclosureDetector disclosure;

    /** @param markdown the GitHub-flavoured renderer whose verdict and mitigations this one rewrites */
    public HubCommentRenderer(CommentRenderer markdown, DisclosureDetector disclosure) {
        this.markdown = markdown;
        this.disclosure = disclosure;
    }

    /** The shipped catalogue and mapping, default confidence rule. */
    public static HubCommentRenderer withDefaults() {
        return new HubCommentRenderer(MarkdownCommentRenderer.withDefaults(), new DisclosureDetector());
    }

    @Override
    public String triageComment(CommentContext context) {
        if (context.publicRepository() && disclosure.assess(context.postText()).undisclosedReport()) {
            return disclosureBody(context.prediction()) + footer(context.prediction());
        }
        return hubFlavoured(markdown.triageComment(withoutConfigErrors(context)), context.prediction());
    }

    @Override
    public String explainComment(CommentContext context) {
        return hubFlavoured(markdown.explainComment(withoutConfigErrors(context)), context.prediction());
    }

    /** The Hub has no per-repository config file for the bot: nothing to report in a footer. */
    private static CommentContext withoutConfigErrors(CommentContext c) {
        return new CommentContext(c.repository(), c.publicRepository(), c.postText(), c.prediction(), List.of());
    }

    /** Rewrites GitHub-only syntax into plain Markdown and puts the Hub's footer in place of GitHub's. */
    static String hubFlavoured(String githubMarkdown, Prediction prediction) {
        String md = githubMarkdown;
        int footer = md.indexOf(GITHUB_FOOTER);
        if (footer >= 0) {
            md = md.substring(0, footer);
        }
        md = md.replace(SLASH_HINT, " A maintainer should confirm.");
        md = replaceAll(DETAILS_OPEN, md, m -> "**" + plain(m.group(1)) + "**\n\n");
        md = md.replace("</details>", "");
        md = replaceAll(SUB, md, m -> "_" + m.group(1) + "_");
        md = replaceAll(CODE, md, m -> "`" + m.group(1) + "`");
        md = replaceAll(BOLD, md, m -> "**" + m.group(1) + "**");
        md = md.replace("> [!WARNING]\n", "> **Warning**\n");
        md = md.replaceAll("\n{3,}", "\n\n");
        return md.stripTrailing() + "\n\n" + footer(prediction);
    }

    private static String disclosureBody(Prediction p) {
        return CommentMarker.MARKER + "\n"
                + "**This looks like a report of a security vulnerability, posted in a public discussion** (theme: "
                + p.primaryTheme().title() + ", confidence: " + Math.round(p.securityProbability() * 100) + "%)\n\n"
                + "Anyone can read this discussion. Until a fix is released, please keep the details out of public "
                + "view: this comment deliberately repeats nothing from the report, and nobody should add more here.\n\n"
                + "**To the reporter:** thank you. Please send the details privately: to the repository's owners "
                + "through the contact their model or dataset card gives, or to Hugging Face's security team at "
                + "security@huggingface.co. You can then edit the reproduction details out of this post.\n\n"
                + "**To the maintainers:**\n"
                + "1. Hide the comments that carry the details (the Hub lets repository owners hide a comment), and "
                + "move the conversation to a private channel.\n"
                + "2. Fix the affected files or code, and say in the card which revisions were affected.\n"
                + "3. Add a security contact to the card, so the next report arrives privately.\n\n";
    }

    private static String footer(Prediction p) {
        String model = p.modelVersion() == null
                ? ""
                : p.modelVersion().replaceAll("[\\r\\n`]+", " ").trim();
        return "---\n_ai-security-triage · model `" + model
                + "` · an automatic triage: the repository's maintainers decide, and a reply saying it is wrong "
                + "helps them._\n";
    }

    private static String plain(String html) {
        return html.replaceAll("<[^>]+>", "").trim();
    }

    private static String replaceAll(Pattern p, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
