package dev.aisectriage.github;

import dev.aisectriage.core.MissingPermission;
import java.util.Set;

/** What GitHub said of a repository's privately reported vulnerabilities still waiting in {@code triage}. */
public sealed interface AdvisoriesInTriage {

    /**
     * @param ghsaIds the reports in triage
     * @param partial the list filled GitHub's page: a report missing from it may still be in triage
     */
    record Listed(Set<String> ghsaIds, boolean partial) implements AdvisoriesInTriage {

        public Listed {
            ghsaIds = Set.copyOf(ghsaIds);
        }
    }

    /** The App may not list them; see {@link MissingPermission#line()}. */
    record NotPermitted(MissingPermission missing) implements AdvisoriesInTriage {}

    /** GitHub refused the list otherwise (the repository is gone, or has no advisories). */
    record Unreadable(String why) implements AdvisoriesInTriage {}
}
