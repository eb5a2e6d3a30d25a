package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.log.LogSafe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@code SECURITY.md} GitHub shows as a repository's security policy: the first of {@link #PLACES} in the
 * repository, then the same places in the owner's {@code .github} repository (GitHub's default community health
 * files). One {@code GET /repos/{owner}/{repo}/contents/{path}} per place until one is found ("Contents: read"); a
 * place that does not exist (404) or may not be read (403) is passed over. Sends; records nothing.
 */
public final class SecurityPolicyFiles {

    /** Where GitHub looks for a security policy in a repository, in GitHub's order of precedence. */
    public static final List<String> PLACES = List.of(".github/SECURITY.md", "SECURITY.md", "docs/SECURITY.md");

    /** The repository that holds an account's default community health files. */
    public static final String DEFAULTS_REPOSITORY = ".github";

    private static final Logger LOG = LoggerFactory.getLogger(SecurityPolicyFiles.class);

    private final InstallationReads reads;

    SecurityPolicyFiles(InstallationReads reads) {
        this.reads = reads;
    }

    /** The policy that applies to {@code repository} ({@code owner/name}), or empty when there is none. */
    Optional<RepoFile> find(long installationId, String repository) {
        for (String holder : holders(repository)) {
            for (String path : PLACES) {
                Optional<RepoFile> file = read(installationId, holder, path);
                if (file.isPresent()) {
                    return file;
                }
            }
        }
        return Optional.empty();
    }

    /** The repository itself, then its owner's {@code .github} repository (unless it is that one). */
    static List<String> holders(String repository) {
        List<String> holders = new ArrayList<>(List.of(repository));
        String defaults = repository.substring(0, repository.indexOf('/') + 1) + DEFAULTS_REPOSITORY;
        if (!defaults.equalsIgnoreCase(repository)) {
            holders.add(defaults);
        }
        return holders;
    }

    private Optional<RepoFile> read(long installationId, String repository, String path) {
        InstallationReads.Read read = reads.get(installationId, "/repos/" + repository + "/contents/" + path);
        if (read.refused()) {
            if (!read.refusal().isGone()) {
                LOG.info(
                        "{}:{} could not be read ({}); looking further",
                        LogSafe.text(repository),
                        path,
                        read.refusal().status());
            }
            return Optional.empty();
        }
        JsonNode answer = read.json();
        if (!"file".equals(answer.path("type").asText())) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(answer.path("content").asText(""));
            return Optional.of(new RepoFile(
                    repository, path, answer.path("sha").asText(null), new String(bytes, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}:{}: GitHub sent content that is not base64; looking further", LogSafe.text(repository), path);
            return Optional.empty();
        }
    }
}
