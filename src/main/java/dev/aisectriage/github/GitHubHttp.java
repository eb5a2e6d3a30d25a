package dev.aisectriage.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that talks HTTP to GitHub (REST and GraphQL) and applies the error policy: 5xx and time-outs are
 * retried with exponential back-off, every other 4xx is final at once, and a rate limit (primary or secondary) is
 * not waited out here but fails with the moment it lifts ({@code retry-after}, or {@code x-ratelimit-reset} counted
 * against the server's {@code Date}), for the job queue to try again then.
 */
public final class GitHubHttp {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Config files and label lists are small: 20 MiB keeps far more of them than a process reads. */
    public static final long CACHE_MAX_BYTES = 20L * 1024 * 1024;

    private final String baseUrl;
    private final HttpTransport transport;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RateLimitHeaders limits;

    public GitHubHttp(String baseUrl, RetryPolicy policy, Sleeper sleeper, Clock clock) {
        this(baseUrl, policy, sleeper, clock, null);
    }

    /**
     * @param cacheDir where answers are kept to revalidate repeated reads (see {@link HttpTransport}), at most
     *     {@link #CACHE_MAX_BYTES}; null for none
     */
    public GitHubHttp(String baseUrl, RetryPolicy policy, Sleeper sleeper, Clock clock, Path cacheDir) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.limits = new RateLimitHeaders(clock);
        this.transport =
                new HttpTransport(policy, cacheDir == null ? null : HttpTransport.cacheAt(cacheDir, CACHE_MAX_BYTES));
    }

    public GitHubHttp(String baseUrl) {
        this(baseUrl, RetryPolicy.defaults(), Sleeper.REAL, Clock.systemUTC());
    }

    /** GitHub.com serves GraphQL at {@code /graphql}; GitHub Enterprise Server at {@code /api/graphql} beside {@code /api/v3}. */
    public String graphqlPath() {
        return baseUrl.endsWith("/api/v3")
                ? baseUrl.substring(0, baseUrl.length() - "/v3".length()) + "/graphql"
                : baseUrl + "/graphql";
    }

    /**
     * Sends one request, retrying as the policy allows.
     *
     * @param pathOrUrl     a path below the base URL ({@code /repos/o/r/labels}) or an absolute URL (pagination links)
     * @param jsonBody      a value serialised as JSON, or null
     * @param authorization the whole header value ({@code Bearer …})
     */
    public GitHubResponse send(String method, String pathOrUrl, Object jsonBody, String authorization) {
        return send(method, pathOrUrl, jsonBody, authorization, false, false);
    }

    /**
     * Sends a write that must not be repeated blindly (creating a comment): a 5xx, a time-out or a connection lost
     * after the request left may come after GitHub applied it, so it is not sent again, and the caller looks for
     * what it created before trying again. Only a request that never left (no connection) is tried again.
     */
    public GitHubResponse sendOnce(String method, String pathOrUrl, Object jsonBody, String authorization) {
        return send(method, pathOrUrl, jsonBody, authorization, true, false);
    }

    /**
     * For hub4j's connector: as {@link #send} (or {@link #sendOnce} when {@code once}), except that a rate-limited
     * answer is handed back as it is, for hub4j's rate-limit and abuse-limit handlers to turn into a
     * {@link GitHubApiException} carrying the moment it lifts ({@link #rateLimitLifts}).
     */
    GitHubResponse exchange(String method, String url, String body, String authorization, boolean once) {
        return send(method, url, body, authorization, once, true);
    }

    /** When the rate limit that refused this answer lifts, if it is one; see {@link RateLimitHeaders#lifts}. */
    Optional<Instant> rateLimitLifts(int status, HttpHeaders headers, String body) {
        return limits.lifts(status, headers, body);
    }

    String baseUrl() {
        return baseUrl;
    }

    private GitHubResponse send(
            String method,
            String pathOrUrl,
            Object jsonBody,
            String authorization,
            boolean once,
            boolean rateLimitsAnswered) {
        String url =
                pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? pathOrUrl : baseUrl + pathOrUrl;
        String body = serialise(jsonBody);
        String what = method + " " + pathOf(url);
        Duration backoff = policy.firstBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(method, url, body, authorization, rateLimitsAnswered, once);
            } catch (Retryable e) {
                // a request that never left may go again, whatever it is; a write sent once, only then
                int limit = e.notSent || !once ? policy.maxAttempts() : 1;
                backoff = retryOrThrow(attempt, limit, backoff, what, e.failure);
            }
        }
    }

    /** One try: the answer, or a failure worth another try (a time-out, a failed connection, a 5xx). */
    private GitHubResponse attempt(
            String method, String url, String body, String authorization, boolean rateLimitsAnswered, boolean once)
            throws Retryable {
        String what = method + " " + pathOf(url);
        // said when a write may have been applied and is therefore not sent again (see sendOnce)
        String notRepeated = once ? " (not sent again: GitHub may have applied it)" : "";
        GitHubResponse response;
        try {
            response = transport.execute(method, url, body, authorization);
        } catch (HttpTransport.NotSentException e) {
            throw new Retryable(
                    new GitHubApiException(
                            what + " to " + hostOf(url) + " failed: " + causeOf(e.getCause()) + " (nothing was sent)",
                            0,
                            false,
                            null,
                            e),
                    true);
        } catch (InterruptedIOException e) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new GitHubApiException(what + " interrupted", 0, false, null, e);
            }
            throw new Retryable(new GitHubApiException(what + " timed out" + notRepeated, 0, false, null, e), false);
        } catch (IOException e) {
            throw new Retryable(
                    new GitHubApiException(
                            what + " to " + hostOf(url) + " failed: " + causeOf(e) + notRepeated, 0, false, null, e),
                    false);
        }
        int status = response.status();
        if (status < 300) {
            return response;
        }
        String message = what + " answered " + status + ": " + abbreviate(response.body());
        Optional<Instant> limitLifts = limits.lifts(status, response.headers(), response.body());
        if (limitLifts.isPresent()) {
            if (rateLimitsAnswered) {
                return response;
            }
            LOG.warn("{}: rate limited until {}", what, limitLifts.get());
            throw new GitHubApiException("rate limited: " + message, status, false, limitLifts.get(), null);
        }
        if (status >= 500) {
            throw new Retryable(new GitHubApiException(message + notRepeated, status, false, null, null), false);
        }
        throw new GitHubApiException(message, status, true, null, null);
    }

    private static String serialise(Object jsonBody) {
        if (jsonBody == null) {
            return null;
        }
        try {
            return jsonBody instanceof String s ? s : JSON.writeValueAsString(jsonBody);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the request body", e);
        }
    }

    private Duration retryOrThrow(
            int attempt, int maxAttempts, Duration backoff, String what, GitHubApiException failure) {
        if (attempt >= maxAttempts) {
            throw failure;
        }
        LOG.warn(
                "{} (attempt {} of {}); retrying in {} ms",
                failure.getMessage(),
                attempt,
                maxAttempts,
                backoff.toMillis());
        sleep(backoff);
        return backoff.multipliedBy(2);
    }

    /** See {@link RateLimitHeaders#primaryReset}. */
    public Optional<Instant> primaryReset(HttpHeaders h) {
        return limits.primaryReset(h);
    }

    public Clock clock() {
        return clock;
    }

    /** Requests that reached GitHub, each counted once, a revalidated read (304) included. */
    public long requestsSent() {
        return transport.sent();
    }

    /** Of {@link #requestsSent}, the reads GitHub answered 304 Not Modified, served from the cache. */
    public long notModified() {
        return transport.notModified();
    }

    private void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubApiException("interrupted while waiting to retry", 0, false, null, e);
        }
    }

    private static String pathOf(String url) {
        URI u = URI.create(url);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    private static String hostOf(String url) {
        URI u = URI.create(url);
        return u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    /** What went wrong on the connection: the JDK's ConnectException often has no message, only a cause. */
    static String causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e instanceof java.net.ConnectException
                ? "connection refused"
                : e.getClass().getSimpleName();
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    /** A failure that another try may cure; {@code notSent} when the request never left, so any may go again. */
    private static final class Retryable extends Exception {

        private final transient GitHubApiException failure;
        private final boolean notSent;

        Retryable(GitHubApiException failure, boolean notSent) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
            this.notSent = notSent;
        }
    }

    /** Waiting, replaceable so that tests can count waits. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }
}
