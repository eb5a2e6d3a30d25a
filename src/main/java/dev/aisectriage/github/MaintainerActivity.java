package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.ThreadRef.GitHubThread;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a maintainer did on a new thread while the bot held back ({@code delay_minutes}): labelled it, commented on it,
 * closed it or locked it. The thread is new, so everything on it came after the post. On an issue, two REST reads: its events (labelled, unlabelled, closed, locked, each with its
 * actor) and its comments (each with its author's {@code author_association}). On a discussion, one GraphQL query
 * (closed, locked, labels, comments): GitHub keeps no event list for discussions, so a label counts when it was not
 * on the post when it was opened. Only a person with triage or write access can label, lock or close someone else's
 * thread, so an issue event counts unless its actor is the post's author (who may close their own) or a bot; a
 * comment counts when its author is a maintainer ({@link #MAINTAINERS}), the post's author included. Reads only.
 */
final class MaintainerActivity {

    /** Who counts as a maintainer when commenting: GitHub's {@code author_association}. */
    static final Set<String> MAINTAINERS = Set.of("OWNER", "MEMBER", "COLLABORATOR");

    private static final Logger LOG = LoggerFactory.getLogger(MaintainerActivity.class);
    private static final Map<String, String> ACTS = Map.of(
            "labeled", "labelled it",
            "unlabeled", "removed a label",
            "closed", "closed it",
            "locked", "locked it");

    private final InstallationReads reads;
    private final GraphQlClient graphql;

    MaintainerActivity(InstallationReads reads, GraphQlClient graphql) {
        this.reads = reads;
        this.graphql = graphql;
    }

    /**
     * @param author      the post's author (login), whose own issue events do not count
     * @param labelsAtPost the labels the post had when the event was sent (a discussion's later ones were added)
     * @return what the first maintainer found did, in a few words ("octo-maintainer labelled it"), or empty
     */
    Optional<String> of(GitHubThread thread, String author, Set<String> labelsAtPost) {
        return thread instanceof ThreadRef.GitHubDiscussion ? discussion(thread, labelsAtPost) : issue(thread, author);
    }

    private Optional<String> issue(GitHubThread issue, String author) {
        String path = "/repos/" + issue.repository() + "/issues/" + issue.number();
        JsonNode events = read(issue, path + "/events?per_page=100");
        for (JsonNode e : events) {
            String act = ACTS.get(e.path("event").asText());
            JsonNode actor = e.path("actor");
            if (act != null && person(actor, author)) {
                return Optional.of(actor.path("login").asText() + " " + act);
            }
        }
        for (JsonNode c : read(issue, path + "/comments?per_page=100")) {
            String association = c.path("author_association").asText("NONE");
            if (MAINTAINERS.contains(association) && person(c.path("user"), null)) {
                return Optional.of(c.path("user").path("login").asText() + " (" + association + ") commented");
            }
        }
        return Optional.empty();
    }

    private Optional<String> discussion(GitHubThread discussion, Set<String> labelsAtPost) {
        JsonNode d = graphql.execute(
                        discussion.installationId(),
                        "query($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name)"
                                + " { discussion(number: $number) { closed locked labels(first: 100) { nodes { name } }"
                                + " comments(last: 100) { nodes { authorAssociation author { __typename login } } } } } }",
                        Map.of("owner", discussion.owner(), "name", discussion.name(), "number", discussion.number()))
                .path("repository")
                .path("discussion");
        if (d.path("closed").asBoolean(false)) {
            return Optional.of("it was closed");
        }
        if (d.path("locked").asBoolean(false)) {
            return Optional.of("it was locked");
        }
        Set<String> labels = new HashSet<>();
        d.path("labels").path("nodes").forEach(l -> labels.add(l.path("name").asText()));
        labels.removeAll(labelsAtPost);
        if (!labels.isEmpty()) {
            return Optional.of("a label was added (" + String.join(", ", labels) + ")");
        }
        for (JsonNode c : d.path("comments").path("nodes")) {
            JsonNode who = c.path("author");
            if (MAINTAINERS.contains(c.path("authorAssociation").asText())
                    && !"Bot".equals(who.path("__typename").asText())) {
                return Optional.of(who.path("login").asText() + " ("
                        + c.path("authorAssociation").asText() + ") commented");
            }
        }
        return Optional.empty();
    }

    /** The list at {@code path}; a thread gone meanwhile (404) has nothing more to read. */
    private JsonNode read(GitHubThread thread, String path) {
        InstallationReads.Read read = reads.get(thread.installationId(), path);
        if (read.refused()) {
            LOG.info(
                    "{}: {} could not be read ({}); nobody counted as acting first",
                    thread,
                    path,
                    read.refusal().status());
            return MissingNode.getInstance();
        }
        return read.json();
    }

    /** A person who is not the post's author: a bot's label or comment is no maintainer's decision. */
    private static boolean person(JsonNode account, String author) {
        String login = account.path("login").asText("");
        return !login.isEmpty()
                && !"Bot".equals(account.path("type").asText())
                && !login.endsWith("[bot]")
                && !login.equals(author);
    }
}
