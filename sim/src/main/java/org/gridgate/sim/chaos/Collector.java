package org.gridgate.sim.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The server side of the chaos run: one subscriber that stays up while gates die, keeping every
 * record's id with its seq and how many copies arrived. Dedup is by id, as a real server does.
 */
final class Collector implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MqttClient client;
    private final Map<String, Long> seqById = new HashMap<>();
    private final Map<String, Integer> copies = new HashMap<>();
    private long received;

    Collector(String uri, String topicRoot) throws MqttException {
        client = new MqttClient(uri, "chaos-collector", new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                add(message.getPayload());
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

    private synchronized void add(byte[] payload) {
        received++;
        try {
            JsonNode n = JSON.readTree(payload);
            String id = n.path("id").asText("");
            seqById.putIfAbsent(id, n.path("seq").asLong(-1));
            copies.merge(id, 1, Integer::sum);
        } catch (IOException e) {
            copies.merge("unparseable", 1, Integer::sum);
        }
    }

    /** Unique ids received so far, with the seq each claimed. */
    synchronized Map<String, Long> unique() {
        return new HashMap<>(seqById);
    }

    synchronized long received() {
        return received;
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
