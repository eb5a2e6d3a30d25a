package dev.aisectriage.store;

import java.time.Instant;
import java.util.List;

/**
 * Each repository's private channel as last looked up ({@code repository_channels}): what the dashboard shows ("no
 * private channel", and why), and when a push last changed a {@code SECURITY.md} GitHub shows for it, so that every
 * instance forgets a channel it kept from before, not only the one the push reached.
 */
public record RepositoryChannels(Database db, Writes writes) {

    /**
     * @param status the dashboard's word: {@code private reporting}, {@code SECURITY.md contact}, {@code no private
     *     channel}
     */
    public record Channel(String repository, Long installationId, String status, String why, Instant checkedAt) {}

    public void record(long installationId, String repository, String status, String why, Instant at) {
        writes.inTransaction(c -> Sql.update(
                c,
                "INSERT INTO repository_channels (repository, installation_id, status, why, checked_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (repository) DO UPDATE SET"
                        + " installation_id = excluded.installation_id, status = excluded.status, why = excluded.why,"
                        + " checked_at = excluded.checked_at",
                repository,
                installationId,
                status,
                why,
                at.toEpochMilli()));
    }

    /** A push changed the repository's own security policy. */
    public void policyChanged(String repository, Instant at) {
        writes.inTransaction(c -> Sql.update(
                c,
                "UPDATE repository_channels SET policy_changed_at = ? WHERE lower(repository) = lower(?)",
                at.toEpochMilli(),
                repository));
    }

    /** A push changed the owner's default policy (its {@code .github} repository): every repository of the owner. */
    public void ownerPolicyChanged(String owner, Instant at) {
        String prefix = owner + "/";
        writes.inTransaction(c -> Sql.update(
                c,
                "UPDATE repository_channels SET policy_changed_at = ?"
                        + " WHERE lower(substr(repository, 1, ?)) = lower(?)",
                at.toEpochMilli(),
                prefix.length(),
                prefix));
    }

    /** Whether a push changed the repository's policy after {@code keptAt} (one indexed read). */
    public boolean changedSince(String repository, Instant keptAt) {
        return db.inTransaction(c -> !Sql.query(
                        c,
                        "SELECT 1 FROM repository_channels WHERE repository = ? AND policy_changed_at >= ?",
                        rs -> true,
                        repository,
                        keptAt.toEpochMilli())
                .isEmpty());
    }

    /** Every repository looked up, those without a private channel first, then by name. */
    public List<Channel> all() {
        return db.inTransaction(c -> Sql.query(
                c,
                "SELECT repository, installation_id, status, why, checked_at FROM repository_channels"
                        + " ORDER BY CASE WHEN status = 'no private channel' THEN 0 ELSE 1 END, repository",
                rs -> new Channel(
                        rs.getString(1),
                        Rows.nullableLong(rs, 2),
                        rs.getString(3),
                        rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)))));
    }
}
