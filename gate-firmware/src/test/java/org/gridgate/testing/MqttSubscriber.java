package org.gridgate.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The community server's side, as an independent Paho client: subscribes at QoS 1 and either keeps
 * every message it receives, in arrival order ({@link #keeping}), or hands each to a sink (the
 * record collector of the benchmarks and the chaos run, which must not hold a million payloads).
 * The one server-side subscriber for every module's tests and the sim's runs; no JUnit here.
 *
 * <p>It reconnects by itself, explicitly, and never through Paho's automatic reconnect: that one
 * runs on a background timer whose attempts can overlap a broker restart and leave the client
 * stuck in "Connect already in progress (32110)" for good, which made a green uplink look red. Here
 * one keeper thread watches the link; when it is down it throws the old client away and connects a
 * fresh one with the same client id (so a persistent session's queue is picked up), every attempt
 * bounded in time, until it is up again or the subscriber is closed.
 */
public final class MqttSubscriber implements AutoCloseable {
    public record Received(String topic, byte[] payload, boolean retained) {}

    private static final long ATTEMPT_MILLIS = 5_000;
    private static final long RETRY_NANOS = 100_000_000L;
    private static final long FIRST_DEADLINE_NANOS = 15_000_000_000L;
    private static final long WATCH_NANOS = 250_000_000L; // a backstop: connectionLost wakes the keeper

    private final String uri;
    private final String clientId;
    private final boolean cleanSession;
    private final String[] filters;
    private final List<Received> received = new ArrayList<>();
    private final Consumer<Received> sink;
    private final Thread keeper;
    private volatile MqttClient client;
    private volatile boolean closed;
    private volatile Runnable onReconnect = () -> {};

    /** A subscriber that keeps every message; see {@link #received()}. */
    public static MqttSubscriber keeping(String uri, String clientId, boolean cleanSession, String... filters)
            throws MqttException {
        return new MqttSubscriber(uri, clientId, cleanSession, null, filters);
    }

    /** A subscriber that hands every message to {@code sink} (on Paho's thread) and keeps none. */
    public static MqttSubscriber into(Consumer<Received> sink, String uri, String clientId, boolean cleanSession,
            String... filters) throws MqttException {
        return new MqttSubscriber(uri, clientId, cleanSession, java.util.Objects.requireNonNull(sink), filters);
    }

    private MqttSubscriber(String uri, String clientId, boolean cleanSession, Consumer<Received> sink,
            String... filters) throws MqttException {
        this.sink = sink;
        this.uri = uri;
        this.clientId = clientId;
        this.cleanSession = cleanSession;
        this.filters = filters.clone();
        client = firstConnection();
        keeper = Thread.ofPlatform().daemon().name("subscriber-" + clientId).start(this::keepConnected);
    }

    /**
     * The first connection, retried until {@link #FIRST_DEADLINE_NANOS}: a broker that has just started
     * may still refuse, or (seen with Moquette on a loaded machine) drop the link between CONNACK and
     * SUBACK. Past the deadline the last failure is thrown.
     */
    private MqttClient firstConnection() throws MqttException {
        long deadline = System.nanoTime() + FIRST_DEADLINE_NANOS;
        while (true) {
            try {
                return connect();
            } catch (MqttException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }
    }

    /** A new client, connected and subscribed, or an exception; never a half-open client left behind. */
    private MqttClient connect() throws MqttException {
        MqttClient c = new MqttClient(uri, clientId, new MemoryPersistence());
        c.setTimeToWait(ATTEMPT_MILLIS); // no token wait without a deadline
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                LockSupport.unpark(keeper);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Received r = new Received(topic, message.getPayload(), message.isRetained());
                if (sink != null) {
                    sink.accept(r);
                    return;
                }
                synchronized (received) {
                    received.add(r);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(cleanSession);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout((int) (ATTEMPT_MILLIS / 1000));
        o.setKeepAliveInterval(5);
        o.setMaxInflight(1000);
        try {
            c.connect(o);
            int[] qos = new int[filters.length];
            Arrays.fill(qos, 1);
            c.subscribe(filters, qos); // again after every reconnect; harmless on a persistent session
            return c;
        } catch (MqttException e) {
            discard(c);
            throw e;
        }
    }

    private void keepConnected() {
        while (!closed) {
            if (client.isConnected()) {
                LockSupport.parkNanos(WATCH_NANOS); // woken early by connectionLost
                continue;
            }
            discard(client);
            try {
                MqttClient fresh = connect();
                if (closed) {
                    discard(fresh);
                } else {
                    client = fresh;
                    try {
                        onReconnect.run();
                    } catch (RuntimeException e) {
                        // the owner's business; the link stays up
                    }
                }
            } catch (MqttException e) {
                LockSupport.parkNanos(RETRY_NANOS); // broker still down: try again shortly
            }
        }
    }

    private static void discard(MqttClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1000);
            }
        } catch (MqttException e) {
            // gone anyway
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            // gone anyway
        }
    }

    /**
     * Runs {@code action} on the keeper thread (not Paho's) each time the link is up again after a
     * loss, already subscribed: e.g. a clean-session server asking gates to resend what it missed.
     */
    public void onReconnect(Runnable action) {
        onReconnect = java.util.Objects.requireNonNull(action);
    }

    /** What a {@link #keeping} subscriber received so far, in arrival order. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<Received> on(String topicSuffix) {
        return received().stream().filter(r -> r.topic().endsWith(topicSuffix)).toList();
    }

    public boolean connected() {
        return client.isConnected();
    }

    public void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        client.publish(topic, payload, 1, retained);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        LockSupport.unpark(keeper);
        keeper.join(2 * ATTEMPT_MILLIS);
        discard(client);
    }
}
