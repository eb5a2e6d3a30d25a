package dev.aisectriage.web;

import java.util.List;

/** What the dashboard's templates ({@code src/main/jte-html/dashboard/}) show: plain values, already formatted. */
public final class DashboardViews {

    private DashboardViews() {}

    /** What every page shows at the top. */
    public record Frame(String title, boolean dryRun, String csrf, String page) {}

    public record Overview(
            Frame frame,
            List<RepoRow> repositories,
            List<DayCount> flaggedPerDay,
            int flaggedPerDayMax,
            Heatmap heatmap,
            List<ThreadRow> recent,
            List<ConfigErrorRow> configErrors,
            List<Count> queue,
            List<DeadLetterRow> deadLetters,
            long redeliveries,
            long feedback,
            List<InstallationRow> installations,
            List<HubRow> hubDiscussions,
            Security security) {}

    public record ThreadsPage(Frame frame, List<ThreadRow> threads, Paging paging) {}

    public record ActionsPage(Frame frame, List<ActionRow> actions, Paging paging) {}

    /** Triage counts of one repository of one installation. */
    public record RepoRow(String installation, String repository, long triaged, long flagged, long abstained) {}

    public record DayCount(String day, long count) {}

    public record Count(String name, long count) {}

    /** Rows: issue types; columns: solutions; cells: how many flagged threads got that solution recommended. */
    public record Heatmap(List<String> solutions, List<HeatRow> rows, long max) {}

    public record HeatRow(String issueType, List<Long> counts) {}

    /**
     * @param theme       the theme slug (as in the labels), empty when the post was not flagged
     * @param commentHtml the bot's comment rendered and sanitised, empty when there is none
     * @param heldBack    what a maintainer did first during the bot's head start (the bot stayed silent), or null
     */
    public record ThreadRow(
            String where,
            String url,
            String verdict,
            String confidence,
            String theme,
            String issueType,
            String at,
            String commentHtml,
            String feedback,
            boolean off,
            String heldBack) {}

    public record ActionRow(String at, String where, String action, String detailHtml, boolean dryRun) {}

    public record ConfigErrorRow(String repository, String file, List<String> errors, String seen) {}

    public record DeadLetterRow(
            long jobId, String deliveryId, String event, String repository, int attempts, String lastError) {}

    public record InstallationRow(String id, String account, String installed, String removed) {}

    /**
     * What the bot keeps for security teams.
     *
     * @param waiting      private reports nobody acknowledged after {@code reminderDays}, oldest first
     * @param reports      the private reports seen last, newest first
     * @param noChannel    repositories where a reporter has no private channel
     * @param contained    threads whose leaked report was contained ({@code disclosure: contain})
     * @param missing      the permissions the App lacks, one line each
     */
    public record Security(
            long reminderDays,
            List<PrivateReportRow> waiting,
            List<PrivateReportRow> reports,
            List<ChannelRow> noChannel,
            List<ContainedRow> contained,
            List<String> missing) {}

    /**
     * A vulnerability reported privately, as classified.
     *
     * @param mitigations the names of the solutions recommended, best first
     * @param waitingDays days since it was reported
     */
    public record PrivateReportRow(
            String repository,
            String ghsaId,
            String url,
            String theme,
            String issueType,
            List<String> mitigations,
            String reported,
            long waitingDays,
            String state) {}

    public record ChannelRow(String repository, String status, String why, String checked) {}

    /** @param advisory the draft advisory's id, or what kept it from being opened */
    public record ContainedRow(String thread, String state, String advisory, String advisoryUrl, String problem) {}

    public record HubRow(String discussion, String verdict, String confidence, String theme, String at) {}

    /** Page {@code page} (from 1) of {@code size} rows; {@code more} when a next page exists. */
    public record Paging(int page, int size, boolean more, String path) {
        public boolean hasPrevious() {
            return page > 1;
        }

        public String previous() {
            return path + "?page=" + (page - 1);
        }

        public String next() {
            return path + "?page=" + (page + 1);
        }
    }
}
