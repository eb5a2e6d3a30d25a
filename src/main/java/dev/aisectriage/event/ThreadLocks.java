package dev.aisectriage.event;

import dev.aisectriage.core.ThreadRef;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two events of one thread handled at once by two workers must not both post a comment: work on a thread runs
 * under its lock (striped, so memory stays bounded; re-entrant, so a step may call another). Nothing waits for
 * GitHub's rate limits under a lock: those go back to the job queue.
 */
final class ThreadLocks {

    private final ReentrantLock[] locks = new ReentrantLock[64];

    ThreadLocks() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    void run(ThreadRef ref, Runnable work) {
        String key = ref.repository() + "/" + ref.kind() + "/" + ref.number();
        ReentrantLock lock = locks[Math.floorMod(key.hashCode(), locks.length)];
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
