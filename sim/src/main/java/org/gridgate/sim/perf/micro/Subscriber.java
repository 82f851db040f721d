package org.gridgate.sim.perf.micro;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The server's side: a persistent QoS 1 subscription to the gate's record topic, so what the gate
 * publishes while the subscriber is away is queued by the broker. Each phase hands it a fresh
 * {@link SeqTracker}.
 */
final class Subscriber implements AutoCloseable {
    private final MqttAsyncClient client;
    private final String topic;
    private volatile SeqTracker tracker = new SeqTracker(1);

    Subscriber(String uri, String topic) throws MqttException {
        this.topic = topic;
        this.client = new MqttAsyncClient(uri, "bench-server-" + ProcessHandle.current().pid(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String t, MqttMessage message) {
                tracker.arrived(message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    }

    /** Connects with a persistent session and (re)subscribes at QoS 1. */
    void connect() throws MqttException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(topic, 1).waitForCompletion(10_000);
    }

    void disconnect() throws MqttException {
        client.disconnect().waitForCompletion(10_000);
    }

    /** Starts counting afresh: the next record should carry {@code firstSeq}. */
    SeqTracker track(long firstSeq) {
        SeqTracker t = new SeqTracker(firstSeq);
        tracker = t;
        return t;
    }

    /** Waits until {@code n} messages arrived on the current tracker; false after {@code timeoutS}. */
    boolean await(long n, int timeoutS) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        while (tracker.arrived() < n) {
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
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker goes away with the run
        }
    }
}
