package dev.aisectriage.event;

import dev.aisectriage.disclosure.PrivateChannelChoice;
import dev.aisectriage.disclosure.PrivateChannels;
import dev.aisectriage.disclosure.SecurityPolicyReader;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.store.RepositoryChannels;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repositories' private channels as the service keeps them: looked up on GitHub, each lookup written down for the
 * dashboard ("no private channel", and why), and a kept channel dropped when a push, received by any instance, changed
 * the repository's security policy since.
 */
final class RecordedChannels {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedChannels.class);

    private RecordedChannels() {}

    static PrivateChannels on(GitHubGateway github, RepositoryChannels records, Clock clock) {
        PrivateChannels.Lookup onGitHub =
                PrivateChannels.onGitHub(github, new PrivateChannelChoice(new SecurityPolicyReader()));
        return new PrivateChannels(
                (installationId, repository) -> onGitHub.find(installationId, repository)
                        .map(channel -> {
                            records.record(
                                    installationId,
                                    repository,
                                    channel.status().label(),
                                    channel.why(),
                                    clock.instant());
                            LOG.info("{}: {} ({})", repository, channel.status().label(), channel.why());
                            return channel;
                        }),
                records::changedSince,
                PrivateChannels.DEFAULT_TTL,
                clock);
    }
}
