package org.gridgate.sim.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridgate.testing.Await;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What our MQTT protocol needs from the broker, checked on a real three-node NATS cluster (Debian's
 * nats-server 2.9, JetStream replicas 3): persistent sessions that outlive their node, retained
 * messages on every node, QoS 1 redelivery, and which topic characters NATS refuses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the node-loss test goes last: the others want a settled cluster
class NatsMqttIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    static NatsCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        SystemTools.require("nats-server", "nats-server");
        cluster = NatsCluster.start(dir.resolve("cluster"), 3, 3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(9)
    void aPersistentSessionOutlivesItsNodeAndResumesElsewhereWithTheQueuedMessages() throws Exception {
        List<String> uris = cluster.mqttUris();
        Client server = new Client("server-session", List.of(uris.get(0)), false);
        server.client.subscribe("gridgate/c1/+/passage", 1);
        assertEquals(uris.get(0), server.client.getCurrentServerURI());
        cluster.kill(0); // the server's node dies under it
        Await.until(WAIT, "connection lost", () -> !server.client.isConnected());
        for (int i = 0; i < 20; i++) {
            publishUntilAcknowledged(uris.get(1), "gridgate/c1/gate-1/passage", "r" + i);
        }
        server.close();
        // The same client id comes back on another node, does NOT subscribe again, and gets the queue.
        Client resumed = new Client("server-session", List.of(uris.get(0), uris.get(2)), false);
        assertTrue(resumed.sessionPresent, "the broker kept the session");
        assertEquals(uris.get(2), resumed.client.getCurrentServerURI());
        Await.until(WAIT, () -> "20 queued messages, got " + resumed.received.size(),
                () -> resumed.received.size() >= 20);
        assertEquals(20, resumed.received.stream().distinct().count()); // a retried publish may come twice
        resumed.close();
        cluster.restart(0); // it catches up in the background; the other tests do not need it current
    }

    @Test
    @Order(1)
    void retainedMessagesReachSubscribersOnEveryNode() throws Exception {
        List<String> uris = cluster.mqttUris();
        try (Client server = new Client("roster-publisher", List.of(uris.get(0)), true)) {
            server.client.publish("gridgate/c1/roster", "roster-v7".getBytes(StandardCharsets.UTF_8), 1, true);
        }
        for (String node : uris) {
            try (Client gate = new Client("late-gate-" + node.hashCode(), List.of(node), true)) {
                gate.client.subscribe("gridgate/c1/roster", 1);
                Await.until(WAIT, "retained roster on " + node, () -> gate.received.contains("roster-v7"));
                assertTrue(gate.retained.get(), "delivered with the retain flag");
            }
        }
    }

    @Test
    @Order(2)
    void aQos1MessageNotAcknowledgedIsDeliveredAgainOnTheNextConnection() throws Exception {
        List<String> uris = cluster.mqttUris();
        Client gate = new Client("gate-redelivery", List.of(uris.get(1)), false);
        gate.failNext.set(true); // the first delivery kills the connection before the PUBACK
        gate.client.subscribe("gridgate/c1/gate-redelivery/command", 1);
        try (Client server = new Client("commander", List.of(uris.get(2)), true)) {
            server.client.publish("gridgate/c1/gate-redelivery/command", "open".getBytes(StandardCharsets.UTF_8), 1, false);
        }
        Await.until(WAIT, "connection dropped by the failing callback", () -> !gate.client.isConnected());
        gate.close();
        Client again = new Client("gate-redelivery", List.of(uris.get(0)), false);
        Await.until(WAIT, "redelivered", () -> again.received.contains("open"));
        again.close();
    }

    @Test
    @Order(3)
    void natsRefusesDotsAndSpacesInTopicsButTakesOurIdAlphabet() throws Exception {
        String node = cluster.mqttUris().get(1);
        try (Client ok = new Client("alphabet-ok", List.of(node), true)) {
            ok.client.publish("gridgate/sunflower_court-2/Gate-7_b/passage", new byte[] {1}, 1, false);
            assertTrue(ok.client.isConnected());
        }
        for (String topic : List.of("gridgate/c1/gate.7/passage", "gridgate/c1/gate 7/passage")) {
            Client bad = new Client("alphabet-" + topic.length() + topic.charAt(16), List.of(node), true);
            assertThrows(MqttException.class,
                    () -> bad.client.publish(topic, new byte[] {1}, 1, false), "NATS closes the connection: " + topic);
            assertFalse(bad.client.isConnected());
            bad.close();
        }
    }

    /**
     * Publishes at QoS 1 until a PUBACK comes, reconnecting as a gate would: while NATS elects a new
     * leader for its MQTT message stream (its leader was on the killed node), a QoS 1 publish waits
     * up to 4 s and NATS then closes the connection.
     */
    static void publishUntilAcknowledged(String uri, String topic, String payload) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (Client c = new Client("publisher", List.of(uri), true)) {
                c.client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
                return;
            } catch (MqttException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
        }
    }

    /** A synchronous Paho client that records what it receives. */
    static final class Client implements AutoCloseable {
        final MqttClient client;
        final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        final AtomicBoolean retained = new AtomicBoolean();
        final AtomicBoolean failNext = new AtomicBoolean();
        final boolean sessionPresent;

        Client(String id, List<String> uris, boolean clean) throws MqttException {
            client = new MqttClient(uris.get(0), id, new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {}

                @Override
                public void messageArrived(String topic, MqttMessage m) {
                    if (failNext.getAndSet(false)) {
                        throw new IllegalStateException("dropping the connection before the PUBACK");
                    }
                    received.add(new String(m.getPayload(), StandardCharsets.UTF_8));
                    if (m.isRetained()) {
                        retained.set(true);
                    }
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {}
            });
            MqttConnectOptions o = new MqttConnectOptions();
            o.setServerURIs(uris.toArray(String[]::new));
            o.setCleanSession(clean);
            o.setConnectionTimeout(10);
            sessionPresent = client.connectWithResult(o).getSessionPresent();
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
            client.close(true);
        }
    }
}
