package dev.aisectriage.github;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kohsuke.github.GHEventPayload;

/**
 * What a {@code push} delivery says about the files it changed, without hub4j's types: the repository, its default
 * branch, the ref pushed, how (created, deleted, forced), how many commits GitHub listed (at most 2,048) and every
 * path those commits added, removed or modified.
 */
public record PushSummary(
        String repository,
        String defaultBranch,
        String ref,
        boolean created,
        boolean deleted,
        boolean forced,
        int listedCommits,
        List<String> changedPaths) {

    public PushSummary {
        changedPaths = List.copyOf(changedPaths);
    }

    /** The summary of a push payload bound by hub4j. */
    public static PushSummary of(GHEventPayload.Push push) {
        List<String> paths = new ArrayList<>();
        for (GHEventPayload.Push.PushCommit commit : push.getCommits()) {
            for (List<String> changed : List.of(
                    Objects.requireNonNullElse(commit.getAdded(), List.<String>of()),
                    Objects.requireNonNullElse(commit.getRemoved(), List.<String>of()),
                    Objects.requireNonNullElse(commit.getModified(), List.<String>of()))) {
                paths.addAll(changed);
            }
        }
        return new PushSummary(
                push.getRepository().getFullName(),
                push.getRepository().getDefaultBranch(),
                push.getRef(),
                push.isCreated(),
                push.isDeleted(),
                push.isForced(),
                push.getCommits().size(),
                paths);
    }
}
