package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnreachableGitHubTest {

    @Test
    void theErrorNamesTheHostAndTheCauseWhenARequestFailsGivenNothingListensOnTheApiHost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GitHubHttp http = new GitHubHttp(
                "http://127.0.0.1:" + port,
                new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(5)),
                d -> {},
                Clock.systemUTC());

        GitHubApiException e = catchThrowableOfType(
                GitHubApiException.class, () -> http.send("GET", "/app/installations", null, "Bearer x"));

        assertThat(e.getMessage())
                .contains("GET /app/installations to 127.0.0.1:" + port + " failed: ")
                .doesNotContain("null");
    }
}
