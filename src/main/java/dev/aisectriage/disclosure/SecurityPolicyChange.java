package dev.aisectriage.disclosure;

import dev.aisectriage.github.PushSummary;
import dev.aisectriage.github.SecurityPolicyFiles;
import java.util.Optional;

/**
 * A push that changed a {@code SECURITY.md} GitHub would show: on the default branch, in one of
 * {@link SecurityPolicyFiles#PLACES} (any case). A push to an owner's {@code .github} repository changes the default
 * policy of all the owner's repositories. A push whose commit list cannot be trusted to be complete (forced, creating
 * the branch, or cut at GitHub's 2,048 commits) counts as a change: forgetting a channel costs one lookup, keeping a
 * stale one sends reporters to a dead end.
 *
 * @param name {@code owner/name} for {@link Scope#REPOSITORY}, {@code owner} for {@link Scope#OWNER}
 */
public record SecurityPolicyChange(Scope scope, String name) {

    public enum Scope {
        REPOSITORY,
        OWNER
    }

    /** GitHub lists at most this many commits in a push payload. */
    static final int LISTED_COMMITS = 2048;

    /** What the push changed, if it changed a security policy. */
    public static Optional<SecurityPolicyChange> of(PushSummary push) {
        if (push.deleted()
                || push.defaultBranch() == null
                || !("refs/heads/" + push.defaultBranch()).equals(push.ref())) {
            return Optional.empty();
        }
        boolean incomplete = push.forced() || push.created() || push.listedCommits() >= LISTED_COMMITS;
        boolean touched = push.changedPaths().stream()
                .anyMatch(path -> SecurityPolicyFiles.PLACES.stream().anyMatch(path::equalsIgnoreCase));
        if (!incomplete && !touched) {
            return Optional.empty();
        }
        String repository = push.repository();
        String owner = repository.substring(0, repository.indexOf('/'));
        return Optional.of(
                repository.substring(owner.length() + 1).equalsIgnoreCase(SecurityPolicyFiles.DEFAULTS_REPOSITORY)
                        ? new SecurityPolicyChange(Scope.OWNER, owner)
                        : new SecurityPolicyChange(Scope.REPOSITORY, repository));
    }
}
