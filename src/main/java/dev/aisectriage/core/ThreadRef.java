package dev.aisectriage.core;

import dev.aisectriage.log.LogSafe;

/**
 * One thread the bot reads and answers on, whichever platform it lives on: a GitHub issue (or pull request, which
 * shares the issue's number and endpoints), a GitHub discussion, or a Hugging Face Hub discussion. It names the
 * thread in the store, in the thread port ({@link ThreadPort}) and in the lease of the work on it.
 */
public sealed interface ThreadRef permits ThreadRef.GitHubThread, ThreadRef.HubDiscussion {

    /** {@code owner/name} on GitHub; the Hub's path ({@code owner/name}, {@code datasets/owner/name}, …). */
    String repository();

    int number();

    /** The kind as the store keeps it: {@code issue}, {@code discussion} or {@code hub_discussion}. */
    String kind();

    /** Whether the platform labels this kind of thread (the Hub has no labels). */
    boolean hasLabels();

    /** The key of the lease of work on this thread: {@code owner/repo#12}. */
    default String leaseKey() {
        return Lease.key(repository(), number());
    }

    /** A thread as the store keeps it. */
    static ThreadRef of(Long installationId, String repository, String kind, int number, String nodeId) {
        return switch (kind) {
            case "issue" -> new GitHubIssue(installationId, repository, number, nodeId);
            case "discussion" -> new GitHubDiscussion(installationId, repository, number, nodeId);
            case "hub_discussion" -> HubDiscussion.ofPath(repository, number);
            default -> throw new IllegalArgumentException("not a kind of thread: '" + kind + "'");
        };
    }

    /** Whether a name has the shape {@code owner/name}: one slash, with something on each side of it. */
    static boolean isRepositoryName(String repository) {
        int slash = repository == null ? -1 : repository.indexOf('/');
        return slash > 0 && slash < repository.length() - 1 && repository.indexOf('/', slash + 1) < 0;
    }

    /** {@code owner/repo#12}, as log lines name a thread (control characters escaped: the name comes from a payload). */
    static String describe(ThreadRef thread) {
        return LogSafe.text(thread.repository()) + "#" + thread.number();
    }

    /** A thread of a repository the GitHub App is installed on. */
    sealed interface GitHubThread extends ThreadRef permits GitHubIssue, GitHubDiscussion {

        long installationId();

        /** The GraphQL node id; needed for discussions, may be null for issues. */
        String nodeId();

        @Override
        default boolean hasLabels() {
            return true;
        }

        @Override
        default String kind() {
            return this instanceof GitHubDiscussion ? "discussion" : "issue";
        }

        default String owner() {
            return repository().substring(0, repository().indexOf('/'));
        }

        default String name() {
            return repository().substring(repository().indexOf('/') + 1);
        }
    }

    /** A GitHub issue, or a pull request (labelled through the issue endpoints it shares). */
    record GitHubIssue(long installationId, String repository, int number, String nodeId) implements GitHubThread {

        @Override
        public String toString() {
            return describe(this);
        }
    }

    /** A GitHub discussion, written to through GraphQL by its node id. */
    record GitHubDiscussion(long installationId, String repository, int number, String nodeId) implements GitHubThread {

        static final String KIND = "discussion";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }

    /**
     * A discussion (or pull request) of a Hugging Face Hub repository.
     *
     * @param repoType {@code model}, {@code dataset} or {@code space}
     * @param repoName {@code owner/name}
     */
    record HubDiscussion(String repoType, String repoName, int number) implements ThreadRef {

        /** A thread named by the Hub's path, as the store keeps it: {@code datasets/owner/name} or {@code owner/name}. */
        static HubDiscussion ofPath(String path, int number) {
            for (String type : new String[] {"dataset", "space"}) {
                if (path.startsWith(type + "s/")) {
                    return new HubDiscussion(type, path.substring(type.length() + 2), number);
                }
            }
            return new HubDiscussion("model", path, number);
        }

        /** How the Hub's web addresses name the repository: {@code owner/name} for a model, else {@code types/owner/name}. */
        @Override
        public String repository() {
            return "model".equals(repoType) ? repoName : repoType + "s/" + repoName;
        }

        @Override
        public String kind() {
            return "hub_discussion";
        }

        @Override
        public boolean hasLabels() {
            return false;
        }

        @Override
        public String toString() {
            return describe(this);
        }
    }
}
