package dev.aisectriage.queue;

import dev.aisectriage.event.MalformedPayloadException;
import dev.aisectriage.event.WebhookEvent;
import dev.aisectriage.github.GitHubApiException;
import dev.aisectriage.github.RateLimitedException;
import dev.aisectriage.log.LogSafe;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a job's failure calls for: wait for a rate limit, give up at once, or retry with back-off. */
final class JobFailures {

    private static final Logger LOG = LoggerFactory.getLogger(JobQueueWorkers.class);
    private static final String FAILED =
            "job failed id={} delivery={} repository={} event={} action={} attempt={} outcome={}";

    private JobFailures() {}

    /**
     * The one log line for a failed job: ERROR with its stack trace, or, for a malformed payload (the sender's error,
     * not the bot's), WARN with its reason and no trace.
     */
    static void log(Job job, String outcome, Exception e) {
        WebhookEvent event = job.event();
        boolean malformed = e instanceof MalformedPayloadException;
        Object[] line = {
            job.id(),
            LogSafe.text(event.deliveryId()),
            LogSafe.text(event.repository()),
            LogSafe.text(event.event()),
            LogSafe.text(event.action()),
            job.attempts(),
            outcome,
            malformed ? LogSafe.text(e.getMessage()) : LogSafe.throwable(e)
        };
        if (malformed) {
            LOG.warn(FAILED + " reason={}", line);
        } else {
            LOG.error(FAILED, line);
        }
    }

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
