package dev.aisectriage.huggingface;

/** One discussion (or pull request) of a Hub repository, by number. */
public record HubDiscussionRef(HubRepo repo, int num) {

    /** {@code /api/models/owner/name/discussions/12}, relative to the Hub's root. */
    public String apiPath() {
        return repo.apiPath() + "/discussions/" + num;
    }

    /** {@code owner/name#12} (or {@code datasets/owner/name#12}), as log lines name a discussion. */
    @Override
    public String toString() {
        return repo.path() + "#" + num;
    }
}
