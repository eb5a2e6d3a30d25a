package dev.aisectriage.classify;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post split into what its people wrote and what they pasted. {@code prose} is the title and the sentences of the
 * post and its replies; {@code pasted} is code blocks, logs, tracebacks, configs, quoted text, checklists, template
 * headings, file names, paths, identifiers and links; {@code text} is the whole post without the lines a listing adds
 * around it (the {@code owner/repo · issue #N} header, its labels, the {@code author · comment · date} markers) and
 * without HTML comments (issue templates hide their instructions there).
 *
 * @param title    the first line of the post, without a leading {@code #}
 * @param question whether the post asks how to do something rather than reports something (a question in the title,
 *                 or "how do I", "is there a way", "where do I put" near the start)
 */
public record PostText(String text, String title, String prose, String pasted, boolean question) {

    private static final Pattern LISTING_HEADER =
            Pattern.compile("^\\S+/\\S+ · (issue|pull request|discussion|pr) #\\d+( · .*)?$");
    private static final Pattern LABELS = Pattern.compile("^labels: .*$");
    private static final Pattern AUTHOR_MARKER =
            Pattern.compile("^\\S+ · (description|comment|review|answer|reply|review comment)( · .*)?$");
    private static final Pattern HTML_COMMENT = Pattern.compile("(?s)<!--.*?(-->|$)");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");

    /**
     * Lines that a program wrote or a person pasted (logs, tracebacks, configs, prompts, markup), by how they start
     * once their indentation is stripped; tried at the start of the line only.
     */
    private static final Pattern PASTED_LINE = Pattern.compile(String.join(
            "|",
            ">", // quoted
            "#{2,6}\\s", // template headings
            "[-*]\\s*\\[[ xX]\\]", // checklists
            "traceback \\(most recent call last\\)",
            "file \"[^\"]*\", line \\d+",
            "at [\\w.$<>]+\\(",
            "[\\w.]*(error|exception|warning)(\\s*\\[[^]]*\\])?:\\s",
            "\\[?\\d{4}-\\d{2}-\\d{2}[ t]\\d{1,2}:\\d{2}",
            "\\[?\\d{1,2}:\\d{2}:\\d{2}",
            "\\[(info|debug|warn|warning|error|trace|fatal|critical)\\]",
            "(info|debug|warn|warning|error|trace|fatal|critical)\\s*[:|]",
            "(\\$|>>>|\\.\\.\\.|ps [a-z]:\\\\|[a-z]:\\\\)",
            "(pip3?|python3?|npm|npx|docker|curl|wget|git|sudo|conda|uv|uvx|ollama|yarn|cargo|brew|apt-get|kubectl"
                    + "|helm) \\S",
            "export [a-z_][a-z0-9_]*=",
            "[{}\\[\\]]",
            "\"[^\"]+\"\\s*:",
            "[\\w.\\-\\[\\]]+\\s*[:=]\\s*\\S*\\s*$",
            "[a-z_][\\w.]*\\s*=\\s*\\S",
            "(import [\\w.]+|from [\\w.]+ import)\\b",
            "(def|class|fn|function|impl|async def|func) \\w+\\s*[(<:{]",
            "(const|let|var|public|private|package|#include|return)\\b.*[;={]\\s*$",
            "<[a-z/!]",
            "!\\[",
            "\\|.*\\|\\s*$", // table rows
            "https?://\\S+\\s*$"));

    /** Lines that end as code does. */
    private static final Pattern CODE_END = Pattern.compile("[;{}]\\s*$|\\):\\s*$");

    /** Spans inside a sentence that are pasted rather than written: inline code, links, paths, file names, ids. */
    private static final Pattern PASTED_SPAN = Pattern.compile(String.join(
            "|",
            "`[^`\\n]+`",
            "\\[[^\\]\\n]*\\]\\([^)\\s]+\\)",
            "https?://\\S+",
            "(?<![\\w])(?:[\\w.~-]+/){2,}[\\w.~-]*",
            "(?<![\\w/])[\\w.-]+\\.(?:pkl|pickle|pt|pth|bin|ckpt|safetensors|gguf|onnx|h5|json|ya?ml|py|ipynb|js|ts|sh"
                    + "|txt|md|toml|cfg|ini|env|log|zip|tar|gz|whl|exe|dll|so)\\b",
            "\\b[a-z0-9]+(?:_[a-z0-9]+){1,}\\b", // snake_case identifiers: max_tokens, trust_remote_code, hf_token
            "\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b")); // environment variables: OPENAI_API_KEY, HF_TOKEN

    private static final Pattern QUESTION_TITLE =
            Pattern.compile("\\?\\s*$|^\\s*\\[?(question|q&a|help|feature request|feature|request|how[- ]to|support)\\b"
                    + "|^\\s*(how|what|where|why|which|is|are|can|could|does|do|should|would|will|any)\\b");
    private static final Pattern QUESTION_TEXT = Pattern.compile(
            "\\bhow (do|can|could|should|would|to|does) (i|we|you|one|it)?\\b|\\bis (it|there) (possible|a way|any way)"
                    + "|\\bwhere (do|can|should|would) (i|we|you)\\b|\\bany (way|idea|ideas|suggestions?|help)\\b"
                    + "|\\bi('d| would) like to (know|ask)\\b|\\bplease (help|advise)\\b|\\bhow can i\\b");

    /** Characters of the start of the prose searched for a question. */
    private static final int QUESTION_WINDOW = 400;

    /** Splits a post. Null or empty text gives an empty post. */
    public static PostText of(String raw) {
        if (raw == null || raw.isBlank()) {
            return new PostText("", "", "", "", false);
        }
        String src = raw.replace("\r\n", "\n");
        src = HTML_COMMENT.matcher(src).replaceAll(" ");
        StringBuilder text = new StringBuilder(src.length());
        StringBuilder prose = new StringBuilder();
        StringBuilder pasted = new StringBuilder();
        String title = null;
        boolean inFence = false;
        int lineNo = 0;
        for (String line : src.split("\n", -1)) {
            lineNo++;
            if (lineNo <= 3
                    && (LISTING_HEADER.matcher(line).matches()
                            || LABELS.matcher(line).matches())) {
                continue;
            }
            if (AUTHOR_MARKER.matcher(line).matches()) {
                text.append('\n');
                prose.append('\n');
                continue;
            }
            text.append(line).append('\n');
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            if (title == null && !line.isBlank()) {
                title = line.strip().replaceFirst("^#\\s*", "");
                prose.append(sentences(title, pasted)).append(".\n");
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (inFence || pasted(lower)) {
                pasted.append(line).append('\n');
            } else {
                prose.append(sentences(line, pasted)).append('\n');
            }
        }
        String t = title == null ? "" : title;
        String p = prose.toString();
        return new PostText(text.toString().strip(), t, p, pasted.toString(), asks(t, p));
    }

    private static boolean pasted(String lowerLine) {
        String t = lowerLine.stripLeading();
        return PASTED_LINE.matcher(t).lookingAt() || CODE_END.matcher(t).find();
    }

    /** The line with its pasted spans moved to {@code pasted} (a space left in their place). */
    private static String sentences(String line, StringBuilder pasted) {
        Matcher m = PASTED_SPAN.matcher(line);
        if (!m.find()) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        int last = 0;
        do {
            out.append(line, last, m.start()).append(' ');
            pasted.append(m.group()).append('\n');
            last = m.end();
        } while (m.find());
        return out.append(line, last, line.length()).toString();
    }

    private static boolean asks(String title, String prose) {
        if (QUESTION_TITLE.matcher(title.toLowerCase(Locale.ROOT)).find()) {
            return true;
        }
        String start = prose.length() > QUESTION_WINDOW ? prose.substring(0, QUESTION_WINDOW) : prose;
        return QUESTION_TEXT.matcher(start.toLowerCase(Locale.ROOT)).find();
    }
}
