package dev.aisectriage.queue;

import dev.aisectriage.event.MalformedPayloadException;
import dev.aisectriage.github.GitHubApiException;
import dev.aisectriage.github.RateLimitedException;
import java.util.Optional;

/** What a job's failure calls for: wait for a rate limit, give up at once, or retry with back-off. */
final class JobFailures {

    private JobFailures() {}

    /** A rate limit met anywhere in the job: not its failure, it runs again when the limit lifts. */
    static Optional<RateLimitedException> rateLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RateLimitedException limit) {
                return Optional.of(limit);
            }
        }
        return Optional.empty();
    }

    /**
     * Failures that retrying cannot fix: a payload the bot cannot act on, and GitHub's final refusals (422, a 403
     * such as "Resource not accessible by integration", 404/410). A 401 may pass once the token is renewed.
     */
    static boolean permanent(Throwable e) {
        return e instanceof MalformedPayloadException
                || e instanceof GitHubApiException g && g.isFinal() && g.status() != 401;
    }
}
