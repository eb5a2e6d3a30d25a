package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.support.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrivateReportTest {

    private static final String FIXTURE = "repository_advisory-reported-path-traversal-in-bundle-extraction.json";

    @Test
    void aReportedDeliveryBindsToTheAdvisoryItsRepositoryAndInstallation() {
        // given GitHub's repository_advisory.reported delivery
        PrivateReport report = PrivateReport.from(Fixtures.payload(FIXTURE));

        // then it is a private report awaiting triage, with what the dashboard shows
        assertThat(report.reported()).isTrue();
        assertThat(report.repository().fullName()).isEqualTo("example-ml/model-zoo");
        assertThat(report.installation().id()).isEqualTo(48151623L);
        assertThat(report.repositoryAdvisory().ghsaId()).isEqualTo("GHSA-8q4v-2m7x-cf5r");
        assertThat(report.repositoryAdvisory().state()).isEqualTo("triage");
        assertThat(report.repositoryAdvisory().htmlUrl())
                .isEqualTo("https://github.com/example-ml/model-zoo/security/advisories/GHSA-8q4v-2m7x-cf5r");
        assertThat(report.repositoryAdvisory().cweIds()).containsExactly("CWE-22");
        assertThat(report.repositoryAdvisory().author().login()).isEqualTo("researcher-seven");
        assertThat(report.reportedAt()).isEqualTo(Instant.parse("2026-11-20T08:12:44Z"));
    }

    @Test
    void theClassifierReadsTheSummaryThenTheDescription() {
        // given the delivery, when its text is taken, then it is the summary followed by the description
        PrivateReport report = PrivateReport.from(Fixtures.payload(FIXTURE));

        assertThat(report.text())
                .startsWith("Path traversal in extract_bundle() writes files outside the model cache\n\n### Summary")
                .contains("ZipFile.extractall()");
    }

    @Test
    void aPayloadWithoutTheAdvisorysIdIsRefusedWithItsName() {
        // given a delivery missing the advisory's id
        ObjectNode payload = (ObjectNode) Fixtures.payload(FIXTURE).deepCopy();
        ((ObjectNode) payload.get("repository_advisory")).remove("ghsa_id");

        // then binding fails naming the field
        assertThatThrownBy(() -> PrivateReport.from(payload))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("repository_advisory payload has no repository_advisory.ghsa_id");
    }

    @Test
    void aPayloadWithABrokenDateIsRefusedWithTheValue() {
        // given a delivery whose date is not one
        ObjectNode payload = (ObjectNode) Fixtures.payload(FIXTURE).deepCopy();
        ((ObjectNode) payload.get("repository_advisory")).put("created_at", "last tuesday");

        // then binding fails quoting it
        assertThatThrownBy(() -> PrivateReport.from(payload))
                .hasMessage("repository_advisory.created_at is not a date: last tuesday");
    }
}
