package dev.aisectriage.store;

import java.util.List;

/**
 * What the bot keeps for security teams (issue 20, docs/security-teams.md), one entry point like {@link Threads}:
 * repositories' private channels, private reports, the draft advisories of contained threads, and the permissions
 * the App lacks.
 */
public record SecurityTables(
        RepositoryChannels channels,
        PrivateReports reports,
        ThreadAdvisories advisories,
        PermissionProblems permissions,
        Writes writes) {

    private static final List<String> TABLES =
            List.of("repository_channels", "private_reports", "thread_advisories", "permission_problems");

    public static SecurityTables on(Database db, Writes writes) {
        return new SecurityTables(
                new RepositoryChannels(db, writes),
                new PrivateReports(db, writes),
                new ThreadAdvisories(db, writes),
                new PermissionProblems(db, writes),
                writes);
    }

    /** Uninstall: what the bot kept of the installation's repositories goes. */
    public int forgetInstallation(long installationId) {
        return writes.inTransaction(c -> {
            int n = 0;
            for (String table : TABLES) {
                n += Sql.update(c, "DELETE FROM " + table + " WHERE installation_id = ?", installationId);
            }
            return n;
        });
    }
}
