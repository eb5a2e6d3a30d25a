package dev.aisectriage.catalogue;

import java.util.List;

/**
 * What the comment templates under {@code src/main/jte/comment/} show: every value already worded, quoted safely and
 * chosen for the layout, so that the templates hold the prose and nothing else.
 */
public final class CommentView {

    private CommentView() {}

    /**
     * The triage comment's body.
     *
     * @param issueName        the named issue type, or null when only the theme is given
     * @param issueDescription the issue type's one-line description, or null
     * @param recommends       whether any mitigation is shown (the list heading)
     * @param alsoConsider     the other candidates with their summaries, or empty
     * @param alsoConsiderLine the other candidates' names on one line (when their summaries do not fit), or null
     * @param corrected        the maintainers' correction the verdict follows, or null for the model's own
     */
    public record Triage(
            String marker,
            boolean low,
            String theme,
            String issueName,
            String confidence,
            String percent,
            String issueDescription,
            boolean recommends,
            List<Mitigation> shown,
            List<Mitigation> alsoConsider,
            String alsoConsiderLine,
            List<String> moreSteps,
            List<Link> sources,
            Corrected corrected) {

        /** Whether the folded part (other mitigations, more steps, sources) has anything to show. */
        public boolean hasMore() {
            return !alsoConsider.isEmpty() || alsoConsiderLine != null || !moreSteps.isEmpty() || !sources.isEmpty();
        }
    }

    /**
     * The maintainers' correction a verdict follows: theirs on this thread, or theirs on a very similar post.
     *
     * @param post       the corrected post, linked without a backlink
     * @param similarity how close the posts are, two decimals
     * @param security   the verdict the maintainers gave
     */
    public record Corrected(String marker, boolean thisThread, String post, String similarity, boolean security) {}

    /** One mitigation: its number in the list, the steps that fit, and why it is suggested. */
    public record Mitigation(int number, String name, String summary, List<String> steps, String why) {}

    public record Link(String title, String url) {}

    /**
     * The comment on a post that reads like an undisclosed vulnerability report.
     *
     * @param repositoryUrl the repository's web page, for its security policy and advisories
     * @param sources       the disclosure mitigation's sources, or null when the catalogue lacks it
     * @param channel       where the reporter is sent
     * @param contacts      the security policy's contacts ({@link Channel#POLICY}), else empty
     */
    public record Disclosure(
            String marker,
            String theme,
            String percent,
            String repositoryUrl,
            List<Link> sources,
            Channel channel,
            List<Contact> contacts) {}

    /** Where the disclosure comment sends the reporter. */
    public enum Channel {
        /** Not checked: both of GitHub's channels are named, "if it is enabled". */
        UNCHECKED,
        /** Private vulnerability reporting is on: its form. */
        FORM,
        /** The contacts of the repository's security policy. */
        POLICY,
        /** No private channel: ask the maintainers for one, without details. */
        NONE,
        /** The maintainers were notified privately (a draft advisory): nothing else is said. */
        NOTIFIED
    }

    /** One contact of a security policy: its text, linked to {@code url} when it has one. */
    public record Contact(String text, String url) {}

    /**
     * The "why" part of the answer to {@code /ai-security explain}, under the triage or disclosure body.
     *
     * @param withheld whether the post reads like an undisclosed report: then only the probabilities are explained
     * @param corrected the maintainers' correction the verdict follows, or null
     */
    public record Explain(
            String body,
            String security,
            boolean aboveThreshold,
            String themes,
            boolean withheld,
            String issueTypes,
            String keywords,
            String neighbours,
            List<Reason> reasons,
            Corrected corrected,
            String footer) {}

    /** Why a mitigation was suggested. */
    public record Reason(String solution, String reason) {}

    /**
     * The end of every comment.
     *
     * @param configErrors problems of the repository's config file, already quoted safely
     * @param themes       the theme names a maintainer can give to the theme command
     */
    public record Footer(List<String> configErrors, String modelVersion, String themes) {}
}
