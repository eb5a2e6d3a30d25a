package dev.aisectriage.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.core.ThreadRef.GitHubThread;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * hub4j clients, one per installation, and hub4j objects bound to their repository without a fetch: a thread is
 * parsed with {@link GitHub#parseEventPayload} from the payload fields that name it (owner, repository, number), as
 * a webhook payload is, so that {@link GHIssue} builds {@code /repos/{owner}/{name}/issues/{n}} itself instead of
 * asking GitHub for the repository and the issue first.
 */
final class GitHubObjects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GitHubHttp http;
    private final InstallationCalls calls;
    private final CommentAuthors authors = new CommentAuthors();
    private final Map<Long, GitHub> clients = new ConcurrentHashMap<>();

    GitHubObjects(GitHubHttp http, InstallationCalls calls) {
        this.http = http;
        this.calls = calls;
    }

    /**
     * A client whose requests go through {@link HttpConnector}, which sets the credentials itself: hub4j's own
     * authorisation stays anonymous, so building the client sends nothing (no {@code GET /user}, no
     * {@code GET /rate_limit}).
     */
    static GitHub client(GitHubHttp http, HttpConnector.Credentials credentials, CommentAuthors authors) {
        try {
            return new GitHubBuilder()
                    .withEndpoint(http.baseUrl())
                    .withAuthorizationProvider(AuthorizationProvider.ANONYMOUS)
                    .withConnector(new HttpConnector(http, credentials, authors))
                    .withRateLimitHandler(LimitHandlers.rateLimit(http))
                    .withAbuseLimitHandler(LimitHandlers.abuseLimit(http))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Who wrote the comments listed through these clients. */
    CommentAuthors authors() {
        return authors;
    }

    /** The installation's client, on its token (see {@link InstallationCalls}). */
    GitHub client(long installationId) {
        return clients.computeIfAbsent(installationId, id -> client(http, send -> calls.send(id, send), authors));
    }

    GHIssue issue(GitHubThread thread) throws IOException {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("action", "opened");
        payload.putObject("issue").put("number", thread.number());
        payload.set("repository", repositoryNode(thread.repository()));
        return parse(thread.installationId(), payload, GHEventPayload.Issue.class)
                .getIssue();
    }

    /** A comment of the thread by its id, bound as an {@code issue_comment} payload binds it: nothing is fetched. */
    GHIssueComment comment(GitHubThread thread, long commentId) throws IOException {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("action", "edited");
        payload.putObject("comment").put("id", commentId);
        payload.putObject("issue").put("number", thread.number());
        payload.set("repository", repositoryNode(thread.repository()));
        return parse(thread.installationId(), payload, GHEventPayload.IssueComment.class)
                .getComment();
    }

    GHRepository repository(long installationId, String repository) throws IOException {
        return repository(client(installationId), repository);
    }

    /** A repository bound to {@code client} as a {@code repository} payload binds it: nothing is fetched. */
    static GHRepository repository(GitHub client, String repository) throws IOException {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("action", "created");
        payload.set("repository", repositoryNode(repository));
        return parse(client, payload, GHEventPayload.Repository.class).getRepository();
    }

    /** An installation bound to the App's client as an {@code installation} payload binds it: nothing is fetched. */
    static GHAppInstallation installation(GitHub appClient, long installationId) throws IOException {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("action", "created");
        payload.putObject("installation").put("id", installationId);
        return parse(appClient, payload, GHEventPayload.Installation.class).getInstallation();
    }

    /**
     * Runs hub4j calls of an installation. A rate limit (thrown by {@link LimitHandlers}) holds the installation
     * back as {@link InstallationCalls} does; what hub4j itself reports as an I/O failure comes out as a
     * {@link GitHubApiException} with its status.
     */
    <T> T call(long installationId, ApiCall<T> call) {
        try {
            return run(call);
        } catch (RateLimitedException e) {
            throw e;
        } catch (GitHubApiException e) {
            if (e.retryAt() == null) {
                throw e;
            }
            throw calls.limited(installationId, e);
        }
    }

    /** Runs a hub4j call; what hub4j reports as an I/O failure comes out as a {@link GitHubApiException}. */
    static <T> T run(ApiCall<T> call) {
        try {
            return call.run();
        } catch (HttpException e) {
            int status = e.getResponseCode();
            throw new GitHubApiException(e.getMessage(), status, status >= 400 && status < 500, null, e);
        } catch (IOException e) {
            if (e.getCause() instanceof GitHubApiException g) {
                throw g;
            }
            throw new GitHubApiException("hub4j failed: " + GitHubHttp.causeOf(e), 0, false, null, e);
        } catch (GHException e) {
            // a page of a listing failed: hub4j's iterators wrap the IOException
            if (e.getCause() instanceof IOException io) {
                return run(() -> {
                    throw io;
                });
            }
            throw e;
        }
    }

    private <T extends GHEventPayload> T parse(long installationId, ObjectNode payload, Class<T> type)
            throws IOException {
        return parse(client(installationId), payload, type);
    }

    private static <T extends GHEventPayload> T parse(GitHub client, ObjectNode payload, Class<T> type)
            throws IOException {
        return client.parseEventPayload(new StringReader(payload.toString()), type);
    }

    private static ObjectNode repositoryNode(String repository) {
        int slash = repository.indexOf('/');
        ObjectNode repo = JSON.createObjectNode();
        repo.put("name", repository.substring(slash + 1));
        repo.put("full_name", repository);
        repo.putObject("owner").put("login", repository.substring(0, slash));
        return repo;
    }

    /** A hub4j call, which may throw hub4j's IOException. */
    @FunctionalInterface
    interface ApiCall<T> {
        T run() throws IOException;
    }
}
