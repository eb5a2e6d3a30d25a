package dev.aisectriage.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.github.HookDeliveries;
import dev.aisectriage.github.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RedeliverySweepTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @StartStop
    final MockWebServer github = new MockWebServer();

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void givenGitHubListsTheAppsDeliveriesOnTwoPages() {
        String next =
                github.url("/app/hook/deliveries?per_page=100&cursor=v1_page2").toString();
        github.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String line = r.getMethod() + " " + r.getTarget() + " "
                        + r.getHeaders().get("Authorization");
                requests.add(line);
                if (r.getMethod().equals("POST")) {
                    return json(202, "{}", null);
                }
                if (r.getTarget().contains("cursor=v1_page2")) {
                    return json(
                            200,
                            "["
                                    + delivery(6, "guid-F", "2026-11-28T10:00:00Z", 502, false) + ","
                                    + delivery(5, "guid-E", "2026-11-25T10:00:00Z", 500, false) // older than 3 days
                                    + "]",
                            null);
                }
                return json(
                        200,
                        "["
                                + delivery(20, "guid-C", "2026-11-29T11:50:00Z", 202, true) + ","
                                + delivery(19, "guid-A", "2026-11-29T11:40:00Z", 0, false) + ","
                                + delivery(18, "guid-B", "2026-11-29T11:30:00Z", 500, false) + ","
                                + delivery(17, "guid-C", "2026-11-29T11:20:00Z", 503, false) + ","
                                + delivery(16, "guid-D", "2026-11-29T11:10:00Z", 202, false)
                                + "]",
                        "<" + next + ">; rel=\"next\"");
            }
        });
    }

    @Test
    void exactlyTheFailedOnesTheStoreNeverSawAreAskedAgainWhenTheSweepRunsGivenFailedDeliveries() throws Exception {
        // guid-B failed on GitHub's side but reached the store (the answer was lost): never asked again
        RedeliverySweep sweep = sweep(Set.of("guid-B"));

        int asked = sweep.run();

        assertThat(asked).isEqualTo(2);
        assertThat(requests)
                .filteredOn(l -> l.startsWith("POST"))
                .containsExactly(
                        "POST /app/hook/deliveries/19/attempts Bearer app-jwt",
                        "POST /app/hook/deliveries/6/attempts Bearer app-jwt");
        assertThat(requests)
                .filteredOn(l -> l.startsWith("GET"))
                .containsExactly(
                        "GET /app/hook/deliveries?per_page=100 Bearer app-jwt",
                        "GET /app/hook/deliveries?per_page=100&cursor=v1_page2 Bearer app-jwt");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(sweep.requested()).isEqualTo(2);
    }

    @Test
    void itIsNotAskedTwiceWhenTheNextSweepStillSeesItFailedGivenASweepAskedForADelivery() throws Exception {
        RedeliverySweep sweep = sweep(Set.of());
        assertThat(sweep.run()).isEqualTo(3);
        requests.clear();

        assertThat(sweep.run()).isZero();
        assertThat(requests).noneMatch(l -> l.startsWith("POST"));
    }

    @Test
    void itAsksForNoMoreThanItsLimitWhenASweepRunsGivenManyFailedDeliveries() throws Exception {
        RedeliverySweep sweep = new RedeliverySweep(
                client(), guid -> false, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1), 1, pauses::add);

        assertThat(sweep.run()).isEqualTo(1);
        assertThat(requests).filteredOn(l -> l.startsWith("POST")).hasSize(1);
    }

    private RedeliverySweep sweep(Set<String> stored) {
        return new RedeliverySweep(
                client(), stored::contains, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1), 50, pauses::add);
    }

    private HookDeliveries client() {
        String base = github.url("/").toString();
        GitHubHttp http = new GitHubHttp(
                base.substring(0, base.length() - 1),
                new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(5)),
                d -> {},
                Clock.systemUTC());
        return new HookDeliveries(http, () -> "app-jwt");
    }

    private static String delivery(long id, String guid, String at, int status, boolean redelivery) {
        return "{\"id\":" + id + ",\"guid\":\"" + guid + "\",\"delivered_at\":\"" + at + "\",\"redelivery\":"
                + redelivery + ",\"duration\":0.1,\"status\":\"" + (status == 0 ? "Timeout" : "HTTP " + status)
                + "\",\"status_code\":" + status + ",\"event\":\"issues\",\"action\":\"opened\","
                + "\"installation_id\":42,\"repository_id\":7}";
    }

    private static MockResponse json(int code, String body, String link) {
        MockResponse.Builder b = new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body);
        if (link != null) {
            b.addHeader("Link", link);
        }
        return b.build();
    }
}
