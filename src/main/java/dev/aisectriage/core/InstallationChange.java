package dev.aisectriage.core;

import java.util.List;

/**
 * The GitHub App installed, uninstalled, or given more repositories.
 *
 * @param account the account it is installed on, or null
 * @param repositories the repositories installed on (or added), {@code owner/name}; an entry without a name is
 *     empty
 */
public record InstallationChange(long installationId, String account, List<String> repositories) {}
