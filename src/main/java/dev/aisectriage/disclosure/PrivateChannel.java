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

    /** Why, in one line, for the dashboard and the log. */
    String why();

    /** What GitHub said of private reporting, when it is not on. */
    static String notOn(PrivateReporting reporting) {
        return reporting.state() == PrivateReporting.State.DISABLED
                ? "private reporting is off (" + reporting.detail() + ")"
                : "private reporting could not be checked (" + reporting.detail() + ")";
    }

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

        @Override
        public String why() {
            return PrivateReporting.ENABLED.detail();
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

        @Override
        public String why() {
            return PrivateChannel.notOn(reporting) + "; " + contacts.size() + " contact(s) in " + policyRepository + ":"
                    + policyPath;
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
