package org.gridgate.sim.perf.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.BitSet;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The community server's side for the process suites: subscribes (QoS 1) to every journal record
 * the gate publishes and keeps the seqs it has seen in a bit set, so a million records cost a few
 * hundred kilobytes. Resends of one seq count once.
 */
final class RecordSubscriber implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MqttClient client;
    private final BitSet seqs = new BitSet();
    private long passages;
    private long copies;
    private long unparseable;

    RecordSubscriber(String uri, String topicRoot, String clientId) throws MqttException {
        client = new MqttClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                add(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        client.connect(o);
        String prefix = topicRoot + "/+/+/";
        client.subscribe(new String[] {prefix + "passage", prefix + "alarm", prefix + "event"}, new int[] {1, 1, 1});
    }

    private synchronized void add(String topic, byte[] payload) {
        copies++;
        try {
            JsonNode n = JSON.readTree(payload);
            long seq = n.path("seq").asLong(-1);
            if (seq < 0 || seq > Integer.MAX_VALUE) {
                unparseable++;
            } else if (!seqs.get((int) seq)) {
                seqs.set((int) seq);
                if (topic.endsWith("/passage")) {
                    passages++;
                }
            }
        } catch (IOException e) {
            unparseable++;
        }
        notifyAll();
    }

    /** Distinct passage records received so far. */
    synchronized long passages() {
        return passages;
    }

    synchronized boolean has(long seq) {
        return seqs.get((int) seq);
    }

    /** Seqs in {@code wanted} this subscriber has not received. */
    synchronized BitSet missing(BitSet wanted) {
        BitSet m = (BitSet) wanted.clone();
        m.andNot(seqs);
        return m;
    }

    synchronized long unparseable() {
        return unparseable;
    }

    /** Waits (on arrivals, not blind) until {@code done} holds; false at the deadline. */
    synchronized boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left; !done.getAsBoolean(); ) {
            left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    @Override
    public void close() {
        try {
            client.disconnect(1000);
            client.close();
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
