package dev.aisectriage.event;

import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.ThreadPort;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.ThreadRef.GitHubThread;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.LabelSpec;
import dev.aisectriage.store.Installations;
import dev.aisectriage.store.Threads;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and takes back the bot's labels on a thread as {@link LabelPolicy} allows, and remembers what it did. Only
 * GitHub labels threads; its labels are created on the repository on first use.
 */
final class ThreadLabels {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadLabels.class);

    private final ThreadPort port;
    private final GitHubGateway github;
    private final Threads threads;
    private final Installations installations;

    ThreadLabels(ThreadPort port, GitHubGateway github, Threads threads, Installations installations) {
        this.port = port;
        this.github = github;
        this.threads = threads;
        this.installations = installations;
    }

    void add(ThreadPost post, RepoConfig config, List<LabelSpec> wanted, Lease lease) {
        if (wanted.isEmpty() || !(post.ref() instanceof GitHubThread ref)) {
            return;
        }
        if (LabelPolicy.personSetTheme(post.labels(), threads.labelsAddedByBot(ref), config)) {
            LOG.info("{}: a person already set a theme label; the bot adds none", ref);
            return;
        }
        List<String> names = LabelPolicy.toAdd(
                wanted,
                post.labels(),
                threads.labelsAddedByBot(ref),
                threads.labelsRemovedByHumans(ref),
                installations.labelsDeletedByMaintainers(ref.repository()));
        if (names.isEmpty()) {
            return;
        }
        for (LabelSpec label : LabelPolicy.toCreate(
                wanted, names, config, name -> installations.createdLabel(ref.repository(), name))) {
            github.createLabel(ref.installationId(), ref.repository(), label);
            installations.recordLabelCreated(ref.installationId(), ref.repository(), label.name());
        }
        threads.requireLease(ref, lease); // a process whose lease was taken over leaves the labels to the new holder
        port.addLabels(ref, names);
        threads.recordLabelsAdded(ref, names);
    }

    /**
     * Takes back the bot's labels but those of {@code keep}. Labels taken back are recorded as removed by a person:
     * they are never added to the thread again.
     */
    void withdraw(ThreadRef ref, Collection<String> keep) {
        for (String label :
                LabelPolicy.toWithdraw(threads.labelsAddedByBot(ref), threads.labelsRemovedByHumans(ref), keep)) {
            port.removeLabel(ref, label);
            threads.recordLabelRemovedByHuman(ref, label);
        }
    }
}
