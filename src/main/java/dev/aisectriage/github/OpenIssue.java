package dev.aisectriage.github;

import java.util.Set;

/** An open issue as the issues list shows it, for backfilling. */
public record OpenIssue(
        int number,
        String nodeId,
        String url,
        String title,
        String body,
        String author,
        boolean authorIsBot,
        Set<String> labels) {}
