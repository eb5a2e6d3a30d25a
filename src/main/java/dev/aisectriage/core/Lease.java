package dev.aisectriage.core;

/**
 * The lease a piece of work holds on one thread in the store (a job's, taken with its claim, or a backfill step's),
 * handed down as an argument to every write that must happen at most once per thread (the comment slot, the
 * labels): such a write refuses to go ahead once another holder has taken the thread over.
 *
 * @param threadKey {@code owner/repo#12}; null for work without a thread, which has nothing to check
 * @param holder the job worker or backfill run that took it
 */
public record Lease(String threadKey, String holder) {

    /** Work that holds no lease (no thread, or a caller that runs alone): nothing is checked. */
    public static final Lease NONE = new Lease(null, null);

    /** The key of a thread's lease: {@code owner/repo#12}, or null when there is no thread. */
    public static String key(String repository, Integer number) {
        return repository == null || number == null ? null : repository + "#" + number;
    }

    /** Whether this lease is the one of the thread keyed {@code threadKey}. */
    public boolean covers(String threadKey) {
        return this.threadKey != null && this.threadKey.equals(threadKey);
    }
}
