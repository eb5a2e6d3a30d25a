package dev.aisectriage.store;

import dev.aisectriage.core.ThreadRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one private draft advisory of each contained thread ({@code thread_advisories}; {@code disclosure: contain}). The
 * row is written {@code pending} before the advisory is opened: a row found {@code pending} means a try may have
 * created it on GitHub before it failed, so it is looked for by its marker before anything is opened again. A row in
 * any state marks the thread contained: later comments repeating its exploit are hidden.
 */
public record ThreadAdvisories(Database db, Writes writes) {

    public enum State {
        PENDING,
        OPENED,
        NOT_PERMITTED,
        REFUSED;

        String stored() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param problem the missing permission's line, or GitHub's refusal; null otherwise
     */
    public record Advisory(
            ThreadRef thread, String marker, State state, String ghsaId, String htmlUrl, String problem, Instant at) {}

    public Optional<Advisory> find(ThreadRef thread) {
        return db.inTransaction(c -> Sql.query(
                        c,
                        "SELECT installation_id, repository, kind, number, marker, state, ghsa_id, html_url, problem,"
                                + " updated_at FROM thread_advisories WHERE " + ThreadRows.KEY,
                        ThreadAdvisories::advisory,
                        thread.repository(),
                        thread.kind(),
                        thread.number())
                .stream()
                .findFirst());
    }

    /** The thread is contained from now on, its advisory about to be opened: {@code pending} unless a row exists. */
    public void begin(ThreadRef thread, String marker, Instant at) {
        writes.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO thread_advisories (repository, kind, number, installation_id, marker, state, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING",
                thread.repository(),
                thread.kind(),
                thread.number(),
                thread instanceof ThreadRef.GitHubThread g ? g.installationId() : null,
                marker,
                at.toEpochMilli()));
    }

    /** What became of the advisory: opened (its id and page), or refused (the line that says why). */
    public void settle(ThreadRef thread, State state, String ghsaId, String htmlUrl, String problem, Instant at) {
        writes.inTransaction(c -> Sql.update(
                c,
                "UPDATE thread_advisories SET state = ?, ghsa_id = ?, html_url = ?, problem = ?, updated_at = ? WHERE "
                        + ThreadRows.KEY,
                state.stored(),
                ghsaId,
                htmlUrl,
                problem,
                at.toEpochMilli(),
                thread.repository(),
                thread.kind(),
                thread.number()));
    }

    /** The contained threads, the latest first. */
    public List<Advisory> recent(int limit) {
        return db.inTransaction(c -> Sql.query(
                c,
                "SELECT installation_id, repository, kind, number, marker, state, ghsa_id, html_url, problem,"
                        + " updated_at FROM thread_advisories ORDER BY updated_at DESC, repository, number LIMIT ?",
                ThreadAdvisories::advisory,
                limit));
    }

    private static Advisory advisory(ResultSet rs) throws SQLException {
        return new Advisory(
                ThreadRef.of(Rows.nullableLong(rs, 1), rs.getString(2), rs.getString(3), rs.getInt(4), null),
                rs.getString(5),
                State.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                Instant.ofEpochMilli(rs.getLong(10)));
    }
}
