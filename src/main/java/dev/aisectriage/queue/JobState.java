package dev.aisectriage.queue;

import java.util.Locale;

/** A job's life: queued (waiting, maybe backing off), running (claimed under a lease), done, or dead (gave up). */
public enum JobState {
    QUEUED,
    RUNNING,
    DONE,
    DEAD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
