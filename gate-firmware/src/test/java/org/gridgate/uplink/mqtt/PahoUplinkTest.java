package org.gridgate.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.gridgate.uplink.mqtt.UplinkFixture.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gridgate.journal.JournalEntry;
import org.gridgate.testing.Await;
import org.gridgate.testing.FreePort;
import org.gridgate.testing.MqttSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink against an embedded Moquette broker; an independent Paho client plays the server. */
class PahoUplinkTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    final int port = FreePort.find();
    final String uri = "tcp://127.0.0.1:" + port;

    @Test
    void deliversExactlyTheJournalInSeqOrderAndMarksItDelivered() throws Exception {
        try (MoquetteBroker broker = new MoquetteBroker(port);
                MqttSubscriber server = MqttSubscriber.keeping(uri, "server", true, "gridgate/sunflower-court/+/+");
                UplinkFixture gate = new UplinkFixture(dir, List.of(uri), 16)) {
            gate.append(150); // backlog before the uplink starts
            gate.start();
            gate.append(150); // and a stream while it runs
            Await.until(WAIT, () -> "300 records, got " + UplinkFixture.records(server).size(),
                    () -> UplinkFixture.records(server).size() >= 300 && gate.journal.stats().undelivered() == 0);
            UplinkFixture.assertExactly(gate.appended(), UplinkFixture.records(server));
            assertEquals(List.of(), gate.journal.undelivered(0, 10));
        }
    }

    @Test
    void publishesRetainedOnlineStatusWithDetails() throws Exception {
        try (MoquetteBroker broker = new MoquetteBroker(port);
                UplinkFixture gate = new UplinkFixture(dir, List.of(uri), 16)) {
            gate.start();
            Await.until(WAIT, "connected", gate.uplink::connected);
            gate.uplink.publishStatus(Map.of("mode", "normal"));
            try (MqttSubscriber live = MqttSubscriber.keeping(uri, "live", true, PREFIX + "status")) {
                Await.until(WAIT, "a status with details", () -> live.received().stream()
                        .anyMatch(r -> new String(r.payload(), StandardCharsets.UTF_8).contains("\"mode\"")));
            }
            try (MqttSubscriber late = MqttSubscriber.keeping(uri, "late", true, PREFIX + "status")) {
                Await.until(WAIT, "the retained status", () -> !late.received().isEmpty());
                MqttSubscriber.Received r = late.received().getFirst();
                // Published before this subscriber existed: it can only have come as a retained message.
                // (Moquette 0.17 does not set the RETAIN flag on delivery; the mosquitto IT checks it.)
                JsonNode n = new ObjectMapper().readTree(r.payload());
                assertEquals(1, n.get("v").asInt());
                assertEquals("gate-7", n.get("gate").asText());
                assertEquals("online", n.get("state").asText());
                assertEquals("normal", n.get("mode").asText());
                gate.uplink.close();
                Await.until(WAIT, "offline on a clean stop", () -> late.received().stream()
                        .anyMatch(m -> new String(m.payload(), StandardCharsets.UTF_8)
                                .contains("\"state\":\"offline\"")));
                assertTrue(new String(late.received().getLast().payload(), StandardCharsets.UTF_8)
                        .contains("\"reason\":\"shutdown\""));
                assertFalse(gate.uplink.connected());
            }
        }
    }

    @Test
    void recordsJournaledBeforeTheBrokerExistsAreDeliveredOnceItStarts() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        AutoCloseable capture = org.gridgate.system.logging.Logging.tap(l -> {
            if (l.contains("PahoUplink:")) {
                lines.add(l);
            }
        });
        try (UplinkFixture gate = new UplinkFixture(dir, List.of(uri), 16)) {
            gate.start(); // no broker: the first connect fails, Paho alone would give up here
            gate.append(40);
            Await.until(WAIT, "three failed connect attempts", () -> gate.delays.size() >= 3);
            assertFalse(gate.uplink.connected());
            assertEquals(1, lines.stream().filter(l -> l.contains("unreachable")).count(),
                    () -> "one log line for the state, not one per attempt: " + lines);
            assertEquals(40, gate.journal.stats().undelivered());
            try (MoquetteBroker broker = new MoquetteBroker(port);
                    MqttSubscriber server = MqttSubscriber.keeping(uri, "server", true, "gridgate/sunflower-court/+/+")) {
                // The subscriber may come up after some records went by: check the journal, then a second batch.
                Await.until(WAIT, "backlog delivered", () -> gate.journal.stats().undelivered() == 0);
                List<JournalEntry> more = gate.append(20);
                String lastId = more.getLast().id().toString();
                Await.until(WAIT, "20 live records", () -> UplinkFixture.records(server).stream()
                        .anyMatch(r -> new String(r.payload(), StandardCharsets.UTF_8).contains(lastId)));
                List<MqttSubscriber.Received> got = UplinkFixture.records(server);
                UplinkFixture.assertExactly(more, got.subList(got.size() - 20, got.size()));
            }
        } finally {
            capture.close();
        }
    }

    @Test
    void inboundRosterTrustRevocationsAndCommandReachTheGate() throws Exception {
        try (MoquetteBroker broker = new MoquetteBroker(port);
                MqttSubscriber server = MqttSubscriber.keeping(uri, "server", true, "nothing/for/me");
                UplinkFixture gate = new UplinkFixture(dir, List.of(uri), 16)) {
            server.publish("gridgate/sunflower-court/roster", "R1".getBytes(StandardCharsets.UTF_8), true);
            server.publish("gridgate/other-court/roster", "NOT-OURS".getBytes(StandardCharsets.UTF_8), true);
            gate.start();
            Await.until(WAIT, "retained roster", () -> gate.inbound.contains("roster:R1"));
            server.publish("gridgate/sunflower-court/trust", "T1".getBytes(StandardCharsets.UTF_8), false);
            server.publish("gridgate/sunflower-court/revocations", "X1".getBytes(StandardCharsets.UTF_8), false);
            server.publish(PREFIX + "command", "C1".getBytes(StandardCharsets.UTF_8), false);
            server.publish("gridgate/sunflower-court/gate-8/command", "C-OTHER".getBytes(StandardCharsets.UTF_8), false);
            // Matched by the gate's community filter (<root>/<community>/+) but not a channel of ours.
            server.publish("gridgate/sunflower-court/notices", "N-UNKNOWN".getBytes(StandardCharsets.UTF_8), false);
            server.publish(PREFIX + "command", "C2".getBytes(StandardCharsets.UTF_8), false);
            Await.until(WAIT, () -> "all channels, got " + gate.inbound,
                    () -> gate.inbound.containsAll(List.of("trust:T1", "revocations:X1", "command:C1", "command:C2")));
            assertFalse(gate.inbound.stream().anyMatch(s -> s.contains("NOT-OURS") || s.contains("C-OTHER")
                    || s.contains("N-UNKNOWN")), () -> "only our channels: " + gate.inbound);
        }
    }

    @Test
    void resubscribesAndResumesAfterTheBrokerRestarts() throws Exception {
        try (UplinkFixture gate = new UplinkFixture(dir, List.of(uri), 16)) {
            MoquetteBroker first = new MoquetteBroker(port);
            gate.start();
            gate.append(10);
            Await.until(WAIT, "first batch delivered", () -> gate.journal.stats().undelivered() == 0);
            first.close();
            Await.until(WAIT, "link down", () -> !gate.uplink.connected());
            gate.append(25); // while the broker is away
            try (MoquetteBroker second = new MoquetteBroker(port);
                    MqttSubscriber server = MqttSubscriber.keeping(uri, "server", true, "gridgate/sunflower-court/+/+")) {
                // Retained, so it does not matter whether the gate resubscribed before or after this
                // publish; with a clean session it arrives only if the gate resubscribed at all.
                server.publish("gridgate/sunflower-court/roster", "R2".getBytes(StandardCharsets.UTF_8), true);
                Await.until(WAIT, "roster after restart", () -> gate.inbound.contains("roster:R2"));
                Await.until(WAIT, "outage backlog delivered", () -> gate.journal.stats().undelivered() == 0);
            }
        }
    }

    /**
     * Records whose PUBACKs were lost with the link go again as new publishes from the journal, not
     * as Paho's DUP retransmissions: Moquette 0.17 routes a DUP publish only to the subscribers it
     * remembers failing for that packet id, fails with "increment: 0" when it remembers none (after
     * a restart, or when only the acknowledgement was lost), and never acknowledges it.
     */
    @Test
    void recordsWhoseAcknowledgementsWereLostAreDeliveredAfterTheReconnect() throws Exception {
        try (MoquetteBroker broker = new MoquetteBroker(port);
                FlakyProxy link = new FlakyProxy(port);
                MqttSubscriber server = MqttSubscriber.keeping(uri, "server", true, "gridgate/sunflower-court/+/+");
                UplinkFixture gate = new UplinkFixture(dir, List.of("tcp://127.0.0.1:" + link.port()), 32)) {
            gate.start();
            Await.until(WAIT, "connected", gate.uplink::connected);
            link.swallowAcks(true);
            gate.append(20);
            Await.until(WAIT, () -> "the broker routed all 20, server has " + UplinkFixture.records(server).size(),
                    () -> UplinkFixture.records(server).size() >= 20);
            assertEquals(20, gate.journal.stats().undelivered());
            link.swallowAcks(false);
            link.cut();
            Await.until(WAIT, () -> "all delivered after the reconnect, " + gate.journal.stats(),
                    () -> gate.journal.stats().undelivered() == 0);
            UplinkFixture.assertAllInOrderAfterDedup(gate.appended(), UplinkFixture.records(server));
        }
    }

    /**
     * After a lost link the gate itself connects again, not Paho's automatic reconnect (which waits
     * exactly 1, 2, 4, 8 s, the same instants for every gate of a dead node). Each wait is drawn
     * between half and all of a step that doubles up to the cap (50, 100, 200, 400, 500 ms with the
     * test tuning), and there is one attempt per wait: no two connections reach the broker's address
     * closer together than the wait drawn between them. Only lower bounds on time are asserted, so a
     * busy machine cannot fail it.
     */
    @Test
    void aLostLinkIsMadeAgainAfterJitteredDoublingWaits() throws Exception {
        try (MoquetteBroker broker = new MoquetteBroker(port);
                FlakyProxy link = new FlakyProxy(port);
                MqttSubscriber server = MqttSubscriber.keeping(uri, "server", true, "gridgate/sunflower-court/+/+");
                UplinkFixture gate = new UplinkFixture(dir, List.of("tcp://127.0.0.1:" + link.port()), 16)) {
            gate.start();
            Await.until(WAIT, "connected", gate.uplink::connected);
            int before = gate.delays.size();
            link.hangUp(true); // the broker is gone for whoever connects from now on
            link.cut();
            Await.until(WAIT, "link down", () -> !gate.uplink.connected());
            gate.append(10);
            Await.until(WAIT, () -> "five attempts while the broker is gone, saw " + link.hungUp().size(),
                    () -> link.hungUp().size() >= 5);
            List<Long> attempts = link.hungUp();
            List<Duration> waits = gate.delays.stream().skip(before)
                    .filter(d -> d.compareTo(UplinkFixture.FAST.maxRetry()) <= 0).toList();
            link.hangUp(false);
            Await.until(WAIT, () -> "outage records delivered once the broker is back, " + gate.journal.stats(),
                    () -> gate.journal.stats().undelivered() == 0);
            UplinkFixture.assertAllInOrderAfterDedup(gate.appended(), UplinkFixture.records(server));

            assertTrue(attempts.size() <= waits.size(),
                    () -> "one attempt per wait: " + attempts.size() + " attempts, waits " + waits);
            long[] stepsMs = {50, 100, 200, 400, 500};
            for (int i = 0; i < stepsMs.length; i++) {
                Duration w = waits.get(i);
                long step = stepsMs[i];
                assertTrue(w.toNanos() >= step * 1_000_000 / 2 && w.toNanos() <= step * 1_000_000,
                        () -> "wait " + w + " within [" + step / 2 + ", " + step + "] ms; all waits " + waits);
            }
            for (int i = 1; i < 5; i++) {
                long gap = attempts.get(i) - attempts.get(i - 1);
                Duration w = waits.get(i);
                assertTrue(gap >= w.toNanos(), "attempt " + i + " came " + gap / 1_000_000 + " ms after the one "
                        + "before, sooner than its wait " + w + "; waits " + waits);
            }
            assertTrue(waits.stream().distinct().count() > 1, () -> "jittered, not fixed: " + waits);
        }
    }

    @Test
    void failsOverToTheNextBrokerInTheList() throws Exception {
        String dead = "tcp://127.0.0.1:" + FreePort.find();
        try (MoquetteBroker broker = new MoquetteBroker(port);
                UplinkFixture gate = new UplinkFixture(dir, List.of(dead, uri), 16)) {
            gate.start();
            gate.append(5);
            Await.until(WAIT, "delivered through the second broker", () -> gate.journal.stats().undelivered() == 0);
            assertTrue(gate.uplink.connected());
        }
    }
}
