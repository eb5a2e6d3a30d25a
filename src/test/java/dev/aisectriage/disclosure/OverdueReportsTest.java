package dev.aisectriage.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.disclosure.OverdueReports.Seen;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverdueReportsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void reportsStillInTriageAfterTheReminderDaysAreListedOldestFirst() {
        // given reports of several ages and states
        Seen nine = seen("GHSA-aaaa-2222-cccc", "2026-11-21T12:00:00Z", "triage");
        Seen exactlySeven = seen("GHSA-bbbb-3333-dddd", "2026-11-23T12:00:00Z", "triage");
        Seen sixDays = seen("GHSA-cccc-4444-ffff", "2026-11-24T12:00:00Z", "triage");
        Seen acceptedLongAgo = seen("GHSA-dddd-5555-gggg", "2026-10-01T12:00:00Z", "draft");
        Seen rejected = seen("GHSA-ffff-6666-hhhh", "2026-10-02T12:00:00Z", "closed");

        // when the overdue ones are listed with the default seven days
        List<Seen> overdue = OverdueReports.of(
                List.of(sixDays, exactlySeven, acceptedLongAgo, nine, rejected), NOW, OverdueReports.DEFAULT_REMINDER);

        // then the two unacknowledged reports of seven days or more are there, oldest first
        assertThat(overdue).containsExactly(nine, exactlySeven);
    }

    private static Seen seen(String ghsa, String reportedAt, String state) {
        return new Seen(
                "example-ml/model-zoo",
                ghsa,
                "https://github.com/example-ml/model-zoo/security/advisories/" + ghsa,
                Instant.parse(reportedAt),
                state);
    }
}
