package dev.aisectriage.web;

import dev.aisectriage.disclosure.OverdueReports;
import dev.aisectriage.queue.DeadLetter;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.store.ConfigErrors;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Installations;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jsoup.nodes.Entities;

/**
 * {@code GET /dashboard} and its pages, server-rendered from the templates of {@code src/main/jte-html/dashboard/}
 * (compiled at build time): triage per repository, the issue-type and solution heatmap, flagged threads over time,
 * recent threads with the bot's comment rendered, queue depth, dead letters with a retry button, config errors, and
 * for security teams: private reports, repositories without a private channel, contained leaks, missing permissions.
 * Never public: {@code DASHBOARD_PASSWORD}, else loopback only ({@link DashboardAccess}).
 */
public final class Dashboard implements Handler {

    public static final int RECENT = 50;
    static final int OVERVIEW_THREADS = 10;
    private static final TemplateEngine TEMPLATES =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, "gg.jte.generated.html");

    private final DashboardData data;
    private final SecurityTeamData security;
    private final Installations installations;
    private final ConfigErrors configErrors;
    private final Options options;
    private final DashboardAccess access;
    private final String csrf;

    /**
     * @param password     null or blank: loopback only
     * @param dryRun       shows the dry-run banner
     * @param deadLetters  the job queue's dead letters, newest first
     * @param queue        jobs by state
     * @param retry        puts a dead job back in the queue; false when it was not dead
     * @param redeliveries deliveries the redelivery sweep asked again since start
     * @param reminder     private reports nobody acknowledged after this long are listed first
     */
    public record Options(
            String password,
            boolean dryRun,
            Supplier<List<DeadLetter>> deadLetters,
            Supplier<Map<JobState, Long>> queue,
            LongPredicate retry,
            LongSupplier redeliveries,
            Duration reminder) {}

    public Dashboard(Database db, Options options) {
        this.data = new DashboardData(db);
        this.security = new SecurityTeamData(db, data.catalogue(), options.reminder(), Clock.systemUTC());
        this.installations = new Installations(db, db::writeTransaction);
        this.configErrors = new ConfigErrors(db, db::writeTransaction);
        this.options = options;
        this.access = new DashboardAccess(options.password(), Clock.systemUTC());
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        this.csrf = HexFormat.of().formatHex(token);
    }

    /** @param deadLetters dead letters as rows (no retry: their job ids are not known) */
    public Dashboard(Database db, Supplier<List<DeadLetterRow>> deadLetters, String password) {
        this(
                db,
                new Options(
                        password,
                        false,
                        () -> deadLetters.get().stream()
                                .map(d -> new DeadLetter(
                                        0,
                                        d.deliveryId(),
                                        d.event(),
                                        null,
                                        d.repository(),
                                        d.attempts(),
                                        d.lastError()))
                                .toList(),
                        Map::of,
                        id -> false,
                        () -> 0,
                        OverdueReports.DEFAULT_REMINDER));
    }

    public Dashboard(Database db) {
        this(db, List::of, null);
    }

    /** The pages besides {@code GET /dashboard}, and the retry button's POST. */
    public void addRoutes(JavalinConfig config) {
        config.routes.get("/dashboard/threads", this::threads);
        config.routes.get("/dashboard/actions", this::actions);
        config.routes.post("/dashboard/dead-letters/{job}/retry", this::retry);
    }

    @Override
    public void handle(Context ctx) {
        if (!admit(ctx)) {
            return;
        }
        List<DashboardViews.DayCount> perDay = data.flaggedPerDay();
        Map<JobState, Long> queue = options.queue().get();
        html(
                ctx,
                "dashboard/overview.jte",
                new DashboardViews.Overview(
                        frame("Overview", "overview"),
                        data.repositories(),
                        perDay,
                        (int) perDay.stream()
                                .mapToLong(DashboardViews.DayCount::count)
                                .max()
                                .orElse(0),
                        data.heatmap(),
                        data.threads(0, OVERVIEW_THREADS),
                        configErrorRows(),
                        queueCounts(queue),
                        deadLetterRows(),
                        options.redeliveries().getAsLong(),
                        data.feedbackCount(),
                        installationRows(),
                        data.hubDiscussions(RECENT),
                        security.view(RECENT)));
    }

    private List<DashboardViews.ConfigErrorRow> configErrorRows() {
        return configErrors.all().stream()
                .map(e -> new DashboardViews.ConfigErrorRow(
                        e.repository(), e.file(), e.errors(), DashboardData.second(e.seenAt())))
                .toList();
    }

    /** Jobs in every state, zero included. */
    private static List<DashboardViews.Count> queueCounts(Map<JobState, Long> queue) {
        return Arrays.stream(JobState.values())
                .map(st -> new DashboardViews.Count(st.label(), queue.getOrDefault(st, 0L)))
                .toList();
    }

    private List<DashboardViews.DeadLetterRow> deadLetterRows() {
        return options.deadLetters().get().stream()
                .limit(RECENT)
                .map(d -> new DashboardViews.DeadLetterRow(
                        d.jobId(),
                        d.deliveryId(),
                        d.action() == null ? d.event() : d.event() + "." + d.action(),
                        nz(d.repository()),
                        d.attempts(),
                        nz(d.lastError())))
                .toList();
    }

    private List<DashboardViews.InstallationRow> installationRows() {
        return installations.all().stream()
                .map(i -> new DashboardViews.InstallationRow(
                        String.valueOf(i.id()),
                        nz(i.account()),
                        DashboardData.second(i.createdAt()),
                        DashboardData.second(i.deletedAt())))
                .toList();
    }

    private void threads(Context ctx) {
        if (!admit(ctx)) {
            return;
        }
        int page = page(ctx);
        List<DashboardViews.ThreadRow> rows = data.threads((page - 1) * RECENT, RECENT + 1);
        html(
                ctx,
                "dashboard/threads.jte",
                new DashboardViews.ThreadsPage(
                        frame("Threads", "threads"),
                        rows.subList(0, Math.min(RECENT, rows.size())),
                        new DashboardViews.Paging(page, RECENT, rows.size() > RECENT, "/dashboard/threads")));
    }

    private void actions(Context ctx) {
        if (!admit(ctx)) {
            return;
        }
        int page = page(ctx);
        List<DashboardViews.ActionRow> rows = data.actions((page - 1) * RECENT, RECENT + 1);
        html(
                ctx,
                "dashboard/actions.jte",
                new DashboardViews.ActionsPage(
                        frame("Actions", "actions"),
                        rows.subList(0, Math.min(RECENT, rows.size())),
                        new DashboardViews.Paging(page, RECENT, rows.size() > RECENT, "/dashboard/actions")));
    }

    /** The retry button: protected like the pages, and only with this server's form token from the same origin. */
    private void retry(Context ctx) {
        if (!admit(ctx)) {
            return;
        }
        String token = ctx.formParam("csrf");
        String origin = ctx.header("Origin");
        boolean sameOrigin = origin == null || origin.endsWith("://" + ctx.host());
        if (token == null
                || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))
                || !sameOrigin) {
            ctx.status(403).result("the form token is missing or not this server's: reload the dashboard");
            return;
        }
        long job;
        try {
            job = Long.parseLong(ctx.pathParam("job"));
        } catch (NumberFormatException e) {
            ctx.status(400).result("not a job id");
            return;
        }
        if (!options.retry().test(job)) {
            ctx.status(409).result("job " + job + " is not a dead letter (any more)");
            return;
        }
        ctx.redirect("/dashboard#dead-letters", HttpStatus.SEE_OTHER);
    }

    private boolean admit(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        return access.admit(ctx);
    }

    private DashboardViews.Frame frame(String title, String page) {
        return new DashboardViews.Frame(title, options.dryRun(), csrf, page);
    }

    private static int page(Context ctx) {
        try {
            return Math.max(
                    1,
                    Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("1")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void html(Context ctx, String template, Object view) {
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, view, out);
        ctx.html(out.toString());
    }

    static String escape(String s) {
        return Entities.escape(s == null ? "" : s).replace("'", "&#39;").replace("\"", "&quot;");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** One dead-lettered job, as older callers hand it over. */
    public record DeadLetterRow(String deliveryId, String event, String repository, int attempts, String lastError) {}
}
