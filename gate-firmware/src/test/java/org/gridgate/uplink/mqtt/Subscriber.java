package org.gridgate.uplink.mqtt;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The community server's side, as an independent Paho client: subscribes (again after every
 * reconnect) and keeps every message it receives, in arrival order.
 */
final class Subscriber implements AutoCloseable {
    record Received(String topic, byte[] payload, boolean retained) {}

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    Subscriber(String uri, String clientId, boolean cleanSession, String... filters) throws MqttException {
        client = new MqttClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect && cleanSession) {
                    new Thread(() -> subscribe(filters)).start(); // not on the callback thread
                }
            }

            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                synchronized (received) {
                    received.add(new Received(topic, message.getPayload(), message.isRetained()));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(cleanSession);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(500);
        o.setMaxInflight(1000);
        client.connect(o);
        subscribe(filters);
    }

    private void subscribe(String... filters) {
        try {
            int[] qos = new int[filters.length];
            java.util.Arrays.fill(qos, 1);
            client.subscribe(filters, qos);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> on(String topicSuffix) {
        return received().stream().filter(r -> r.topic().endsWith(topicSuffix)).toList();
    }

    boolean connected() {
        return client.isConnected();
    }

    void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        client.publish(topic, payload, 1, retained);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close(true);
    }
}
