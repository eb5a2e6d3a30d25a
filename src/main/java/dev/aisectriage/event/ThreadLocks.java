package dev.aisectriage.event;

import dev.aisectriage.core.ThreadRef;

/**
 * Where work on one thread used to take a JVM lock. One writer per thread at a time is now the store's job, across
 * processes: a job runs only while it holds its thread's lease (the job queue's claim takes it with the job), and
 * backfill takes the same lease. So nothing is locked here, and no lock is held while GitHub answers or while a
 * rate limit lifts (those go back to the job queue).
 */
final class ThreadLocks {

    void run(ThreadRef ref, Runnable work) {
        work.run();
    }
}
