package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.core.ThreadRef;

/**
 * How the bot's comment reads on each platform: GitHub's Markdown, the Hub's plainer Markdown.
 *
 * @param github for GitHub issues and discussions
 * @param hub for Hub discussions
 */
public record Renderers(CommentRenderer github, CommentRenderer hub) {

    public CommentRenderer of(ThreadRef thread) {
        return thread instanceof ThreadRef.HubDiscussion ? hub : github;
    }
}
