package dev.aisectriage.core;

import dev.aisectriage.log.LogSafe;

/**
 * One issue (or pull request) or discussion of a repository.
 *
 * @param nodeId the GraphQL node id; needed for discussions, may be null for issues
 */
public record ThreadRef(long installationId, String repository, Kind kind, int number, String nodeId) {

    public enum Kind {
        ISSUE,
        DISCUSSION;

        public String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind fromDb(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Whether a name has the shape {@code owner/name}: one slash, with something on each side of it. */
    public static boolean isRepositoryName(String repository) {
        int slash = repository == null ? -1 : repository.indexOf('/');
        return slash > 0 && slash < repository.length() - 1 && repository.indexOf('/', slash + 1) < 0;
    }

    public String owner() {
        return repository.substring(0, repository.indexOf('/'));
    }

    public String name() {
        return repository.substring(repository.indexOf('/') + 1);
    }

    /** {@code owner/repo#12}, as log lines name a thread (control characters escaped: the name comes from a payload). */
    @Override
    public String toString() {
        return LogSafe.text(repository) + "#" + number;
    }
}
