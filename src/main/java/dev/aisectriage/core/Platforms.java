package dev.aisectriage.core;

import java.util.List;

/** The thread port of every platform in one: each thread goes to its own platform's port. */
public final class Platforms implements ThreadPort {

    private final ThreadPort github;
    private final ThreadPort hub;

    public Platforms(ThreadPort github, ThreadPort hub) {
        this.github = github;
        this.hub = hub;
    }

    private ThreadPort of(ThreadRef thread) {
        return thread instanceof ThreadRef.HubDiscussion ? hub : github;
    }

    @Override
    public List<Comment> comments(ThreadRef thread) {
        return of(thread).comments(thread);
    }

    @Override
    public String createComment(ThreadRef thread, String body) {
        return of(thread).createComment(thread, body);
    }

    @Override
    public void editComment(ThreadRef thread, String commentId, String body) {
        of(thread).editComment(thread, commentId, body);
    }

    @Override
    public void addLabels(ThreadRef thread, List<String> labels) {
        of(thread).addLabels(thread, labels);
    }

    @Override
    public void removeLabel(ThreadRef thread, String label) {
        of(thread).removeLabel(thread, label);
    }

    @Override
    public HiddenComment hideComment(ThreadRef thread, String commentNodeId) {
        return of(thread).hideComment(thread, commentNodeId);
    }
}
