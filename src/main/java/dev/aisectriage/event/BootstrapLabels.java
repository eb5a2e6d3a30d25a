package dev.aisectriage.event;

import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.config.RepoConfigLoader;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.InstallationChange;
import dev.aisectriage.core.Lease;
import dev.aisectriage.github.GitHubApiException;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.LabelSpec;
import dev.aisectriage.store.Installations;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code installation.created} / {@code installation_repositories.added}: creates the bot's labels on each
 * repository. A label the repository already has is left as the maintainers made it, and a label the bot created
 * once and a maintainer deleted since is never created again.
 */
public final class BootstrapLabels implements PayloadHandler<InstallationChange> {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapLabels.class);

    private final GitHubGateway gateway;
    private final RepoConfigLoader configs;
    private final Installations installations;

    public BootstrapLabels(GitHubGateway gateway, RepoConfigLoader configs, Installations installations) {
        this.gateway = gateway;
        this.configs = configs;
        this.installations = installations;
    }

    /** The repositories the App was installed on, or the ones added to the installation. */
    @Override
    public void handle(Delivery delivery, InstallationChange installation, Lease lease) {
        long installationId = installation.installationId();
        for (String repository : installation.repositories()) {
            try {
                bootstrap(installationId, repository);
            } catch (GitHubApiException e) {
                if (!e.isGone()) {
                    throw e;
                }
                LOG.info("{}: repository is gone or out of reach ({}); skipped", repository, e.getMessage());
            }
        }
    }

    private void bootstrap(long installationId, String repository) {
        RepoConfig config = configs.load(installationId, repository);
        if (!config.enabled()) {
            LOG.info("{}: the bot is disabled by {}; no labels created", repository, config.source());
            return;
        }
        Set<String> existing = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        existing.addAll(gateway.listLabels(installationId, repository));
        for (LabelSpec label : config.labelsToCreate()) {
            if (existing.contains(label.name())) {
                continue;
            }
            if (installations.createdLabel(repository, label.name())) {
                installations.recordLabelDeletedByMaintainer(repository, label.name());
                LOG.info("{}: label '{}' was deleted by a maintainer; not created again", repository, label.name());
                continue;
            }
            gateway.createLabel(installationId, repository, label);
            installations.recordLabelCreated(installationId, repository, label.name());
        }
    }
}
