package org.gridgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The server side of a run that counts what arrived: an {@link MqttSubscriber} (QoS 1, reconnecting
 * on its own) on every gate's passage, alarm and event records under a topic root, deduplicating
 * resends as a real server does. It keeps the seqs seen in a bit set, so a million records cost a
 * few hundred kilobytes; with {@code keepIds} it also keeps each record's id with the seq it
 * claimed, for runs that must tell a resend (same id) from a doubled decision (two ids, one seq).
 * Used by the sim's benchmarks and its chaos run; no JUnit here.
 */
public final class RecordCollector implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MqttSubscriber subscriber;
    private final boolean keepIds;
    private final BitSet seqs = new BitSet();
    private final Map<String, Long> seqById = new HashMap<>();
    private long passages;
    private long copies;
    private long unparseable;

    private RecordCollector(String uri, String topicRoot, String clientId, boolean keepIds) throws MqttException {
        this.keepIds = keepIds;
        String prefix = topicRoot + "/+/+/";
        subscriber = MqttSubscriber.into(r -> add(r.topic(), r.payload()), uri, clientId, true,
                prefix + "passage", prefix + "alarm", prefix + "event");
    }

    /** Counts distinct seqs only: for long runs. */
    public static RecordCollector seqs(String uri, String topicRoot, String clientId) throws MqttException {
        return new RecordCollector(uri, topicRoot, clientId, false);
    }

    /** Also keeps every id with its seq ({@link #unique()}): for runs of thousands, not millions. */
    public static RecordCollector ids(String uri, String topicRoot, String clientId) throws MqttException {
        return new RecordCollector(uri, topicRoot, clientId, true);
    }

    private synchronized void add(String topic, byte[] payload) {
        copies++;
        try {
            JsonNode n = JSON.readTree(payload);
            long seq = n.path("seq").asLong(-1);
            if (seq < 0 || seq > Integer.MAX_VALUE) {
                unparseable++;
            } else {
                if (keepIds) {
                    seqById.putIfAbsent(n.path("id").asText(""), seq);
                }
                if (!seqs.get((int) seq)) {
                    seqs.set((int) seq);
                    if (topic.endsWith("/passage")) {
                        passages++;
                    }
                }
            }
        } catch (IOException e) {
            unparseable++;
        }
        notifyAll();
    }

    /** Distinct passage records received so far. */
    public synchronized long passages() {
        return passages;
    }

    public synchronized boolean has(long seq) {
        return seqs.get((int) seq);
    }

    /** Seqs in {@code wanted} not received. */
    public synchronized BitSet missing(BitSet wanted) {
        BitSet m = (BitSet) wanted.clone();
        m.andNot(seqs);
        return m;
    }

    /** Every copy that arrived, resends included. */
    public synchronized long copies() {
        return copies;
    }

    public synchronized long unparseable() {
        return unparseable;
    }

    /** Unique ids received so far, each with the seq it claimed (only with {@link #ids}). */
    public synchronized Map<String, Long> unique() {
        if (!keepIds) {
            throw new IllegalStateException("this collector counts seqs only; open it with RecordCollector.ids");
        }
        return new HashMap<>(seqById);
    }

    /** Waits (on arrivals, not blind) until {@code done} holds; false at the deadline. */
    public synchronized boolean await(BooleanSupplier done, Duration timeout) throws InterruptedException {
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
    public void close() throws InterruptedException {
        subscriber.close();
    }
}
