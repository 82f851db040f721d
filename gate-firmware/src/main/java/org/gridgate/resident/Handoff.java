package org.gridgate.resident;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands views to one sink on a virtual thread of its own, newest only: {@link #offer} never blocks
 * and never queues, so a stuck LCD or a long prompt cannot hold up the gate loop or the other outputs.
 */
final class Handoff implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Handoff.class);

    private final AtomicReference<ResidentView> pending = new AtomicReference<>();
    private final ResidentSink sink;
    private final Thread thread;
    private volatile boolean closed;

    Handoff(String name, ResidentSink sink) {
        this.sink = sink;
        this.thread = Thread.ofVirtual().name("resident-" + name).start(this::run);
    }

    void offer(ResidentView view) {
        pending.set(view); // replaces a view the sink has not taken yet: it is stale
        LockSupport.unpark(thread);
    }

    private void run() {
        while (!closed) {
            ResidentView v = pending.getAndSet(null);
            if (v == null) {
                LockSupport.park(this);
                continue;
            }
            try {
                sink.show(v);
            } catch (RuntimeException e) {
                LOG.warn("resident output {} failed on {}: {}", sink.getClass().getSimpleName(), v.screen(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.close();
    }
}
