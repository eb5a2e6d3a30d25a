package dev.aisectriage.support;

/** A thread a test starts and expects to block: it returns once the thread waits, and fails if the thread ends. */
public final class BlockingThread {

    private BlockingThread() {}

    /**
     * Starts {@code body} on a thread of this name and returns the thread once it waits (with or without a timeout).
     *
     * @param waitsFor what the thread should be waiting for, for the failure message
     */
    public static Thread startUntilBlocked(Runnable body, String name, String waitsFor) throws InterruptedException {
        Thread thread = new Thread(body, name);
        thread.start();
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (!thread.isAlive()) {
                throw new AssertionError(name + " ended instead of waiting for " + waitsFor);
            }
            Thread.sleep(5);
        }
        return thread;
    }
}
