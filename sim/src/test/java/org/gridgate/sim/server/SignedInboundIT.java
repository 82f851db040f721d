package org.gridgate.sim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.gridgate.config.CredentialConfig;
import org.gridgate.config.GateConfig;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.journal.JournalEntry;
import org.gridgate.passage.GateMode;
import org.gridgate.roster.Resident;
import org.gridgate.roster.RosterMessage;
import org.gridgate.sim.demo.Demo;
import org.gridgate.sim.devices.SimulatedHardware;
import org.gridgate.sim.devices.SimulatedScanner;
import org.gridgate.sim.devices.SimulatedThermometer;
import org.gridgate.system.GateApp;
import org.gridgate.system.Hardware;
import org.gridgate.system.ServiceManager;
import org.gridgate.testing.MqttSubscriber;
import org.gridgate.timing.ExecutorScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root's inbound wiring end to end: signed roster in, unsigned roster out, a
 * signed trust list reaching the status, and signed commands with their results.
 */
class SignedInboundIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void signedMessagesActUnsignedOnesAreRejectedAndEveryCommandIsAnswered(@TempDir Path state) throws Exception {
        KeyPair issuer = ec();
        KeyPair root = ec();
        byte[] rootKid = {1, 1, 2, 3, 5, 8, 13, 21};
        var anchor = new CredentialConfig.TrustAnchor("AQIDBAUGBwg=",
                Base64.getEncoder().encodeToString(issuer.getPublic().getEncoded()));
        var rootKey = new CredentialConfig.RootKey(Base64.getEncoder().encodeToString(rootKid),
                Base64.getEncoder().encodeToString(root.getPublic().getEncoded()));
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                ExecutorScheduler timers = new ExecutorScheduler("it-devices")) {
            GateConfig config = Demo.simConfig(state, broker.uri(), anchor, List.of(rootKey));
            String gatePrefix = "gridgate/" + config.gate().community() + "/" + config.gate().id() + "/";
            SimulatedHardware hw = new SimulatedHardware();
            hw.plug(config.thermometer().port(), new SimulatedThermometer(timers));
            hw.plug(config.scanners().get(0).port(), new SimulatedScanner(config.scanners().get(0).terminator()));
            Hardware hardware = hw.hardware();
            ConcurrentLinkedQueue<JsonNode> results = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<JsonNode> status = new ConcurrentLinkedQueue<>();
            // shared: it retries a first connection that Moquette drops before its SUBACK
            try (MqttSubscriber watcher = MqttSubscriber.into(r -> {
                        try {
                            (r.topic().endsWith("/result") ? results : status).add(JSON.readTree(r.payload()));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, broker.uri(), "it-watcher", true, gatePrefix + "command/result", gatePrefix + "status");
                    CommunityServer server = new CommunityServer(broker.uri(), "gridgate", config.gate().community());
                    GateApp app = GateApp.start(config, hardware, Clock.systemUTC(), ServiceManager.NONE)) {
                List<JsonNode> events = new ArrayList<>();
                server.onRecord(r -> {
                    synchronized (events) {
                        events.add(r);
                    }
                });
                server.signWith(rootKid, root.getPrivate());
                server.publishRoster(roster(3));
                await(WAIT, "signed roster in force", () -> app.loop().rosterSize() == 3);

                // an unsigned roster (the old format) changes nothing and is reported
                watcher.publish("gridgate/" + config.gate().community() + "/roster",
                        RosterMessage.encode(1, java.time.Instant.now(), roster(1)), false);
                await(WAIT, "inbound_rejected event", () -> has(events, "inbound_rejected"));
                assertEquals(3, app.loop().rosterSize());

                // a correctly signed but older roster republished retained (a replay) is refused too
                long rejectedBefore = count(events, "inbound_rejected");
                server.publishSigned("roster", RosterMessage.encode(1, Instant.now(), roster(1)), true);
                await(WAIT, "the replayed roster refused", () -> count(events, "inbound_rejected") > rejectedBefore);
                assertEquals(3, app.loop().rosterSize());

                server.publishSigned("trust", JSON.writeValueAsBytes(Map.of("v", 1, "type", "trust", "version", 1,
                        "issuedAt", Instant.now().toString(), "keys", List.of())), true);
                await(WAIT, "trust list in force", () -> app.lastTrustUpdate().isPresent());

                Map<String, Object> cmd = command(config.gate().id(), "nonce-it-0001");
                server.publishSigned(config.gate().id() + "/command", JSON.writeValueAsBytes(cmd), false);
                await(WAIT, "first result", () -> results.size() == 1);
                server.publishSigned(config.gate().id() + "/command", JSON.writeValueAsBytes(cmd), false);
                await(WAIT, "second result", () -> results.size() == 2);
                List<JsonNode> r = List.copyOf(results);
                assertEquals("accepted", r.get(0).path("result").asText(), r.toString());
                assertEquals("rejected", r.get(1).path("result").asText());
                assertEquals("replayed", r.get(1).path("reason").asText());
                assertEquals(GateMode.LOCKDOWN, app.loop().snapshot().mode());
                await(WAIT, "status with the new mode and a fresh trust list", () -> status.stream().anyMatch(
                        s -> s.path("mode").asText().equals("LOCKDOWN") && !s.path("trustStale").asBoolean(true)
                                && s.path("rosterSize").asInt() == 3));
                await(WAIT, "command events delivered", () -> count(events, "command") == 2);
                JournalEntry last = app.journal().range(1, Long.MAX_VALUE, 1000).getLast();
                assertTrue(last.seq() > 0);
            }
        }
    }

    /** Waits on a condition with a deadline (polling a queue's timed wait, not sleeping blind). */
    private static void await(Duration timeout, String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.concurrent.BlockingQueue<Object> never = new java.util.concurrent.LinkedBlockingQueue<>();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            never.poll(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private static boolean has(List<JsonNode> events, String event) {
        return count(events, event) > 0;
    }

    private static long count(List<JsonNode> events, String event) {
        synchronized (events) {
            return events.stream().filter(e -> e.path("event").asText().equals(event)).count();
        }
    }

    private static Map<String, Object> command(String gate, String nonce) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("v", 1);
        c.put("type", "command");
        c.put("id", "it-1");
        c.put("gate", gate);
        c.put("issuedAt", Instant.now().toString());
        c.put("nonce", nonce);
        c.put("action", "set_mode");
        c.put("mode", "LOCKDOWN");
        return c;
    }

    private static List<Resident> roster(int n) {
        List<Resident> out = new ArrayList<>();
        LocalDate today = LocalDate.now();
        for (int i = 1; i <= n; i++) {
            out.add(new Resident("R-000" + i, PersonKind.RESIDENT, "1-101", "1-101", Resident.Status.NORMAL,
                    today.minusDays(1), today.plusDays(1)));
        }
        return out;
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
