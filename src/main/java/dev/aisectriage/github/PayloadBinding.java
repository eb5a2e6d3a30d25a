package dev.aisectriage.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.MalformedPayloadException;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.log.LogSafe;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.kohsuke.github.GHCommentAuthorAssociation;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GitHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checked delivery ({@link PayloadChecks}) bound to its typed payload: by hub4j ({@code GitHub.parseEventPayload})
 * on an offline root, so that no getter can send a request, or to {@link DiscussionPayload} for discussions. What
 * does not bind is a {@link MalformedPayloadException}.
 */
final class PayloadBinding {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadBinding.class);
    private static final int MAX_UNKNOWN_VALUES = 16;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Set<String> ASSOCIATIONS =
            Arrays.stream(GHCommentAuthorAssociation.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private PayloadBinding() {}

    static GHEventPayload.Issue issues(Delivery e) {
        return hub4jThread(e, "issue", GHEventPayload.Issue.class);
    }

    static <P extends GHEventPayload> P hub4jThread(Delivery e, String field, Class<P> type) {
        PayloadChecks.thread(e, field);
        PayloadChecks.authorLogin(e, field);
        return hub4j(e, e.payload(), type);
    }

    static GHEventPayload.IssueComment issueComment(Delivery e) {
        PayloadChecks.thread(e, "issue");
        PayloadChecks.authorLogin(e, "issue");
        PayloadChecks.object(e, "comment");
        return hub4j(e, withKnownAssociation(e.payload()), GHEventPayload.IssueComment.class);
    }

    static DiscussionPayload discussion(Delivery e) {
        PayloadChecks.thread(e, "discussion");
        try {
            return JSON.treeToValue(e.payload(), DiscussionPayload.class);
        } catch (JsonProcessingException | IllegalArgumentException x) {
            throw unbound(e, DiscussionPayload.class, x);
        }
    }

    /** A push of an installed repository: its repository is named {@code owner/name}, its commits a list. */
    static GHEventPayload.Push push(Delivery e) {
        PayloadChecks.installation(e);
        if (!ThreadRef.isRepositoryName(e.repository())) {
            throw PayloadChecks.malformed(e, "payload has no repository.full_name of the form owner/name");
        }
        return hub4j(e, withLists(e.payload(), "commits"), GHEventPayload.Push.class);
    }

    static <P extends GHEventPayload> P installation(Delivery e, Class<P> type, String... lists) {
        PayloadChecks.object(e, "installation");
        PayloadChecks.installation(e);
        return hub4j(e, withLists(e.payload(), lists), type);
    }

    /** hub4j's getters of these lists throw when the payload has none: an absent list is bound as an empty one. */
    private static JsonNode withLists(JsonNode payload, String... lists) {
        ObjectNode copy = null;
        for (String list : lists) {
            if (payload.path(list).isMissingNode() || payload.path(list).isNull()) {
                copy = copy == null ? payload.deepCopy() : copy;
                copy.putArray(list);
            }
        }
        return copy == null ? payload : copy;
    }

    /**
     * Binds with hub4j on a root of its own: hub4j keeps every user it reads in its root, and an offline root never
     * sends a request (a getter that would fetch returns what the payload holds).
     */
    private static <P extends GHEventPayload> P hub4j(Delivery e, JsonNode payload, Class<P> type) {
        JsonNode bound = payload;
        for (int tries = 0; ; tries++) {
            try {
                return GitHub.offline().parseEventPayload(new StringReader(JSON.writeValueAsString(bound)), type);
            } catch (InvalidFormatException x) {
                Optional<JsonNode> without =
                        tries < MAX_UNKNOWN_VALUES ? withoutUnknownValue(bound, x) : Optional.empty();
                if (without.isEmpty()) {
                    throw unbound(e, type, x);
                }
                LOG.debug("{}: {} left out, a value hub4j does not know", LogSafe.text(e.id()), x.getPathReference());
                bound = without.get();
            } catch (IOException | RuntimeException x) {
                throw unbound(e, type, x);
            }
        }
    }

    /**
     * A value GitHub added to a list hub4j binds strictly (an installation's {@code permissions}, {@code
     * repository_selection}, {@code target_type}: fields no handler reads) is left out rather than failing the whole
     * delivery: {@code installation.created} must not be dead-lettered because GitHub named a new permission level.
     */
    private static Optional<JsonNode> withoutUnknownValue(JsonNode payload, InvalidFormatException x) {
        List<JsonMappingException.Reference> path = x.getPath();
        if (!x.getTargetType().isEnum() || path.isEmpty()) {
            return Optional.empty();
        }
        JsonNode copy = payload.deepCopy();
        JsonNode parent = copy;
        for (JsonMappingException.Reference step : path.subList(0, path.size() - 1)) {
            parent = step.getFieldName() != null ? parent.path(step.getFieldName()) : parent.path(step.getIndex());
        }
        String field = path.get(path.size() - 1).getFieldName();
        if (!(parent instanceof ObjectNode object) || field == null || !object.has(field)) {
            return Optional.empty();
        }
        object.remove(field);
        return Optional.of(copy);
    }

    /**
     * The comment's {@code author_association} as one hub4j knows, so that its getter needs no fallback: a value it
     * does not know (or another case) is {@code UNKNOWN}, none is {@code NONE}. Neither is trusted with a command.
     */
    private static JsonNode withKnownAssociation(JsonNode payload) {
        JsonNode given = payload.path("comment").path("author_association");
        if (given.isTextual() && ASSOCIATIONS.contains(given.asText())) {
            return payload;
        }
        ObjectNode copy = payload.deepCopy();
        ((ObjectNode) copy.get("comment")).put("author_association", given.isTextual() ? "UNKNOWN" : "NONE");
        return copy;
    }

    private static MalformedPayloadException unbound(Delivery e, Class<?> type, Exception x) {
        String why = x instanceof JsonProcessingException j ? j.getOriginalMessage() : x.toString();
        why = why == null
                ? x.getClass().getSimpleName()
                : why.lines().findFirst().orElse("");
        return PayloadChecks.malformed(
                e,
                "payload does not bind to " + type.getSimpleName() + ": "
                        + (why.length() > 200 ? why.substring(0, 200) + "…" : why));
    }
}
