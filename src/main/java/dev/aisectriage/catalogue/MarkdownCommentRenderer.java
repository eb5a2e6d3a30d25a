package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import java.util.List;

/**
 * Writes the bot's Markdown from the templates of {@code src/main/jte/comment/}: the triage comment (verdict, the top
 * mitigations with their steps, the rest folded away, a footer with the feedback commands) and the answer to
 * {@code /ai-security explain}, in GitHub's flavour or the Hugging Face Hub's. In a public repository, a post that
 * reads like an undisclosed vulnerability report gets a comment that repeats nothing from it and points to private
 * reporting instead. A verdict that follows the maintainers' correction says so in place of the model's confidence;
 * after "not security" the comment says that and nothing more. Text from the post never appears in any comment.
 */
public final class MarkdownCommentRenderer implements CommentRenderer {

    /** The common-case comment stays under this many characters; longer content is cut down step by step. */
    public static final int TARGET_LENGTH = 2_500;
    /** Below this security probability, or when the classifier did not flag the post, the wording is tentative. */
    public static final double DEFAULT_LOW_CONFIDENCE_BELOW = 0.75;

    private static final int CANDIDATES = 5;

    private final SolutionRecommender recommender;
    private final DisclosureDetector disclosure;
    private final CommentViews views;

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
        this.recommender = recommender;
        this.disclosure = disclosure;
        this.views = new CommentViews(catalogue, lowConfidenceBelow, webUrl.replaceAll("/+$", ""));
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
        return body(context) + footer(context);
    }

    /**
     * The triage comment with a "why" section added: the github handlers upsert it into the thread's one bot comment,
     * so the mitigations stay visible. In a disclosure case only the probabilities are explained.
     */
    @Override
    public String explainComment(CommentContext context) {
        Prediction p = context.prediction();
        CommentView.Explain view = views.explain(
                p,
                isUndisclosedReport(context),
                body(context),
                notSecurity(context) ? List.of() : recommender.recommend(p, 3),
                context.correction(),
                footer(context));
        return CommentTemplates.render(context.flavour(), "explain", view);
    }

    static String withoutBacklink(String url) {
        return MarkdownText.withoutBacklink(url);
    }

    /** Once the maintainers said it is not a security issue, the body says so and nothing more. */
    private String body(CommentContext context) {
        if (notSecurity(context)) {
            return CommentTemplates.render(context.flavour(), "corrected", views.corrected(context.correction()));
        }
        return isUndisclosedReport(context)
                ? CommentTemplates.render(context.flavour(), "disclosure", views.disclosure(context))
                : fittedTriageBody(context);
    }

    private static boolean notSecurity(CommentContext context) {
        return context.correction() != null && !context.correction().security();
    }

    private boolean isUndisclosedReport(CommentContext context) {
        return disclosure.withholds(context);
    }

    /** The richest layout whose comment, footer included, stays under {@link #TARGET_LENGTH}. */
    private String fittedTriageBody(CommentContext context) {
        List<Recommendation> recommended = recommender.recommend(context.prediction(), CANDIDATES);
        int footer = footer(context).length();
        String body = "";
        for (Layout layout : Layout.RICHEST_FIRST) {
            CommentView.Triage view = views.triage(context.prediction(), recommended, layout, context.correction());
            body = CommentTemplates.render(context.flavour(), "triage", view);
            if (body.length() + footer < TARGET_LENGTH) {
                break;
            }
        }
        return body;
    }

    private String footer(CommentContext context) {
        return CommentTemplates.render(context.flavour(), "footer", views.footer(context));
    }
}
