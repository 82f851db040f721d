package org.gridgate.sim.perf.micro;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.gridgate.testing.MqttSubscriber;

/**
 * The server's side: a persistent QoS 1 subscription to the gate's record topic, so what the gate
 * publishes while the subscriber is away is queued by the broker. Each phase hands it a fresh
 * {@link SeqTracker}. The link is the shared {@link MqttSubscriber}, which reconnects by itself
 * (explicitly): on a busy machine the link can drop mid-drain, and a subscriber that stayed down
 * made a drain the gate had finished look unfinished (908 of 2,000 records).
 */
final class Subscriber implements AutoCloseable {
    private final String uri;
    private final String topic;
    private final String clientId = "bench-server-" + ProcessHandle.current().pid();
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile SeqTracker tracker = new SeqTracker(1);
    private MqttSubscriber link;

    Subscriber(String uri, String topic) {
        this.uri = uri;
        this.topic = topic;
    }

    /** Connects with a persistent session, subscribed at QoS 1; it stays connected until {@link #disconnect}. */
    void connect() throws MqttException {
        if (link == null) {
            link = MqttSubscriber.into(r -> tracker.arrived(r.payload()), uri, clientId, false, topic);
            link.onReconnect(reconnects::incrementAndGet);
        }
    }

    /**
     * Drops the broker's session (a clean connect) and starts a fresh persistent one: nothing from an
     * earlier phase (a message whose acknowledgement was still on its way at a disconnect) can be
     * redelivered into the next phase's count.
     */
    void freshSession() throws MqttException, InterruptedException {
        disconnect();
        MqttSubscriber.keeping(uri, clientId, true, topic).close();
        connect();
    }

    void disconnect() throws InterruptedException {
        if (link != null) {
            link.close();
            link = null;
        }
    }

    /** Starts counting afresh: the next record should carry {@code firstSeq}. */
    SeqTracker track(long firstSeq) {
        SeqTracker t = new SeqTracker(firstSeq);
        tracker = t;
        return t;
    }

    /** How often the link came back after a loss, so far. */
    int reconnects() {
        return reconnects.get();
    }

    /** Waits until the current tracker has {@code n} records in order; false after {@code timeoutS}. */
    boolean await(long n, int timeoutS) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        while (tracker.inOrder() < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return true;
    }

    @Override
    public void close() {
        try {
            disconnect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
