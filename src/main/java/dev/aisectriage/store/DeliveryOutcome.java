package dev.aisectriage.store;

import java.util.Locale;

/** What intake did with a delivery; the lower-case name is the value stored and the metrics label. */
public enum DeliveryOutcome {
    /** Stored and a job queued. */
    QUEUED,
    /** Same semantic key as a delivery already queued under another id: stored, not queued. */
    DUPLICATE,
    /** Stored, not queued: an event the bot does not handle, or no installation. */
    IGNORED,
    /** GitHub's ping on hook creation. */
    PING,
    /** A delivery id already stored: nothing written, nothing queued. */
    REDELIVERY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeliveryOutcome parse(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
