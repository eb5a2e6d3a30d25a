package dev.aisectriage.store;

/**
 * The thread's lease was taken over by another holder while this one worked on it (its lease ran out under load):
 * the other holder does the thread's work, and this one must not post anything more. The job fails and is retried.
 */
public final class LeaseLostException extends RuntimeException {

    public LeaseLostException(String threadKey, String holder) {
        super(holder + " lost the lease of " + threadKey + " to another holder; not writing to GitHub");
    }
}
