package dev.aisectriage.classify;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets one classification run at a time. The encoder already uses both cores of a small machine for one post;
 * two at once gain no throughput and leave no CPU for the webhook threads, whose answers must stay fast while the
 * workers (mostly waiting on GitHub) classify in the background.
 */
public final class OneAtATimeClassifier implements Classifier {

    private final Classifier delegate;
    private final ReentrantLock lock = new ReentrantLock(true);

    public OneAtATimeClassifier(Classifier delegate) {
        this.delegate = delegate;
    }

    @Override
    public Prediction classify(String text) {
        lock.lock();
        try {
            return delegate.classify(text);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<float[]> embedding(String text) {
        lock.lock();
        try {
            return delegate.embedding(text);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String modelVersion() {
        return delegate.modelVersion();
    }
}
