package dev.aisectriage.catalogue;

import static dev.aisectriage.catalogue.MarkdownText.escapeHtml;
import static dev.aisectriage.catalogue.MarkdownText.oneLine;
import static dev.aisectriage.catalogue.MarkdownText.percent;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.disclosure.PrivateChannel;
import dev.aisectriage.disclosure.SecurityContact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns a thread's context into the {@link CommentView}s the templates show: the choices, not the prose. */
final class CommentViews {

    private static final String DISCLOSURE_SOLUTION = "adoption-of-vulnerability-disclosure-and-reporting-process";

    private final Catalogue catalogue;
    private final double lowConfidenceBelow;
    private final String webUrl;

    CommentViews(Catalogue catalogue, double lowConfidenceBelow, String webUrl) {
        this.catalogue = catalogue;
        this.lowConfidenceBelow = lowConfidenceBelow;
        this.webUrl = webUrl;
    }

    /** @param correction the maintainers' correction the verdict follows (then the verdict is theirs), or null */
    CommentView.Triage triage(
            Prediction p, List<Recommendation> recommended, Layout layout, CommentContext.Correction correction) {
        boolean low = correction == null && (!p.security() || p.securityProbability() < lowConfidenceBelow);
        Optional<Prediction.IssueTypeScore> issue = Heading.issueType(p);
        String issueId = issue.map(Prediction.IssueTypeScore::id).orElse("");
        List<Recommendation> shown =
                recommended.stream().limit(layout.mitigations()).toList();
        List<Recommendation> rest =
                recommended.stream().skip(layout.mitigations()).toList();
        Shown details = shown(shown, issueId, layout);
        return new CommentView.Triage(
                CommentMarker.MARKER,
                low,
                p.primaryTheme().title(),
                issue.map(this::issueName).orElse(null),
                low ? "low" : p.securityProbability() >= 0.9 ? "high" : "medium",
                percent(p.securityProbability()),
                issue.flatMap(t -> catalogue.issueType(t.id()))
                        .map(IssueType::description)
                        .orElse(null),
                !shown.isEmpty(),
                details.mitigations(),
                alsoConsider(rest, layout),
                alsoConsiderLine(rest, layout),
                details.moreSteps(),
                details.links().entrySet().stream()
                        .map(e -> new CommentView.Link(e.getValue(), e.getKey()))
                        .toList(),
                corrected(correction));
    }

    /** The correction as the comment names it: the corrected post linked without a backlink, never by a bare "#12". */
    CommentView.Corrected corrected(CommentContext.Correction c) {
        if (c == null) {
            return null;
        }
        String post = c.url() != null && c.url().startsWith("https://")
                ? "[#" + c.number() + "](" + MarkdownText.withoutBacklink(c.url()) + ")"
                : MarkdownText.code("#" + c.number());
        return new CommentView.Corrected(
                CommentMarker.MARKER,
                c.thisThread(),
                post,
                String.format(java.util.Locale.ROOT, "%.2f", c.similarity()),
                c.security());
    }

    /** The shown mitigations, numbered; the steps beyond the layout's limit; their links, url to title, once each. */
    private record Shown(List<CommentView.Mitigation> mitigations, List<String> moreSteps, Map<String, String> links) {}

    private Shown shown(List<Recommendation> shown, String issueId, Layout layout) {
        List<CommentView.Mitigation> mitigations = new ArrayList<>();
        List<String> moreSteps = new ArrayList<>();
        Map<String, String> links = new LinkedHashMap<>();
        for (Recommendation r : shown) {
            Optional<Solution> found = catalogue.solution(r.solutionId());
            if (found.isEmpty()) {
                continue;
            }
            Solution s = found.get();
            List<String> steps =
                    s.stepsFor(issueId).stream().map(Solution.Step::text).toList();
            mitigations.add(new CommentView.Mitigation(
                    mitigations.size() + 1,
                    s.name(),
                    s.summary(),
                    steps.stream().limit(layout.steps()).toList(),
                    r.reason()));
            if (layout.moreSteps()) {
                steps.stream().skip(layout.steps()).forEach(step -> moreSteps.add(s.name() + ": " + step));
            }
            s.links().stream().limit(layout.links()).forEach(l -> links.putIfAbsent(l.url(), l.title()));
        }
        return new Shown(mitigations, moreSteps, links);
    }

    /** The recommendations beyond the shown ones as unnumbered mitigations, if the layout lists them so. */
    private List<CommentView.Mitigation> alsoConsider(List<Recommendation> rest, Layout layout) {
        return !layout.alsoConsider()
                ? List.of()
                : rest.stream()
                        .flatMap(r -> catalogue.solution(r.solutionId()).stream())
                        .map(s -> new CommentView.Mitigation(0, s.name(), s.summary(), List.of(), ""))
                        .toList();
    }

    /** The recommendations beyond the shown ones as one line of names, if the layout does not list them. */
    private String alsoConsiderLine(List<Recommendation> rest, Layout layout) {
        return layout.alsoConsider() || rest.isEmpty()
                ? null
                : rest.stream().map(r -> solutionName(r.solutionId())).collect(Collectors.joining(" · "));
    }

    CommentView.Disclosure disclosure(CommentContext context) {
        Prediction p = context.prediction();
        PrivateChannel channel = context.channel();
        return new CommentView.Disclosure(
                CommentMarker.MARKER,
                p.primaryTheme().title(),
                percent(p.securityProbability()),
                webUrl + "/" + context.repository(),
                catalogue
                        .solution(DISCLOSURE_SOLUTION)
                        .map(s -> s.links().stream()
                                .map(l -> new CommentView.Link(l.title(), l.url()))
                                .toList())
                        .orElse(null),
                shown(channel, context.notifiedPrivately()),
                channel instanceof PrivateChannel.PolicyContacts c && !context.notifiedPrivately()
                        ? c.contacts().stream().map(this::contact).toList()
                        : List.of());
    }

    private static CommentView.Channel shown(PrivateChannel channel, boolean notifiedPrivately) {
        if (notifiedPrivately) {
            return CommentView.Channel.NOTIFIED;
        }
        if (channel == null) {
            return CommentView.Channel.UNCHECKED;
        }
        return switch (channel.status()) {
            case PRIVATE_REPORTING -> CommentView.Channel.FORM;
            case SECURITY_POLICY -> CommentView.Channel.POLICY;
            case NO_PRIVATE_CHANNEL -> CommentView.Channel.NONE;
        };
    }

    /**
     * A policy's contact as the comment shows it: an address as text (GitHub links it), a reporting form or web page as
     * a link, a "privately to …" phrase as text that mentions nobody.
     */
    private CommentView.Contact contact(SecurityContact c) {
        String text = escapeHtml(oneLine(c.value()));
        return switch (c.kind()) {
            case EMAIL, PRIVATE_NOTE -> new CommentView.Contact(text, null);
            case ADVISORY_FORM ->
                new CommentView.Contact(
                        "private vulnerability reporting of " + text,
                        webUrl + "/" + c.value() + "/security/advisories/new");
            case DISCLOSURE_PLATFORM, WEB -> new CommentView.Contact(text, c.value());
        };
    }

    CommentView.Explain explain(
            Prediction p,
            boolean withheld,
            String body,
            List<Recommendation> recommended,
            CommentContext.Correction correction,
            String footer) {
        return new CommentView.Explain(
                body,
                percent(p.securityProbability()),
                p.security(),
                p.themes().entrySet().stream()
                        .sorted(Map.Entry.<Theme, Double>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .map(e -> e.getKey().title() + " " + percent(e.getValue()))
                        .collect(Collectors.joining(" · ")),
                withheld,
                p.issueTypes().isEmpty()
                        ? "none predicted"
                        : p.issueTypes().stream()
                                .sorted(Comparator.comparingDouble(Prediction.IssueTypeScore::probability)
                                        .reversed())
                                .limit(3)
                                .map(t -> issueName(t) + " " + percent(t.probability()))
                                .collect(Collectors.joining(" · ")),
                p.keywords().isEmpty()
                        ? "none"
                        : p.keywords().stream().map(MarkdownText::code).collect(Collectors.joining(", ")),
                p.neighbours().isEmpty()
                        ? "none"
                        : p.neighbours().stream().map(MarkdownText::neighbour).collect(Collectors.joining(", ")),
                recommended.stream()
                        .map(r -> new CommentView.Reason(solutionName(r.solutionId()), r.reason()))
                        .toList(),
                corrected(correction),
                footer);
    }

    CommentView.Footer footer(CommentContext context) {
        return new CommentView.Footer(
                context.configErrors().stream().map(e -> escapeHtml(oneLine(e))).toList(),
                oneLine(context.prediction().modelVersion()),
                Arrays.stream(Theme.values()).map(Theme::slug).collect(Collectors.joining(", ")));
    }

    private String issueName(Prediction.IssueTypeScore t) {
        return catalogue.issueType(t.id()).map(IssueType::name).orElse(oneLine(t.name()));
    }

    private String solutionName(String id) {
        return catalogue.solution(id).map(Solution::name).orElse(id);
    }
}
