package dev.aisectriage.github;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import okhttp3.Cache;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire under {@link GitHubHttp}: OkHttp, which repeats nothing itself (every retry is {@link GitHubHttp}'s
 * decision, and a comment is posted once), with an optional disk cache. A connection the server had closed is found
 * before anything is written on it ({@link SendGuard}) and the request goes out on a new one; a failure before the
 * request left is a {@link NotSentException}, which any request, a POST included, may be sent again after. With the
 * cache every GET asks
 * {@code max-age=0}, as hub4j's OkHttp connector does: a stored answer is never served unasked, but sent back as
 * {@code If-None-Match}, and a 304 (which GitHub does not count against the rate limit) hands the caller the
 * stored body.
 */
final class HttpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /**
     * Connections found closed, one after the other, before a request gives up: more than OkHttp keeps idle (5),
     * so a pool whose every connection was closed at once is emptied.
     */
    private static final int MAX_CLOSED_CONNECTIONS = 8;
    /** OkHttp allows one {@link Cache} per directory in a process. */
    private static final Map<Path, Cache> CACHES = new ConcurrentHashMap<>();

    private final OkHttpClient client;
    private final boolean cached;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();

    HttpTransport(RetryPolicy policy, Cache cache) {
        long timeout = policy.requestTimeout().toMillis();
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .writeTimeout(timeout, TimeUnit.MILLISECONDS)
                .callTimeout(timeout, TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false);
        if (cache != null) {
            b.cache(cache).addNetworkInterceptor(HttpTransport::withoutCredentialsInVary);
        }
        // last: nearest the wire
        b.addNetworkInterceptor(new SendGuard());
        this.client = b.build();
        this.cached = cache != null;
    }

    /** The cache in a directory, bounded to {@code maxBytes}; one per directory, shared within the process. */
    static Cache cacheAt(Path directory, long maxBytes) {
        return CACHES.computeIfAbsent(directory.toAbsolutePath().normalize(), d -> new Cache(d.toFile(), maxBytes));
    }

    /**
     * Sends one request, once: on a new connection when the pooled one turns out closed by the server, since
     * nothing was written on that one.
     *
     * @throws NotSentException when it failed before any of it left (no connection could be made)
     * @throws IOException when it failed after it was handed to the connection: GitHub may have received it
     */
    GitHubResponse execute(String method, String url, String body, String authorization) throws IOException {
        for (int closed = 1; ; closed++) {
            SendGuard.Handover handover = new SendGuard.Handover();
            try {
                return exchange(request(method, url, body, authorization, handover));
            } catch (SendGuard.StaleConnectionException e) {
                if (closed >= MAX_CLOSED_CONNECTIONS) {
                    throw new NotSentException(e);
                }
                LOG.debug("{} {}: {}; sending on a new connection", method, pathOf(url), e.getMessage());
            } catch (IOException e) {
                if (handover.sent || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                throw new NotSentException(e);
            }
        }
    }

    private GitHubResponse exchange(Request request) throws IOException {
        String method = request.method();
        try (Response r = client.newCall(request).execute()) {
            Response network = r.networkResponse();
            if (network != null) {
                sent.incrementAndGet();
                if (network.code() == 304 && r.cacheResponse() != null) {
                    notModified.incrementAndGet();
                    LOG.debug(
                            "{} {}: 304 Not Modified, the stored answer is used",
                            method,
                            r.request().url().encodedPath());
                }
            }
            String text = r.body().string();
            return new GitHubResponse(r.code(), text, HttpHeaders.of(r.headers().toMultimap(), (k, v) -> true));
        }
    }

    /** Requests that reached GitHub, 304s included. */
    long sent() {
        return sent.get();
    }

    /** Of those, the reads GitHub answered 304 Not Modified and the cache answered. */
    long notModified() {
        return notModified.get();
    }

    private Request request(String method, String url, String body, String authorization, SendGuard.Handover handover) {
        Request.Builder b = new Request.Builder()
                .url(url)
                .tag(SendGuard.Handover.class, handover)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "ai-security-triage");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (cached && "GET".equals(method)) {
            b.header("Cache-Control", "max-age=0");
        }
        RequestBody payload = body != null
                ? RequestBody.create(body, JSON)
                : requiresBody(method) ? RequestBody.create(new byte[0], null) : null;
        return b.method(method, payload).build();
    }

    private static String pathOf(String url) {
        HttpUrl u = HttpUrl.parse(url);
        return u == null ? url : u.encodedPath();
    }

    /** The request failed before any of it left this process: sending it again cannot make it happen twice. */
    static final class NotSentException extends IOException {
        NotSentException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static boolean requiresBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /**
     * GitHub's answers vary by {@code Authorization}, which would store each token on disk beside the answer. Every
     * stored answer is used only after GitHub answered 304 to the request at hand, with its own token, so the token
     * need not key it: it is dropped from {@code Vary} before the cache sees the answer.
     */
    private static Response withoutCredentialsInVary(Interceptor.Chain chain) throws IOException {
        Response r = chain.proceed(chain.request());
        String vary = r.headers("Vary").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty() && !v.equalsIgnoreCase("Authorization") && !v.equalsIgnoreCase("Cookie"))
                .collect(Collectors.joining(", "));
        Response.Builder b = r.newBuilder().removeHeader("Vary");
        return vary.isEmpty() ? b.build() : b.header("Vary", vary).build();
    }
}
