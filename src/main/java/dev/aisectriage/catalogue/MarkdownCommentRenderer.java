package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the bot's GitHub-flavoured Markdown: the triage comment (verdict, the top mitigations with their steps, the
 * rest folded away, a footer with the feedback commands) and the answer to {@code /ai-security explain}. In a public
 * repository, a post that reads like an undisclosed vulnerability report gets a comment that repeats nothing from it
 * and points to private reporting instead. Text from the post never appears in any comment.
 */
public final class MarkdownCommentRenderer implements CommentRenderer {

    /** The common-case comment stays under this many characters; longer content is cut down step by step. */
    public static final int TARGET_LENGTH = 2_500;
    /** Below this security probability, or when the classifier did not flag the post, the wording is tentative. */
    public static final double DEFAULT_LOW_CONFIDENCE_BELOW = 0.75;
    /** An issue type is named in the verdict only from this probability up; below it the theme alone is given. */
    static final double NAME_ISSUE_TYPE_FROM = 0.15;

    private static final String DISCLOSURE_SOLUTION = "adoption-of-vulnerability-disclosure-and-reporting-process";
    private static final int CANDIDATES = 5;

    /**
     * How much of the comment body to show; tried from richest to leanest until the comment fits. Without
     * {@code alsoConsider} the other candidates are still named, on one line, without their summaries.
     */
    private record Layout(int mitigations, int steps, boolean alsoConsider, boolean moreSteps, int links) {}

    private static final List<Layout> LAYOUTS = List.of(
            new Layout(3, 3, true, true, 2),
            new Layout(3, 3, true, false, 2),
            new Layout(3, 3, false, false, 2),
            new Layout(2, 3, true, true, 2),
            new Layout(2, 3, true, false, 2),
            new Layout(2, 3, false, false, 2),
            new Layout(2, 2, false, false, 2),
            new Layout(2, 2, false, false, 1));

    private final Catalogue catalogue;
    private final SolutionRecommender recommender;
    private final DisclosureDetector disclosure;
    private final double lowConfidenceBelow;
    private final String webUrl;

    /**
     * @param lowConfidenceBelow security probability under which the comment says the bot is unsure (use the
     *     repository's abstain-band upper bound if known)
     * @param webUrl             the GitHub web root for links to a repository's security pages, e.g.
     *     {@code https://github.com} (see {@link #webUrlFor(String)})
     */
    public MarkdownCommentRenderer(
            Catalogue catalogue,
            SolutionRecommender recommender,
            DisclosureDetector disclosure,
            double lowConfidenceBelow,
            String webUrl) {
        this.catalogue = catalogue;
        this.recommender = recommender;
        this.disclosure = disclosure;
        this.lowConfidenceBelow = lowConfidenceBelow;
        this.webUrl = webUrl.replaceAll("/+$", "");
    }

    /** The shipped catalogue and mapping, default confidence rule, links to github.com. */
    public static MarkdownCommentRenderer withDefaults() {
        return forApi("https://api.github.com");
    }

    /** The shipped catalogue and mapping, with links to the web pages of the GitHub behind {@code apiUrl}. */
    public static MarkdownCommentRenderer forApi(String apiUrl) {
        Catalogue catalogue = Catalogue.load();
        return new MarkdownCommentRenderer(
                catalogue,
                new Recommender(catalogue, SolutionMapping.load()),
                new DisclosureDetector(),
                DEFAULT_LOW_CONFIDENCE_BELOW,
                webUrlFor(apiUrl));
    }

    /**
     * The web root belonging to an API root: {@code https://api.github.com} gives {@code https://github.com}, and a
     * GitHub Enterprise Server's {@code https://host/api/v3} gives {@code https://host}.
     */
    public static String webUrlFor(String apiUrl) {
        String url = apiUrl.replaceAll("/+$", "");
        if (url.matches("https?://api\\.github\\.com")) {
            return url.replace("api.github.com", "github.com");
        }
        return url.replaceAll("/api/v3$", "");
    }

    @Override
    public String triageComment(CommentContext context) {
        String body = isUndisclosedReport(context) ? disclosureBody(context) : fittedTriageBody(context);
        return body + footer(context);
    }

    /**
     * The triage comment with a "why" section added: the github handlers upsert it into the thread's one bot comment,
     * so the mitigations stay visible. In a disclosure case only the probabilities are explained.
     */
    @Override
    public String explainComment(CommentContext context) {
        Prediction p = context.prediction();
        boolean withheld = isUndisclosedReport(context);
        StringBuilder md = new StringBuilder(withheld ? disclosureBody(context) : fittedTriageBody(context));
        md.append(
                "<details open><summary><b>Why the bot says so</b> (<code>/ai-security explain</code>)</summary>\n\n");
        md.append("- **Security:** ")
                .append(percent(p.securityProbability()))
                .append(p.security() ? " (above the model's threshold)" : " (below the model's threshold)")
                .append('\n');
        md.append("- **Themes:** ")
                .append(p.themes().entrySet().stream()
                        .sorted(Map.Entry.<Theme, Double>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .map(e -> e.getKey().title() + " " + percent(e.getValue()))
                        .collect(Collectors.joining(" · ")))
                .append('\n');
        if (withheld) {
            md.append(
                    "\nIssue types, matched keywords, similar examples and mitigations are withheld here because this "
                            + "thread reads like an undisclosed vulnerability report; maintainers can run the bot's `classify` "
                            + "command privately to see them.\n");
            return md.append("\n</details>\n\n").append(footer(context)).toString();
        }
        md.append("- **Top issue types:** ");
        md.append(
                        p.issueTypes().isEmpty()
                                ? "none predicted"
                                : p.issueTypes().stream()
                                        .sorted(Comparator.comparingDouble(Prediction.IssueTypeScore::probability)
                                                .reversed())
                                        .limit(3)
                                        .map(t -> issueName(t) + " " + percent(t.probability()))
                                        .collect(Collectors.joining(" · ")))
                .append('\n');
        md.append("- **Matched keywords:** ");
        md.append(
                        p.keywords().isEmpty()
                                ? "none"
                                : p.keywords().stream()
                                        .map(MarkdownCommentRenderer::code)
                                        .collect(Collectors.joining(", ")))
                .append('\n');
        md.append("- **Nearest labelled examples** (training posts, by link): ");
        md.append(
                        p.neighbours().isEmpty()
                                ? "none"
                                : p.neighbours().stream()
                                        .map(MarkdownCommentRenderer::neighbour)
                                        .collect(Collectors.joining(", ")))
                .append('\n');
        List<Recommendation> recommended = recommender.recommend(p, 3);
        if (!recommended.isEmpty()) {
            md.append("- **Why these mitigations:**\n");
            for (Recommendation r : recommended) {
                md.append("  - ")
                        .append(solutionName(r.solutionId()))
                        .append(": ")
                        .append(r.reason())
                        .append('\n');
            }
        }
        return md.append("\n</details>\n\n").append(footer(context)).toString();
    }

    private boolean isUndisclosedReport(CommentContext context) {
        return context.publicRepository()
                && disclosure.assess(context.postText()).undisclosedReport();
    }

    /** The richest layout whose comment, footer included, stays under {@link #TARGET_LENGTH}. */
    private String fittedTriageBody(CommentContext context) {
        List<Recommendation> recommended = recommender.recommend(context.prediction(), CANDIDATES);
        int footer = footer(context).length();
        String body = "";
        for (Layout layout : LAYOUTS) {
            body = triageBody(context, recommended, layout);
            if (body.length() + footer < TARGET_LENGTH) {
                break;
            }
        }
        return body;
    }

    private String triageBody(CommentContext context, List<Recommendation> recommended, Layout layout) {
        Prediction p = context.prediction();
        boolean low = isLowConfidence(p);
        Optional<Prediction.IssueTypeScore> issue = topIssue(p);
        StringBuilder md = new StringBuilder();
        md.append(CommentMarker.MARKER).append('\n');
        md.append(low ? "**Possibly security-related: " : "**Security issue: ")
                .append(p.primaryTheme().title());
        issue.ifPresent(t -> md.append(" › ").append(issueName(t)));
        md.append("** (confidence: ")
                .append(low ? "low" : confidenceWord(p.securityProbability()))
                .append(", ")
                .append(percent(p.securityProbability()))
                .append(")\n\n");
        if (low) {
            md.append("_The model is unsure about this one. A maintainer should confirm; if it is not a security "
                    + "issue, reply `/ai-security not-security`._\n\n");
        }
        issue.flatMap(t -> catalogue.issueType(t.id()))
                .ifPresent(t -> md.append("> ").append(t.description()).append("\n\n"));

        List<Recommendation> shown =
                recommended.stream().limit(layout.mitigations()).toList();
        List<Recommendation> rest =
                recommended.stream().skip(layout.mitigations()).toList();
        if (!shown.isEmpty()) {
            md.append(low ? "**If it is, these usually help:**\n\n" : "**What usually fixes this:**\n\n");
        }
        int n = 1;
        List<String> moreSteps = new ArrayList<>();
        for (Recommendation r : shown) {
            Optional<Solution> s = catalogue.solution(r.solutionId());
            if (s.isEmpty()) {
                continue;
            }
            Solution solution = s.get();
            List<Solution.Step> steps =
                    solution.stepsFor(issue.map(Prediction.IssueTypeScore::id).orElse(""));
            md.append(n++)
                    .append(". **")
                    .append(solution.name())
                    .append("**: ")
                    .append(solution.summary())
                    .append('\n');
            steps.stream()
                    .limit(layout.steps())
                    .forEach(step -> md.append("   - ").append(step.text()).append('\n'));
            md.append("   <sub>Why: ").append(r.reason()).append("</sub>\n");
            if (layout.moreSteps() && steps.size() > layout.steps()) {
                steps.stream()
                        .skip(layout.steps())
                        .forEach(step -> moreSteps.add("- " + solution.name() + ": " + step.text()));
            }
        }
        md.append('\n');

        StringBuilder details = new StringBuilder();
        if (layout.alsoConsider() && !rest.isEmpty()) {
            details.append("**Also worth considering**\n\n");
            rest.forEach(r -> catalogue
                    .solution(r.solutionId())
                    .ifPresent(s -> details.append("- **")
                            .append(s.name())
                            .append("**: ")
                            .append(s.summary())
                            .append('\n')));
            details.append('\n');
        } else if (!rest.isEmpty()) {
            details.append("**Also worth considering:** ")
                    .append(rest.stream().map(r -> solutionName(r.solutionId())).collect(Collectors.joining(" · ")))
                    .append("\n\n");
        }
        if (!moreSteps.isEmpty()) {
            details.append("**More steps**\n\n");
            moreSteps.forEach(step -> details.append(step).append('\n'));
            details.append('\n');
        }
        Map<String, String> links = new LinkedHashMap<>();
        shown.forEach(r -> catalogue
                .solution(r.solutionId())
                .ifPresent(s ->
                        s.links().stream().limit(layout.links()).forEach(l -> links.putIfAbsent(l.url(), l.title()))));
        if (!links.isEmpty()) {
            details.append("**Sources**\n\n");
            links.forEach((url, title) ->
                    details.append("- [").append(title).append("](").append(url).append(")\n"));
        }
        if (!details.isEmpty()) {
            md.append("<details><summary>More mitigations and sources</summary>\n\n")
                    .append(details)
                    .append("\n</details>\n\n");
        }
        return md.toString();
    }

    private String disclosureBody(CommentContext context) {
        Prediction p = context.prediction();
        String repo = webUrl + "/" + context.repository();
        StringBuilder md = new StringBuilder();
        md.append(CommentMarker.MARKER).append('\n');
        md.append("**This looks like a report of a security vulnerability, posted in a public thread** " + "(theme: ")
                .append(p.primaryTheme().title())
                .append(", confidence: ")
                .append(percent(p.securityProbability()))
                .append(")\n\n");
        md.append("Anyone can read this thread. Until a fix is released, please keep the details out of public view: "
                + "this comment deliberately repeats nothing from the report, and nobody should add more here.\n\n");
        md.append("**To the reporter:** thank you. Please send the details privately: follow the repository's ")
                .append("[security policy](")
                .append(repo)
                .append("/security/policy) (`SECURITY.md`), or use ")
                .append("[private vulnerability reporting](")
                .append(repo)
                .append("/security/advisories/new) ")
                .append("if it is enabled. You can then edit the reproduction details out of this post.\n\n");
        md.append("**To the maintainers:**\n");
        md.append("1. Open a [draft security advisory](")
                .append(repo)
                .append("/security/advisories/new), move the ")
                .append("report there, and work on the fix in the advisory's temporary private fork.\n");
        md.append("2. Hide the details here: edit them out and delete the earlier revision from the edit history, "
                + "or delete the issue if you have admin rights.\n");
        md.append("3. If private vulnerability reporting is off, turn it on in the repository's security settings "
                + "and add a `SECURITY.md`, so the next report arrives privately.\n");
        md.append("4. When the fix ships, publish the advisory with the affected and fixed versions and request a CVE, "
                + "so scanners can warn users.\n\n");
        catalogue.solution(DISCLOSURE_SOLUTION).ifPresent(s -> {
            md.append("<details><summary>Sources</summary>\n\n");
            s.links()
                    .forEach(l -> md.append("- [")
                            .append(l.title())
                            .append("](")
                            .append(l.url())
                            .append(")\n"));
            md.append("\n</details>\n\n");
        });
        return md.toString();
    }

    private String footer(CommentContext context) {
        StringBuilder md = new StringBuilder();
        if (!context.configErrors().isEmpty()) {
            md.append(
                    "> [!WARNING]\n> `.github/ai-security-triage.yml` has problems, so the bot is using its defaults:\n");
            context.configErrors()
                    .forEach(e ->
                            md.append("> - ").append(escapeHtml(oneLine(e))).append('\n'));
            md.append('\n');
        }
        String themes = java.util.Arrays.stream(Theme.values()).map(Theme::slug).collect(Collectors.joining(", "));
        md.append("---\n<sub>ai-security-triage · model `")
                .append(oneLine(context.prediction().modelVersion()))
                .append("` · maintainers: `/ai-security not-security` · `/ai-security theme <name>` (")
                .append(themes)
                .append(") · `/ai-security explain` · `/ai-security off`</sub>\n");
        return md.toString();
    }

    private boolean isLowConfidence(Prediction p) {
        return !p.security() || p.securityProbability() < lowConfidenceBelow;
    }

    private static Optional<Prediction.IssueTypeScore> topIssue(Prediction p) {
        return p.issueTypes().stream()
                .max(Comparator.comparingDouble(Prediction.IssueTypeScore::probability))
                .filter(t -> t.probability() >= NAME_ISSUE_TYPE_FROM);
    }

    private String issueName(Prediction.IssueTypeScore t) {
        return catalogue.issueType(t.id()).map(IssueType::name).orElse(oneLine(t.name()));
    }

    private String solutionName(String id) {
        return catalogue.solution(id).map(Solution::name).orElse(id);
    }

    private static String confidenceWord(double p) {
        return p >= 0.9 ? "high" : "medium";
    }

    private static String percent(double p) {
        return Math.round(p * 100) + "%";
    }

    private static String neighbour(Prediction.Neighbour n) {
        String label = oneLine(n.id());
        String sim = String.format(Locale.ROOT, "%.2f", n.similarity());
        String link = n.url() != null && n.url().startsWith("https://")
                ? "[" + label + "](" + withoutBacklink(n.url()) + ")"
                : code(label);
        return link + " (similarity " + sim + (n.security() ? ", security" : ", not security") + ")";
    }

    /**
     * A plain link to another project's issue puts a "mentioned this" event in that issue's timeline; the bot must not
     * spam other projects, so github.com links go through redirect.github.com, which GitHub does not cross-reference.
     */
    static String withoutBacklink(String url) {
        return url.startsWith("https://github.com/") ? "https://redirect.github.com/" + url.substring(19) : url;
    }

    private static String code(String s) {
        return "`" + oneLine(s).replace("`", "'") + "`";
    }

    /** Config errors may quote the repository's YAML: keep it from opening HTML tags in the comment. */
    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Text from outside the catalogue, on one line and unable to mention anyone. */
    private static String oneLine(String s) {
        return s == null
                ? ""
                : Mentions.neutralise(s.replaceAll("[\\r\\n]+", " ").trim());
    }
}
