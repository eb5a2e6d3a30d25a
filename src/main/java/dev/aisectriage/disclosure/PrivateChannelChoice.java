package dev.aisectriage.disclosure;

import dev.aisectriage.github.PrivateReporting;
import dev.aisectriage.github.RepoFile;
import java.util.List;
import java.util.Optional;

/**
 * Decides where a reporter is sent: private vulnerability reporting when GitHub says it is on; otherwise (off, or the
 * App could not tell) the contacts of the repository's {@code SECURITY.md}; otherwise none. A policy that only points
 * to the repository's own reporting form does not count while that form is not known to work: that is the dead end
 * reporters complain of.
 */
public final class PrivateChannelChoice {

    private final SecurityPolicyReader reader;

    public PrivateChannelChoice(SecurityPolicyReader reader) {
        this.reader = reader;
    }

    /**
     * @param repository {@code owner/name} the report was posted in
     * @param reporting  what GitHub said of private reporting there
     * @param policy     the {@code SECURITY.md} that applies, if any ({@code SecurityPolicyFiles#find})
     */
    public PrivateChannel choose(String repository, PrivateReporting reporting, Optional<RepoFile> policy) {
        if (reporting.enabled()) {
            return new PrivateChannel.ReportingForm(repository);
        }
        String off = PrivateChannel.notOn(reporting);
        if (policy.isEmpty()) {
            return new PrivateChannel.None(off + "; no SECURITY.md", reporting);
        }
        RepoFile file = policy.get();
        List<SecurityContact> usable = reader.contacts(file.content(), repository).stream()
                .filter(c -> !(c.kind() == SecurityContact.Kind.ADVISORY_FORM
                        && c.value().equalsIgnoreCase(repository)))
                .toList();
        if (usable.isEmpty()) {
            return new PrivateChannel.None(
                    off + "; " + file.repository() + ":" + file.path() + " names no usable contact", reporting);
        }
        return new PrivateChannel.PolicyContacts(file.repository(), file.path(), usable, reporting);
    }
}
