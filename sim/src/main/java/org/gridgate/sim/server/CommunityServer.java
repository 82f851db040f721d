package org.gridgate.sim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridgate.command.SignedEnvelope;
import org.gridgate.roster.Resident;
import org.gridgate.roster.RosterMessage;

/**
 * Stands in for the community server: receives every gate's records, drops duplicates by id, notices
 * sequence gaps, and publishes the roster. Counts are what the server actually received, independent
 * of what the gate believes it sent.
 */
public final class CommunityServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final String root;
    private final String community;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<String, Long> highestSeq = new ConcurrentHashMap<>();
    private volatile Consumer<JsonNode> onRecord = r -> {};
    private volatile byte[] kid;
    private volatile PrivateKey rootKey;

    public CommunityServer(String brokerUri, String topicRoot, String community) throws MqttException {
        this.root = topicRoot;
        this.community = community;
        this.client = new MqttClient(brokerUri, "community-server-" + community, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                record(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        o.setMaxInflight(1000);
        client.connect(o);
        String[] topics = {prefix() + "+/passage", prefix() + "+/alarm", prefix() + "+/event"};
        client.subscribe(topics, new int[] {1, 1, 1});
    }

    private String prefix() {
        return root + "/" + community + "/";
    }

    /** Called for every unique record received (after dedup), on the client's thread. */
    public void onRecord(Consumer<JsonNode> consumer) {
        this.onRecord = consumer;
    }

    private void record(String topic, byte[] payload) {
        received.incrementAndGet();
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (IOException e) {
            return;
        }
        String id = n.path("id").asText("");
        if (!ids.add(id)) {
            duplicates.incrementAndGet();
            return;
        }
        byKind.computeIfAbsent(n.path("kind").asText("?"), k -> new AtomicLong()).incrementAndGet();
        highestSeq.merge(n.path("gate").asText("?"), n.path("seq").asLong(), Math::max);
        onRecord.accept(n);
    }

    /** The community root key everything this server publishes to gates is signed with. */
    public void signWith(byte[] kid, PrivateKey rootKey) {
        this.kid = kid.clone();
        this.rootKey = rootKey;
    }

    /** Publishes the roster signed with the root key, retained, so a gate that connects later still gets it. */
    public void publishRoster(List<Resident> entries) throws MqttException {
        publishSigned("roster", RosterMessage.encode(entries), true);
    }

    /** Publishes {@code payload} in a signed envelope on {@code <root>/<community>/<suffix>}, QoS 1. */
    public void publishSigned(String suffix, byte[] payload, boolean retained) throws MqttException {
        if (rootKey == null) {
            throw new IllegalStateException("no root key: call signWith first");
        }
        MqttMessage m = new MqttMessage(SignedEnvelope.sign(payload, kid, rootKey));
        m.setQos(1);
        m.setRetained(retained);
        client.publish(prefix() + suffix, m);
    }

    /** Unique records of a kind (e.g. "passage") received so far. */
    public long unique(String kind) {
        AtomicLong c = byKind.get(kind);
        return c == null ? 0 : c.get();
    }

    public long uniqueTotal() {
        return ids.size();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long received() {
        return received.get();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close();
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
