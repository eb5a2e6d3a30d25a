package dev.aisectriage.web;

import dev.aisectriage.store.Actions;
import dev.aisectriage.store.ConfigErrors;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.HubDiscussions;
import dev.aisectriage.store.Installations;
import dev.aisectriage.store.Threads;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.BasicAuthCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /dashboard}: a plain server-rendered page of installations, recent classifications and actions,
 * repository config errors and dead letters. It shows repository names and verdicts, never thread texts.
 */
public final class Dashboard implements Handler {

    public static final int RECENT = 50;

    private final Installations installations;
    private final Threads threads;
    private final Actions actions;
    private final ConfigErrors configErrors;
    private final Feedback feedback;
    private final HubDiscussions hubDiscussions;
    private final Supplier<List<DeadLetterRow>> deadLetters;
    private final byte[] password;

    /**
     * @param deadLetters the job queue's dead letters, newest first (the intake's store owns them)
     * @param password    when not null, the page asks for it (HTTP basic auth, any user name): the page names
     *                    repositories, private ones included
     */
    public Dashboard(Database db, Supplier<List<DeadLetterRow>> deadLetters, String password) {
        this.installations = new Installations(db);
        this.threads = new Threads(db);
        this.actions = new Actions(db);
        this.configErrors = new ConfigErrors(db);
        this.feedback = new Feedback(db);
        this.hubDiscussions = new HubDiscussions(db);
        this.deadLetters = deadLetters;
        this.password = password == null || password.isEmpty() ? null : password.getBytes(StandardCharsets.UTF_8);
    }

    public Dashboard(Database db) {
        this(db, List::of, null);
    }

    @Override
    public void handle(Context ctx) {
        if (password != null) {
            BasicAuthCredentials given = ctx.basicAuthCredentials();
            byte[] tried = given == null ? new byte[0] : given.getPassword().getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(tried, password)) {
                ctx.header("WWW-Authenticate", "Basic realm=\"ai-security-triage\", charset=\"UTF-8\"")
                        .status(401)
                        .result("password required");
                return;
            }
        }
        ctx.header("Cache-Control", "no-store").html(render());
    }

    String render() {
        StringBuilder h = new StringBuilder(8192);
        h.append(
                        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ai-security-triage</title><style>")
                .append(
                        "body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:2em}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#f4f4f4}")
                .append(".err{color:#b60205}.dry{color:#888}</style></head><body><h1>ai-security-triage</h1>");

        h.append("<h2>Installations</h2>");
        table(
                h,
                List.of("id", "account", "installed", "removed"),
                installations.all().stream()
                        .map(i -> List.of(String.valueOf(i.id()), nz(i.account()), i.createdAt(), nz(i.deletedAt())))
                        .toList());

        h.append("<h2>Repository config errors</h2>");
        table(
                h,
                List.of("repository", "file", "errors", "seen"),
                configErrors.all().stream()
                        .map(e -> List.of(e.repository(), e.file(), String.join("\n", e.errors()), e.seenAt()))
                        .toList());

        h.append("<h2>Recent classifications</h2>");
        table(
                h,
                List.of("thread", "verdict", "probability", "theme", "model", "comment", "off", "at"),
                threads.recent(RECENT).stream()
                        .map(t -> List.of(
                                t.ref().toString()
                                        + (t.ref().kind().name().equals("DISCUSSION") ? " (discussion)" : ""),
                                nz(t.verdict()),
                                t.securityProbability() == null
                                        ? ""
                                        : String.format(Locale.ROOT, "%.3f", t.securityProbability()),
                                nz(t.primaryTheme()),
                                nz(t.modelVersion()),
                                t.commentId() == null ? "" : "yes",
                                t.off() ? "off" : "",
                                nz(t.classifiedAt())))
                        .toList());

        h.append("<h2>Hugging Face Hub discussions</h2>");
        table(
                h,
                List.of("discussion", "verdict", "probability", "theme", "model", "comment", "at"),
                hubDiscussionRows(RECENT));

        h.append("<h2>Recent actions</h2>");
        table(
                h,
                List.of("at", "where", "action", "detail", "mode"),
                actions.recent(RECENT).stream()
                        .map(a -> List.of(
                                a.createdAt(),
                                a.repository() + (a.number() == null ? "" : "#" + a.number()),
                                a.action(),
                                nz(a.detail()),
                                a.dryRun() ? "dry-run (not sent)" : "sent"))
                        .toList());

        h.append("<h2>Dead letters</h2>");
        table(
                h,
                List.of("delivery", "event", "repository", "attempts", "last error"),
                deadLetters.get().stream()
                        .map(d -> List.of(
                                d.deliveryId(),
                                d.event(),
                                nz(d.repository()),
                                String.valueOf(d.attempts()),
                                nz(d.lastError())))
                        .toList());

        h.append("<p>Feedback records: ")
                .append(feedback.count())
                .append(" (export with <code>export-feedback</code>)</p>");
        return h.append("</body></html>").toString();
    }

    /** The Hub discussions the bot classified, newest first, one row each as the dashboard shows them. */
    List<List<String>> hubDiscussionRows(int limit) {
        return hubDiscussions.recent(limit).stream()
                .map(d -> List.of(
                        d.key().toString() + (d.pullRequest() ? " (pull request)" : ""),
                        nz(d.verdict()),
                        d.securityProbability() == null
                                ? ""
                                : String.format(Locale.ROOT, "%.3f", d.securityProbability()),
                        nz(d.primaryTheme()),
                        nz(d.modelVersion()),
                        d.commentId() == null ? "" : "yes",
                        nz(d.classifiedAt())))
                .toList();
    }

    private static void table(StringBuilder h, List<String> head, List<List<String>> rows) {
        if (rows.isEmpty()) {
            h.append("<p>None.</p>");
            return;
        }
        h.append("<table><tr>");
        head.forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
        h.append("</tr>");
        for (List<String> row : rows) {
            h.append("<tr>");
            row.forEach(c ->
                    h.append("<td>").append(escape(c).replace("\n", "<br>")).append("</td>"));
            h.append("</tr>");
        }
        h.append("</table>");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** One dead-lettered job, as the dashboard shows it. */
    public record DeadLetterRow(String deliveryId, String event, String repository, int attempts, String lastError) {}
}
