package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Theme;
import java.util.List;

/** One solution type of the taxonomy as the catalogue describes it: what to do, in 2 to 5 steps, with sources. */
public record Solution(String id, String name, Theme theme, String summary, List<String> steps, List<Link> links) {

    public Solution {
        steps = List.copyOf(steps);
        links = List.copyOf(links);
    }

    /** A primary source: the library's own documentation, GitHub docs, OWASP, NIST or CISA. */
    public record Link(String title, String url) {}
}
