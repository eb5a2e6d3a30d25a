package dev.aisectriage.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Vulnerabilities reported privately ({@code private_reports}), classified for the dashboard only: their theme, issue
 * types, the solutions recommended and a link to the advisory; never their text. Their state is GitHub's,
 * {@code triage} until a maintainer accepts or rejects the report, which GitHub announces by no event: {@link
 * #acknowledged} records what a look at GitHub found.
 */
public record PrivateReports(Database db, Writes writes) {

    /** The state a report leaves {@code triage} for, as far as the bot can tell: accepted or rejected. */
    public static final String ACKNOWLEDGED = "acknowledged";

    private static final String COLUMNS = "ghsa_id, installation_id, repository, html_url, reported_at, state,"
            + " security_probability, primary_theme, issue_codes, solution_ids, model_version";

    /**
     * @param issueCodes the issue types, most likely first, comma-separated
     * @param solutionIds the solutions recommended, first first, comma-separated
     */
    public record Report(
            String ghsaId,
            Long installationId,
            String repository,
            String htmlUrl,
            Instant reportedAt,
            String state,
            Double securityProbability,
            String primaryTheme,
            String issueCodes,
            String solutionIds,
            String modelVersion) {}

    /** A report classified; a redelivery classifies it again, and keeps the state the bot found since. */
    public void record(Report r, Instant seenAt) {
        writes.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO private_reports (" + COLUMNS + ", seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (ghsa_id) DO UPDATE SET security_probability = excluded.security_probability,"
                        + " primary_theme = excluded.primary_theme, issue_codes = excluded.issue_codes,"
                        + " solution_ids = excluded.solution_ids, model_version = excluded.model_version,"
                        + " seen_at = excluded.seen_at",
                r.ghsaId(),
                r.installationId(),
                r.repository(),
                r.htmlUrl(),
                r.reportedAt().toEpochMilli(),
                r.state(),
                r.securityProbability(),
                r.primaryTheme(),
                r.issueCodes(),
                r.solutionIds(),
                r.modelVersion(),
                seenAt.toEpochMilli()));
    }

    /** The reports last seen, newest first. */
    public List<Report> recent(int limit) {
        return db.inTransaction(c -> Sql.query(
                c,
                "SELECT " + COLUMNS + " FROM private_reports ORDER BY reported_at DESC, ghsa_id LIMIT ?",
                PrivateReports::report,
                limit));
    }

    /** Every report still in {@code triage}, oldest first. */
    public List<Report> inTriage() {
        return db.inTransaction(c -> Sql.query(
                c,
                "SELECT " + COLUMNS + " FROM private_reports WHERE state = 'triage' ORDER BY reported_at, ghsa_id",
                PrivateReports::report));
    }

    /** GitHub no longer lists the report in triage: a maintainer accepted or rejected it. */
    public void acknowledged(String ghsaId) {
        writes.inTransaction(
                c -> Sql.update(c, "UPDATE private_reports SET state = ? WHERE ghsa_id = ?", ACKNOWLEDGED, ghsaId));
    }

    private static Report report(ResultSet rs) throws SQLException {
        return new Report(
                rs.getString(1),
                Rows.nullableLong(rs, 2),
                rs.getString(3),
                rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)),
                rs.getString(6),
                Rows.nullableDouble(rs, 7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11));
    }
}
