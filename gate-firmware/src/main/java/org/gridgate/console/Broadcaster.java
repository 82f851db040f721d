package org.gridgate.console;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events to every open page. Sending never blocks: a page that stops reading loses its
 * stream (it reconnects and reloads the state) rather than holding up the others.
 */
public final class Broadcaster {
    static final int BACKLOG = 256;

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    /** One open page: {@link #next} yields SSE frames to write, or null when it is time for a keep-alive. */
    public final class Subscriber implements AutoCloseable {
        private final BlockingQueue<String> frames = new ArrayBlockingQueue<>(BACKLOG);
        private volatile boolean dropped;

        private Subscriber() {}

        /** Waits up to {@code timeoutMs}; null on timeout. Throws once the subscriber was dropped. */
        public String next(long timeoutMs) throws InterruptedException {
            if (dropped) {
                throw new IllegalStateException("subscriber dropped: it fell too far behind");
            }
            return frames.poll(timeoutMs, TimeUnit.MILLISECONDS);
        }

        private void offer(String frame) {
            if (!frames.offer(frame)) {
                dropped = true;
                subscribers.remove(this);
            }
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }

    public Subscriber subscribe() {
        Subscriber s = new Subscriber();
        subscribers.add(s);
        return s;
    }

    int subscribers() {
        return subscribers.size();
    }

    void send(String event, String json) {
        String frame = "event: " + event + "\ndata: " + json + "\n\n"; // Jackson output has no raw newlines
        subscribers.forEach(s -> s.offer(frame));
    }
}
