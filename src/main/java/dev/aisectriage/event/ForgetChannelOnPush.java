package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.disclosure.PrivateChannels;
import dev.aisectriage.disclosure.SecurityPolicyChange;
import dev.aisectriage.github.PushSummary;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.RepositoryChannels;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code push}: one that changed a {@code SECURITY.md} GitHub shows (on the default branch, in one of its three
 * places, or in the owner's {@code .github} repository) makes the repository's private channel be looked up again:
 * this instance forgets it at once, the others when they next use theirs (the store's mark). No request to GitHub;
 * every other push returns at once.
 */
record ForgetChannelOnPush(PrivateChannels channels, RepositoryChannels records, Clock clock)
        implements PayloadHandler<PushSummary> {

    private static final Logger LOG = LoggerFactory.getLogger(ForgetChannelOnPush.class);

    @Override
    public void handle(Delivery delivery, PushSummary push, Lease lease) {
        SecurityPolicyChange.of(push).ifPresent(change -> {
            channels.forget(change);
            if (change.scope() == SecurityPolicyChange.Scope.OWNER) {
                records.ownerPolicyChanged(change.name(), clock.instant());
            } else {
                records.policyChanged(change.name(), clock.instant());
            }
            LOG.info(
                    "{}: a push changed the security policy; the private channel is looked up again",
                    LogSafe.text(change.name()));
        });
    }
}
