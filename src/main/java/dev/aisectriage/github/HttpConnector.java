package dev.aisectriage.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * hub4j's requests, sent through {@link GitHubHttp} with the credentials of one client: an installation's on
 * {@link InstallationCalls} (the same token cache, 401 renewal, back-off on 5xx and time-outs, and per-installation
 * hold as every other call), or the App's JWT. Every
 * error answer but a rate limit fails here as a {@link GitHubApiException}; a rate limit hub4j recognises (429, or
 * 403 with {@code retry-after} or no requests remaining) is handed to hub4j, whose handlers
 * ({@link LimitHandlers}) throw it back with the moment it lifts.
 */
final class HttpConnector implements GitHubConnector {

    private final GitHubHttp http;
    private final Credentials credentials;
    private final CommentAuthors authors;

    /** @param authors told of every comment list that passes, for what hub4j does not map (see {@link CommentAuthors}) */
    HttpConnector(GitHubHttp http, Credentials credentials, CommentAuthors authors) {
        this.http = http;
        this.credentials = credentials;
        this.authors = authors;
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        String body = null;
        if (request.hasBody()) {
            try (InputStream in = request.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        String payload = body;
        String url = request.url().toString();
        // a comment is created once: a 5xx may come after GitHub stored it (see GitHubHttp#sendOnce)
        boolean once = "POST".equals(request.method()) && url.endsWith("/comments");
        GitHubResponse answer = credentials.send(auth -> http.exchange(request.method(), url, payload, auth, once));
        if ("GET".equals(request.method()) && answer.status() == 200) {
            authors.observe(request.url().getPath(), answer);
        }
        if (answer.status() >= 400 && !handedToHub4j(answer)) {
            Optional<java.time.Instant> lifts = http.rateLimitLifts(answer.status(), answer.headers(), answer.body());
            throw new GitHubApiException(
                    "rate limited: " + request.method() + " " + request.url().getPath() + " answered "
                            + answer.status(),
                    answer.status(),
                    false,
                    lifts.orElseThrow(),
                    null);
        }
        return new Answer(request, answer);
    }

    /** Sends a request with some credentials: {@code send} takes the whole {@code Authorization} header value. */
    @FunctionalInterface
    interface Credentials {
        GitHubResponse send(Function<String, GitHubResponse> send);
    }

    /** What hub4j's rate-limit handler (403, none remaining) or abuse-limit handler (429, retry-after) catches. */
    private static boolean handedToHub4j(GitHubResponse answer) {
        HttpHeaders h = answer.headers();
        return answer.status() == 429
                || (answer.status() == 403
                        && (h.firstValue("retry-after").isPresent()
                                || h.firstValue("x-ratelimit-remaining")
                                        .map(String::trim)
                                        .filter("0"::equals)
                                        .isPresent()));
    }

    /** An answer of {@link GitHubHttp} as hub4j reads it; its body can be read more than once. */
    static final class Answer extends GitHubConnectorResponse {

        private final GitHubResponse answer;

        Answer(GitHubConnectorRequest request, GitHubResponse answer) {
            super(request, answer.status(), answer.headers().map());
            this.answer = answer;
        }

        GitHubResponse answer() {
            return answer;
        }

        @Override
        public InputStream bodyStream() {
            return rawBodyStream();
        }

        @Override
        protected InputStream rawBodyStream() {
            String body = answer.body() == null ? "" : answer.body();
            return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
