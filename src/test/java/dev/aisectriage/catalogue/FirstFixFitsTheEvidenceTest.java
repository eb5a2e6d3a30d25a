package dev.aisectriage.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.classify.HeadsClassifier;
import dev.aisectriage.classify.Prediction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The first fix of the comment the bot writes, with the bundled classifier, on every flagged post of
 * {@code test-fixtures/} and on the two posts of issue 18: it must be one that the issue type named in the comment's
 * heading calls for (in its curated ranking, or coded with it in at least a tenth of its coded posts) and one that
 * the post's own evidence calls for (read by hand, below).
 */
@Tag("slow")
class FirstFixFitsTheEvidenceTest {

    private static final String DESERIALIZATION = "secure-deserialization-practices";
    private static final String FILE_FORMAT = "secure-file-format-adoption";

    /** What each flagged post's evidence calls for, read from the post: the fixes a maintainer could lead with. */
    private static final Map<String, Set<String>> EVIDENCE_CALLS_FOR = Map.ofEntries(
            // "Users upload adapter files that we merge ... execute code while loading, or poison the base weights?"
            Map.entry("discussion-created-lora-upload-question.json", Set.of(FILE_FORMAT, DESERIALIZATION)),
            Map.entry("discussion_comment-created-maintainer-answer.json", Set.of(FILE_FORMAT, DESERIALIZATION)),
            // "The weights on the hub are pickle files. Could a malicious upload exploit users?"
            Map.entry("discussion-created-security-question.json", Set.of(FILE_FORMAT, DESERIALIZATION)),
            // "torch.load on an untrusted checkpoint unpickles objects: a crafted pickle file gives code execution"
            Map.entry("issues-opened-security-report.json", Set.of(DESERIALIZATION, FILE_FORMAT)),
            Map.entry("issues-opened-theme-label-set-by-reporter.json", Set.of(DESERIALIZATION, FILE_FORMAT)),
            Map.entry("issues-unlabeled-flag-removed-by-maintainer.json", Set.of(DESERIALIZATION, FILE_FORMAT)),
            Map.entry("issue_comment-created-slash-command-by-member.json", Set.of(DESERIALIZATION, FILE_FORMAT)),
            Map.entry("issue_comment-created-slash-command-by-non-member.json", Set.of(DESERIALIZATION, FILE_FORMAT)),
            Map.entry("issues-edited-body-changed.json", Set.of(DESERIALIZATION, FILE_FORMAT)),
            // "calls torch.load(path) without weights_only=True ... Suggested fix: weights_only=True or safetensors"
            Map.entry("issues-opened-detailed-security-report.json", Set.of(DESERIALIZATION, FILE_FORMAT)),
            Map.entry("issues-opened-repository-webhook.json", Set.of(DESERIALIZATION, FILE_FORMAT)),
            Map.entry("issues-labeled-security.json", Set.of(DESERIALIZATION, FILE_FORMAT)),
            Map.entry("issues-unlabeled-theme.json", Set.of(DESERIALIZATION, FILE_FORMAT)),
            Map.entry("issues-edited-security-report.json", Set.of(DESERIALIZATION, FILE_FORMAT)),
            // "torch.load unpickles arbitrary objects ... This loads with weights_only=True."
            Map.entry("pull_request-opened-security-fix.json", Set.of(DESERIALIZATION)),
            // "pytorch_model.bin is a pickle ... loading it with torch.load runs code that is stored inside the file
            // ... Could you convert the weights to safetensors and remove the pickle?": the asked-for format, or a
            // loader that cannot run the file's code
            Map.entry(
                    "huggingface-discussion-create-pickle-code-execution.json", Set.of(FILE_FORMAT, DESERIALIZATION)));

    /** Issue 18's two examples, as a new user would post them. */
    private static final Map<String, Set<String>> ISSUE_EXAMPLES = Map.of(
            "torch.load on user-uploaded checkpoints runs arbitrary code: a crafted pickle gives remote code"
                    + " execution",
            Set.of(DESERIALIZATION, FILE_FORMAT),
            """
            Is it safe to let users upload their own LoRA adapters?

            We run a hosted fine-tuning service on model-zoo. Users upload adapter files that we merge into the \
            base model. Can a malicious adapter do anything beyond changing outputs, e.g. execute code while \
            loading, or poison the shared base weights?""",
            Set.of(FILE_FORMAT, DESERIALIZATION));

    private static final Pattern HEADING =
            Pattern.compile("\\*\\*(?:Security issue|Possibly security-related): " + "[^›*]+› ([^*]+)\\*\\*");
    private static final Pattern FIRST_FIX = Pattern.compile("(?m)^1\\. \\*\\*([^*]+)\\*\\*:");

    private static HeadsClassifier classifier;
    private final Catalogue catalogue = Catalogue.load();
    private final SolutionMapping mapping = SolutionMapping.load();
    private final MarkdownCommentRenderer renderer = MarkdownCommentRenderer.withDefaults();

    @BeforeAll
    static void load() {
        classifier = ClassifierLoader.bundled();
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void everyFlaggedFixtureLeadsWithAFixItsHeadingAndItsEvidenceCallFor() throws IOException {
        // given every fixture that carries a post, and the posts of those the classifier flags
        Map<String, String> flagged = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("test-fixtures"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String text = postText(new ObjectMapper().readTree(f.toFile()));
                if (text != null && classifier.classify(text).security()) {
                    flagged.put(f.getFileName().toString(), text);
                }
            }
        }
        assertThat(flagged).as("flagged fixtures").hasSizeGreaterThanOrEqualTo(10);
        assertThat(EVIDENCE_CALLS_FOR.keySet())
                .as("every flagged fixture has its evidence read by hand")
                .containsAll(flagged.keySet());

        // when
        List<String> misfits = new ArrayList<>();
        flagged.forEach(
                (name, text) -> misfit(name, text, EVIDENCE_CALLS_FOR.get(name)).ifPresent(misfits::add));

        // then
        assertThat(misfits).isEmpty();
    }

    @Test
    void theIssuesTwoExamplesLeadWithAFixForLoadingUntrustedWeights() {
        // given issue 18's two posts
        Map<String, String> misfits = new LinkedHashMap<>();

        // when
        ISSUE_EXAMPLES.forEach((text, calledFor) ->
                misfit(text.substring(0, 40), text, calledFor).ifPresent(m -> misfits.put(text.substring(0, 40), m)));

        // then
        assertThat(misfits).isEmpty();
    }

    /** Why the comment's first fix does not fit the post, or empty if it does. */
    private Optional<String> misfit(String name, String text, Set<String> calledFor) {
        Prediction p = classifier.classify(text);
        // a private repository: in a public one a detailed report gets the disclosure answer, which names no fix
        String comment = renderer.triageComment(new CommentContext("example-ml/model-zoo", false, text, p, List.of()));
        Matcher heading = HEADING.matcher(comment);
        Matcher first = FIRST_FIX.matcher(comment);
        if (!heading.find() || !first.find()) {
            return Optional.of(name + ": no issue type in the heading or no first fix in\n" + comment);
        }
        String issueType = idOf(catalogue.issueTypes().stream().map(t -> Map.entry(t.name(), t.id())), heading);
        String fix = idOf(catalogue.solutions().stream().map(s -> Map.entry(s.name(), s.id())), first);
        if (!headingCallsFor(issueType, fix) || !calledFor.contains(fix)) {
            return Optional.of(name + ": heading " + issueType + ", first fix " + fix + ", evidence calls for "
                    + calledFor + ", the heading for " + callsFor(issueType));
        }
        return Optional.empty();
    }

    private boolean headingCallsFor(String issueType, String solution) {
        return callsFor(issueType).contains(solution);
    }

    /** The issue type's curated fixes and those coded with it in at least a tenth of its coded posts. */
    private List<String> callsFor(String issueType) {
        SolutionMapping.Ranked ranked = mapping.forIssue(issueType);
        List<String> out = new ArrayList<>(catalogue.curated(issueType));
        ranked.solutions().stream()
                .filter(e -> e.support() * 10 >= ranked.posts() && e.support() > 0)
                .map(SolutionMapping.Entry::solutionId)
                .filter(s -> !out.contains(s))
                .forEach(out::add);
        return out;
    }

    private static String idOf(Stream<Map.Entry<String, String>> nameToId, Matcher m) {
        String name = m.group(1).trim();
        return nameToId.filter(e -> e.getKey().equals(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("not in the catalogue: " + name));
    }

    /**
     * The post as the bot classifies it: title and body of the issue, pull request or discussion; on the Hub, a new
     * discussion's title and opening comment (a later comment on the Hub is no post of its own).
     */
    private static String postText(JsonNode payload) {
        if (payload.path("event").path("scope").asText("").startsWith("discussion.")) {
            return null;
        }
        for (String kind : List.of("issue", "pull_request", "discussion")) {
            JsonNode thread = payload.path(kind);
            if (!thread.isObject()) {
                continue;
            }
            String title = thread.path("title").asText("");
            String body = thread.path("body")
                    .asText(payload.path("comment").path("content").asText(""));
            return body.isBlank() ? title : title + "\n\n" + body;
        }
        return null;
    }
}
