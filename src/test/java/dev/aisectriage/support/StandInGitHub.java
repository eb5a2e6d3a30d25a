package dev.aisectriage.support;

import dev.aisectriage.github.AppJwt;
import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.github.InstallationLimits;
import dev.aisectriage.github.InstallationTokens;
import dev.aisectriage.github.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stand-in GitHub ({@link FakeGitHub}) with the App's real client on it: the HTTP client with a fast retry policy
 * whose waits are recorded instead of slept, installation tokens exchanged with the App's JWT, and the installations'
 * rate-limit state. A JUnit extension: {@code @RegisterExtension final StandInGitHub gitHub = new StandInGitHub();}
 * starts one per test and stops it after.
 */
public final class StandInGitHub implements AfterEachCallback {

    public static final String APP_ID = FakeGitHub.APP_ID;

    public final FakeGitHub github;
    public final GitHubHttp http;
    public final InstallationTokens tokens;
    public final InstallationLimits limits;
    /** The back-off waits the client took, in order (never slept). */
    public final List<Duration> waits = new CopyOnWriteArrayList<>();

    public StandInGitHub() {
        github = new FakeGitHub();
        http = new GitHubHttp(
                github.url(),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5)),
                waits::add,
                Clock.systemUTC());
        tokens = new InstallationTokens(
                http, new AppJwt(APP_ID, FakeGitHub.APP_KEY.getPrivate(), Clock.systemUTC()), Clock.systemUTC());
        limits = new InstallationLimits(Clock.systemUTC());
    }

    /** {@code METHOD /path} of every request but the token exchanges, in order. */
    public List<String> calls() {
        return github.requestLines().stream()
                .filter(l -> !l.endsWith("/access_tokens"))
                .toList();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        github.close();
    }
}
