package dev.aisectriage.github;

/** A file read from a repository's default branch. */
public record RepoFile(String repository, String path, String sha, String content) {}
