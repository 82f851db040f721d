package org.gridgate.scanner.camera;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-slot hand-off from the frame reader to the decoder: a new frame replaces one the decoder has
 * not taken yet (counted as dropped). The decoder always reads the newest frame, and a slow decode
 * never builds a queue of stale ones.
 */
final class LatestFrame<T> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private T frame;
    private long dropped;
    private boolean closed;

    void offer(T f) {
        lock.lock();
        try {
            if (frame != null) {
                dropped++;
            }
            frame = f;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The newest frame, waiting up to {@code timeoutMs} for one; null on timeout or once closed. */
    T take(long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (frame == null && !closed) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = ready.awaitNanos(nanos);
            }
            T f = frame;
            frame = null;
            return f;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
