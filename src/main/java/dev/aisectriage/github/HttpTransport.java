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
 * decision, and a comment is posted once), with an optional disk cache. With the cache every GET asks
 * {@code max-age=0}, as hub4j's OkHttp connector does: a stored answer is never served unasked, but sent back as
 * {@code If-None-Match}, and a 304 (which GitHub does not count against the rate limit) hands the caller the
 * stored body.
 */
final class HttpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
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
        this.client = b.build();
        this.cached = cache != null;
    }

    /** The cache in a directory, bounded to {@code maxBytes}; one per directory, shared within the process. */
    static Cache cacheAt(Path directory, long maxBytes) {
        return CACHES.computeIfAbsent(directory.toAbsolutePath().normalize(), d -> new Cache(d.toFile(), maxBytes));
    }

    /** Sends one request, once. */
    GitHubResponse execute(String method, String url, String body, String authorization) throws IOException {
        try (Response r =
                client.newCall(request(method, url, body, authorization)).execute()) {
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

    private Request request(String method, String url, String body, String authorization) {
        Request.Builder b = new Request.Builder()
                .url(url)
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
