package dev.aisectriage.disclosure;

import dev.aisectriage.github.PrivateReporting;
import java.util.List;

/**
 * Where the bot's comment sends a reporter who posted vulnerability details in public, decided per repository by
 * {@link PrivateChannelChoice}. The renderer builds the links; nothing here is a URL of the bot's making.
 */
public sealed interface PrivateChannel {

    /** The dashboard's word for the repository. */
    Status status();

    enum Status {
        PRIVATE_REPORTING("private reporting"),
        SECURITY_POLICY("SECURITY.md contact"),
        NO_PRIVATE_CHANNEL("no private channel");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** GitHub's private vulnerability reporting is on: the repository's "Report a vulnerability" form. */
    record ReportingForm(String repository) implements PrivateChannel {
        @Override
        public Status status() {
            return Status.PRIVATE_REPORTING;
        }
    }

    /**
     * Private reporting is off or could not be checked, and the security policy names a way to report privately.
     *
     * @param policyRepository the repository holding the {@code SECURITY.md} (the owner's {@code .github} one for an
     *     organisation default)
     * @param policyPath       its path there
     * @param contacts         the usable contacts, in the file's order, never empty
     * @param reporting        what GitHub said of private reporting
     */
    record PolicyContacts(
            String policyRepository, String policyPath, List<SecurityContact> contacts, PrivateReporting reporting)
            implements PrivateChannel {

        public PolicyContacts {
            contacts = List.copyOf(contacts);
            if (contacts.isEmpty()) {
                throw new IllegalArgumentException("a security policy channel needs a contact");
            }
        }

        @Override
        public Status status() {
            return Status.SECURITY_POLICY;
        }
    }

    /**
     * No private channel: the comment says how to reach the maintainers without posting details, and the dashboard
     * shows the repository as having none.
     *
     * @param why one line for the dashboard ("private reporting is switched off; no SECURITY.md")
     */
    record None(String why, PrivateReporting reporting) implements PrivateChannel {
        @Override
        public Status status() {
            return Status.NO_PRIVATE_CHANNEL;
        }
    }
}
