package dev.aisectriage.queue;

import dev.aisectriage.core.MalformedPayloadException;
import dev.aisectriage.core.RateLimited;
import dev.aisectriage.github.GitHubApiException;
import dev.aisectriage.huggingface.HubApiException;
import java.util.Optional;

/** What a job's failure calls for: wait for a rate limit, give up at once, or retry with back-off. */
final class JobFailures {

    private JobFailures() {}

    /** A rate limit met anywhere in the job (GitHub's or the Hub's): not its failure, it runs again when it lifts. */
    static Optional<RateLimited> rateLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RateLimited limit) {
                return Optional.of(limit);
            }
        }
        return Optional.empty();
    }

    /**
     * GitHub could not be reached, or the connection dropped before it answered: the network's failure, not the
     * bot's, retried like any other but worth a WARN line rather than an ERROR with a stack trace.
     */
    static boolean network(Throwable e) {
        return e instanceof GitHubApiException g && g.status() == 0 && !g.isFinal() && g.retryAt() == null;
    }

    /**
     * Failures that retrying cannot fix: a payload the bot cannot act on, GitHub's final refusals (422, a 403 such
     * as "Resource not accessible by integration", 404/410), and the Hub refusing its token (401, 403). A GitHub
     * 401 may pass once the installation token is renewed; {@code HF_TOKEN} is not renewed.
     */
    static boolean permanent(Throwable e) {
        return e instanceof MalformedPayloadException
                || e instanceof GitHubApiException g && g.isFinal() && g.status() != 401
                || e instanceof HubApiException h && h.isRefused();
    }
}
