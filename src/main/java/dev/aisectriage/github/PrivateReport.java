package dev.aisectriage.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A {@code repository_advisory} delivery, bound to what triage needs: a vulnerability reported privately
 * ({@code reported}) or an advisory published. Its text is for the dashboard only, never for a public post. hub4j has
 * no type for this event; the payload is bound here once, as {@code DiscussionPayload} is for discussions.
 */
public record PrivateReport(
        String action, Advisory repositoryAdvisory, Repository repository, Installation installation) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The advisory as the payload gives it; {@code state} is {@code triage} until a maintainer accepts or rejects it. */
    public record Advisory(
            String ghsaId,
            String summary,
            String description,
            String severity,
            String state,
            String htmlUrl,
            String createdAt,
            List<String> cweIds,
            Author author) {}

    public record Author(String login) {}

    public record Repository(String fullName) {}

    public record Installation(Long id) {}

    /** Binds a delivery's payload; a payload without the advisory's id, its repository or its date is refused. */
    public static PrivateReport from(JsonNode payload) {
        PrivateReport report;
        try {
            report = JSON.treeToValue(payload, PrivateReport.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("repository_advisory payload does not bind: " + e.getMessage(), e);
        }
        if (report == null
                || report.repositoryAdvisory() == null
                || blank(report.repositoryAdvisory().ghsaId())) {
            throw new IllegalArgumentException("repository_advisory payload has no repository_advisory.ghsa_id");
        }
        if (report.repository() == null || blank(report.repository().fullName())) {
            throw new IllegalArgumentException("repository_advisory payload has no repository.full_name");
        }
        report.reportedAt();
        return report;
    }

    /** Whether this delivery is a vulnerability reported privately (and not a publication). */
    public boolean reported() {
        return "reported".equals(action);
    }

    /** When it was reported. */
    public Instant reportedAt() {
        try {
            return Instant.parse(repositoryAdvisory.createdAt());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "repository_advisory.created_at is not a date: " + repositoryAdvisory.createdAt());
        }
    }

    /** What the classifier reads: the summary, then the description. */
    public String text() {
        String description = repositoryAdvisory.description();
        return repositoryAdvisory.summary() + (description == null ? "" : "\n\n" + description);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
