package org.gridgate.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.gridgate.journal.JournalException;
import org.gridgate.testing.Await;
import org.gridgate.testing.Mosquitto;
import org.gridgate.testing.MqttSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink against Debian's mosquitto, with real outages: the broker stopped, the link cut. */
class PahoUplinkMosquittoIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ALL_RECORDS = "gridgate/sunflower-court/gate-7/+";

    @TempDir
    Path dir;

    @Test
    void brokerStoppedDuringAStreamOfAppendsEverythingArrivesInOrderAfterRestart() throws Exception {
        try (Mosquitto broker = Mosquitto.require(dir.resolve("broker")).start();
                UplinkFixture gate = new UplinkFixture(dir, List.of(broker.uri()), 64)) {
            // The server's persistent session: the broker queues for it across its own restart.
            try (MqttSubscriber server = MqttSubscriber.keeping(broker.uri(), "server", false, ALL_RECORDS)) {
                gate.start();
                Await.until(WAIT, "connected", gate.uplink::connected);
                // The gate keeps appending at its own pace, whatever the broker does.
                Thread producer = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 900; i++) {
                            gate.append(1);
                            LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // pacing, not synchronisation
                        }
                    } catch (JournalException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Await.until(WAIT, "200 appended", () -> gate.appendedCount() >= 200);
                broker.stop(); // mid-stream: some records in flight, some not yet sent
                Await.until(WAIT, "link down", () -> !gate.uplink.connected());
                Await.until(WAIT, "500 appended", () -> gate.appendedCount() >= 500);
                assertTrue(gate.journal.stats().undelivered() > 0, "records waited for the broker");
                broker.start();
                producer.join(WAIT);
                assertEquals(900, gate.appendedCount());
                Await.until(WAIT, () -> "all delivered, " + gate.journal.stats(),
                        () -> gate.journal.stats().undelivered() == 0);
                Await.until(WAIT, () -> "server has all 900, got " + UplinkFixture.records(server).size(),
                        () -> distinctIds(server) == 900);
                UplinkFixture.assertAllInOrderAfterDedup(gate.appended(), UplinkFixture.records(server));
            }
        }
    }

    @Test
    void aBrokerThatStopsAcknowledgingIsLeftAndTheRecordsGoAgain() throws Exception {
        try (Mosquitto broker = Mosquitto.require(dir.resolve("broker")).start();
                FlakyProxy link = new FlakyProxy(broker.port());
                MqttSubscriber server = MqttSubscriber.keeping(broker.uri(), "server", true, ALL_RECORDS);
                UplinkFixture gate = new UplinkFixture(dir, List.of("tcp://127.0.0.1:" + link.port()), 32,
                        UplinkFixture.FAST_ACK_STALL)) {
            gate.start();
            Await.until(WAIT, "connected", gate.uplink::connected);
            gate.append(10);
            Await.until(WAIT, "first ten delivered", () -> gate.journal.stats().undelivered() == 0);
            link.swallowAcks(true);
            gate.append(20);
            // The broker has them (the server sees them), the gate never hears so: they stay undelivered.
            Await.until(WAIT, () -> "server has 30, got " + distinctIds(server), () -> distinctIds(server) == 30);
            assertEquals(20, gate.journal.stats().undelivered());
            link.swallowAcks(false); // those 20 PUBACKs are gone for good: only sending again helps
            Await.until(WAIT, () -> "all delivered after the stall, " + gate.journal.stats(),
                    () -> gate.journal.stats().undelivered() == 0);
            assertTrue(UplinkFixture.records(server).size() > 30, "the unacknowledged records were sent again");
            UplinkFixture.assertAllInOrderAfterDedup(gate.appended(), UplinkFixture.records(server));
        }
    }

    @Test
    void flappingLinkLosesNothingAndKeepsOrder() throws Exception {
        try (Mosquitto broker = Mosquitto.require(dir.resolve("broker")).start();
                FlakyProxy link = new FlakyProxy(broker.port());
                MqttSubscriber server = MqttSubscriber.keeping(broker.uri(), "server", true, ALL_RECORDS);
                UplinkFixture gate = new UplinkFixture(dir, List.of("tcp://127.0.0.1:" + link.port()), 32)) {
            gate.start();
            for (int flap = 0; flap < 5; flap++) {
                Await.until(WAIT, "reconnected", gate.uplink::connected);
                gate.append(200);
                link.cut();
            }
            gate.append(50);
            Await.until(WAIT, () -> "all delivered, " + gate.journal.stats(),
                    () -> gate.journal.stats().undelivered() == 0);
            Await.until(WAIT, "server has all 1050", () -> distinctIds(server) == 1050);
            UplinkFixture.assertAllInOrderAfterDedup(gate.appended(), UplinkFixture.records(server));
        }
    }

    @Test
    void theSessionIsPersistentACommandSentWhileTheGateWasAwayArrivesWhenItReturns() throws Exception {
        String command = UplinkFixture.PREFIX + "command";
        try (Mosquitto broker = Mosquitto.require(dir.resolve("broker")).start();
                MqttSubscriber server = MqttSubscriber.keeping(broker.uri(), "server", true, UplinkFixture.PREFIX + "status")) {
            try (UplinkFixture gate = new UplinkFixture(dir, List.of(broker.uri()), 8)) {
                gate.start();
                // Subscribed once something published after the connect arrives.
                Await.until(WAIT, "gate subscribed", () -> {
                    publish(server, command, "probe");
                    return gate.inbound.contains("command:probe");
                });
            } // a clean stop: DISCONNECT, the broker keeps the session
            publish(server, command, "while-away"); // not retained: only a persistent session keeps it
            try (UplinkFixture back = new UplinkFixture(dir, List.of(broker.uri()), 8)) {
                back.start();
                Await.until(WAIT, "the queued command", () -> back.inbound.contains("command:while-away"));
            }
        }
    }

    private static boolean publish(MqttSubscriber s, String topic, String text) {
        try {
            s.publish(topic, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
            return true;
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            return false;
        }
    }

    @Test
    void statusIsRetainedAndTheLastWillSaysOffline() throws Exception {
        try (Mosquitto broker = Mosquitto.require(dir.resolve("broker")).start();
                FlakyProxy link = new FlakyProxy(broker.port());
                UplinkFixture gate = new UplinkFixture(dir, List.of("tcp://127.0.0.1:" + link.port()), 8)) {
            gate.start();
            Await.until(WAIT, "connected", gate.uplink::connected);
            try (MqttSubscriber late = MqttSubscriber.keeping(broker.uri(), "late", true, UplinkFixture.PREFIX + "status")) {
                Await.until(WAIT, "retained online", () -> !late.received().isEmpty());
                assertTrue(late.received().getFirst().retained());
                assertTrue(text(late.received().getFirst()).contains("\"state\":\"online\""));
                link.close(); // the gate vanishes without a DISCONNECT: the broker publishes the will
                Await.until(WAIT, "last will", () -> late.received().stream()
                        .anyMatch(r -> text(r).contains("\"state\":\"offline\"")));
                assertFalse(text(late.received().getLast()).contains("\"at\""), "the will carries no time");
            }
        }
    }

    private static String text(MqttSubscriber.Received r) {
        return new String(r.payload(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long distinctIds(MqttSubscriber s) {
        return UplinkFixture.records(s).stream().map(UplinkFixture::idOf).distinct().count();
    }

    /**
     * Finding 5 of issue 20: a 40 MB message on the command topic ran Paho's receive thread out of memory
     * and stopped everything inbound for a minute. Now the broker refuses it (max_packet_size), a message
     * under the broker's limit but over the gate's cap is dropped unread, and the link stays up.
     */
    @Test
    void oversizedInboundMessagesNeverReachTheGateAndTheLinkStaysUp() throws Exception {
        try (Mosquitto broker = Mosquitto.require(dir.resolve("broker")).start();
                UplinkFixture gate = new UplinkFixture(dir, List.of(broker.uri()), 64)) {
            String uri = broker.uri();
            gate.start();
            Await.until(WAIT, "connected", gate.uplink::connected);
            String topic = UplinkFixture.PREFIX + "command";
            org.eclipse.paho.client.mqttv3.MqttClient attacker = new org.eclipse.paho.client.mqttv3.MqttClient(uri,
                    "attacker", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            attacker.connect();
            Await.until(WAIT, "subscribed", () -> {
                try {
                    attacker.publish(topic, "ping".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
                } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                    throw new IllegalStateException(e);
                }
                return gate.inbound.contains("command:ping");
            });
            attacker.publish(topic, new byte[300 * 1024], 1, false);
            Await.until(WAIT, () -> "dropped unread: " + gate.inbound, () -> gate.inbound.contains("command:too large:307200"));
            try {
                attacker.publish(topic, new byte[40 * 1024 * 1024], 1, false);
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                // mosquitto drops a client that sends more than max_packet_size: expected
            }
            try (var again = new org.eclipse.paho.client.mqttv3.MqttClient(uri, "attacker-2",
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
                again.connect();
                again.publish(topic, "after".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
                again.disconnect();
            }
            Await.until(WAIT, () -> "the next message still arrives: " + gate.inbound, () -> gate.inbound.contains("command:after"));
            assertTrue(gate.uplink.connected());
            assertFalse(gate.inbound.stream().anyMatch(m -> m.length() > 100 && !m.contains("too large")),
                    "nothing oversized was handed on");
            if (attacker.isConnected()) {
                attacker.disconnect();
            }
            attacker.close();
        }
    }
}
