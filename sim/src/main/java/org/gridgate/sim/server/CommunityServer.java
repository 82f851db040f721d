package org.gridgate.sim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.gridgate.command.SignedEnvelope;
import org.gridgate.roster.Resident;
import org.gridgate.roster.RosterMessage;
import org.gridgate.testing.MqttSubscriber;

/**
 * Stands in for the community server: receives every gate's records, drops duplicates by id, notices
 * sequence gaps and asks the gate to resend them (a {@code resend} command, see docs/technician.md),
 * and publishes the roster. Counts are what the server actually received, independent of what the
 * gate believes it sent.
 */
public final class CommunityServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttSubscriber link;
    private final String root;
    private final String community;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong resendRequests = new AtomicLong();
    private final Map<String, GateTally> gates = new TreeMap<>();
    // Publishing from Paho's callback thread can deadlock the client: commands go out from here.
    private final java.util.concurrent.ScheduledExecutorService commands =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true).name("server-commands").factory());
    /** After a reconnect: how far past the last record seen a catch-up resend reaches. */
    static final long CATCH_UP = 10_000;
    private volatile Consumer<JsonNode> onRecord = r -> {};
    private volatile byte[] kid;
    private volatile PrivateKey rootKey;
    private final Object arrivals = new Object();

    public CommunityServer(String brokerUri, String topicRoot, String community) throws MqttException {
        this.root = topicRoot;
        this.community = community;
        // Reconnects by itself, explicitly, and resubscribes (clean session); not Paho's automatic
        // reconnect, which can stay stuck in "Connect already in progress" after a broker restart.
        this.link = MqttSubscriber.into(r -> record(r.payload()), brokerUri, "community-server-" + community, true,
                prefix() + "+/passage", prefix() + "+/alarm", prefix() + "+/event");
        link.onReconnect(() -> commands.execute(this::catchUp));
    }

    /**
     * After a reconnect (already subscribed again): ask every gate seen so far to resend what came
     * after its last record. With a clean session, whatever a gate published while this server was
     * away went to nobody; the gate's journal still has it.
     */
    private void catchUp() {
        List<java.util.Map.Entry<String, Long>> last = new java.util.ArrayList<>();
        synchronized (gates) {
            gates.forEach((gate, tally) -> last.add(java.util.Map.entry(gate, tally.highestSeq())));
        }
        for (var e : last) {
            requestResend(e.getKey(), new GateTally.Gap(e.getValue() + 1, e.getValue() + CATCH_UP));
        }
    }

    private String prefix() {
        return root + "/" + community + "/";
    }

    /** Called for every unique record received (after dedup), on the client's thread. */
    public void onRecord(Consumer<JsonNode> consumer) {
        this.onRecord = consumer;
    }

    private void record(byte[] payload) {
        received.incrementAndGet();
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (IOException e) {
            return;
        }
        if (n == null || !n.isObject()) {
            return;
        }
        String id = n.path("id").asText("");
        String gate = n.path("gate").asText("?");
        if (!ids.add(id)) {
            duplicates.incrementAndGet();
            synchronized (gates) {
                gates.computeIfAbsent(gate, GateTally::new).duplicate();
            }
            return;
        }
        String kind = n.path("kind").asText("?");
        byKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        Optional<GateTally.Gap> gap;
        synchronized (gates) {
            gap = gates.computeIfAbsent(gate, GateTally::new).unique(n.path("seq").asLong(), kind,
                    n.path("outcome").asText(""), parseInstant(n.path("at").asText("")));
        }
        gap.ifPresent(g -> commands.execute(() -> requestResend(gate, g)));
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
        onRecord.accept(n);
    }

    /** The community root key everything this server publishes to gates is signed with. */
    public void signWith(byte[] kid, PrivateKey rootKey) {
        this.kid = kid.clone();
        this.rootKey = rootKey;
    }

    /**
     * Waits until at least {@code passages} unique passages and {@code alarms} unique alarms have
     * arrived; false at the deadline.
     */
    public boolean awaitUnique(long passages, long alarms, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (unique("passage") < passages || unique("alarm") < alarms) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(arrivals, left);
            }
            return true;
        }
    }

    private static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The resend command for a gap, in the gate's command format (docs/mqtt.md); signed before it goes out. */
    public static byte[] resendCommand(String gate, GateTally.Gap gap, Instant now, String nonce) {
        var n = JSON.createObjectNode();
        n.put("v", 1);
        n.put("type", "command");
        n.put("id", "resend-" + nonce);
        n.put("gate", gate);
        n.put("issuedAt", now.toString());
        n.put("nonce", nonce);
        n.put("action", "resend");
        n.put("fromSeq", gap.fromSeq());
        n.put("toSeq", gap.toSeq());
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private long rosterVersion;

    private void requestResend(String gate, GateTally.Gap gap) {
        if (rootKey == null) {
            return; // the gate accepts only signed commands: without a key the gap stays in the table
        }
        byte[] command = resendCommand(gate, gap, Instant.now(), java.util.UUID.randomUUID().toString());
        try {
            link.publish(prefix() + gate + "/command", SignedEnvelope.sign(command, kid, rootKey), false);
            resendRequests.incrementAndGet();
        } catch (MqttException e) {
            // the gap stays in the table; the technician sees it
        }
    }

    /**
     * Publishes the roster signed with the root key, retained, so a gate that connects later still gets it.
     * Its version is the issue time in epoch milliseconds (or one more than the last, if the clock has not
     * moved on): it keeps growing across restarts of the server, which gates require.
     */
    public synchronized void publishRoster(List<Resident> entries) throws MqttException {
        Instant now = Instant.now();
        rosterVersion = Math.max(rosterVersion + 1, now.toEpochMilli());
        publishSigned("roster", RosterMessage.encode(rosterVersion, now, entries), true);
    }

    /** Publishes {@code payload} in a signed envelope on {@code <root>/<community>/<suffix>}, QoS 1. */
    public void publishSigned(String suffix, byte[] payload, boolean retained) throws MqttException {
        if (rootKey == null) {
            throw new IllegalStateException("no root key: call signWith first");
        }
        link.publish(prefix() + suffix, SignedEnvelope.sign(payload, kid, rootKey), retained); // QoS 1
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

    public long resendRequests() {
        return resendRequests.get();
    }

    /** One row per gate heard from, by gate id. */
    public List<GateTally.Row> table() {
        synchronized (gates) {
            return gates.values().stream().map(GateTally::row).toList();
        }
    }

    public boolean connected() {
        return link.connected();
    }

    @Override
    public void close() {
        commands.shutdown();
        try {
            link.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
