package dev.aisectriage.core;

/** Where the gateway records every write it sends and, in dry-run, every write it would have sent. */
@FunctionalInterface
public interface ActionLog {

    void record(Long installationId, String repository, Integer number, String action, String detail, boolean dryRun);
}
