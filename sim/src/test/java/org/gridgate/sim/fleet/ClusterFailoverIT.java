package org.gridgate.sim.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.gridgate.config.GateIdentity;
import org.gridgate.sim.server.jetstream.RecordConsumer;
import org.gridgate.sim.server.jetstream.RecordStore;
import org.gridgate.sim.server.jetstream.RecordStream;
import org.gridgate.testing.Await;
import org.gridgate.testing.SystemTools;
import org.gridgate.timing.ExecutorScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's real uplink against a three-node NATS cluster: the node the gate is connected to is
 * SIGKILLed while records stream; the gate fails over to the next node of {@code mqtt.uris}, resends
 * what was not acknowledged, and the server's store ends up with every record exactly once. The
 * broker got the first copies in sequence order: an audit consumer on the stream reads them back in
 * stream order. (The order in which the server's worker stored them is not that: a batch fetched
 * through the dying node comes back to the worker only after the ack wait, behind later records;
 * the store orders by seq, so nothing depends on it.)
 */
class ClusterFailoverIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String AUDIT = "failover-audit";
    static final java.util.regex.Pattern SEQ = java.util.regex.Pattern.compile("\"seq\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void killingTheGatesNodeMidStreamLosesNothingAndDoublesNothing() throws Exception {
        SystemTools.require("nats-server", "nats-server");
        GateIdentity id = new GateIdentity("gate-7", "sunflower-court", ZoneId.of("Asia/Shanghai"));
        try (NatsCluster cluster = NatsCluster.start(dir.resolve("cluster"), 3, 3);
                ExecutorScheduler timers = new ExecutorScheduler("it-uplink");
                RecordStore store = new RecordStore(dir.resolve("server.db"), "server-1");
                RecordConsumer consumer = new RecordConsumer(cluster.natsUrls(), "gridgate", 3, store, 64,
                        Clock.systemUTC());
                FleetGate gate = new FleetGate(dir.resolve("gate"), id, cluster.mqttUris(), timers, Clock.systemUTC())) {
            try (io.nats.client.Connection nc = connect(cluster.natsUrls())) {
                // Kept by the stream (interest retention) until read at the end, in the broker's order.
                nc.jetStreamManagement().addOrUpdateConsumer(RecordStream.MQTT_STREAM, ConsumerConfiguration.builder()
                        .durable(AUDIT).filterSubject(RecordStream.filter("gridgate")).ackPolicy(AckPolicy.Explicit)
                        .deliverPolicy(DeliverPolicy.All).maxAckPending(20_000).numReplicas(3).build());
            }
            gate.start();
            Await.until(WAIT, "gate connected", gate::connected);
            String first = gate.connectedTo().orElseThrow();
            assertEquals(cluster.mqttUris().get(0), first, "mqtt.uris is tried in order");

            Thread passages = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 400; i++) {
                    try {
                        gate.pass();
                    } catch (org.gridgate.journal.JournalException e) {
                        throw new IllegalStateException(e);
                    }
                    LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // a steady stream, not synchronisation
                }
            });
            Await.until(WAIT, "100 records stored", () -> count(store) >= 100);
            ConcurrentLinkedQueue<Long> failover = new ConcurrentLinkedQueue<>();
            gate.nodeKilled(first, System.nanoTime(), failover::add);
            cluster.kill(0);
            passages.join(WAIT);
            assertEquals(400, gate.lastSeq());

            Await.until(WAIT, () -> "all acknowledged, " + gate.undelivered() + " left", () -> gate.undelivered() == 0);
            Await.until(WAIT, () -> "server has all 400, has " + count(store), () -> count(store) == 400);
            assertNotEquals(first, gate.connectedTo().orElseThrow(), "failed over to another node");
            assertEquals(1, failover.size(), "an acknowledgement came from another node");
            System.out.printf("cluster failover: first record acknowledged by another node %.2f s after the kill%n",
                    failover.peek() / 1e9);

            RecordStore.GateRange r = store.ranges().get("gate-7");
            assertEquals(new RecordStore.GateRange("gate-7", 400, 1, 400), r);
            assertEquals(0, store.doubleCounted());
            List<Long> firstCopies = firstCopiesInStreamOrder(cluster.natsUrls(), 400);
            assertEquals(sortedCopy(firstCopies), firstCopies, "the broker got the first copies in seq order");
            assertEquals(400, firstCopies.size());
        }
    }

    private static long count(RecordStore store) {
        try {
            return store.count();
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    /** The gate's records as the stream holds them, in stream order, each seq at its first copy. */
    private static List<Long> firstCopiesInStreamOrder(List<String> natsUrls, int expected) throws Exception {
        List<Long> seqs = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (io.nats.client.Connection nc = connect(natsUrls)) {
            JetStreamSubscription audit = bindAudit(nc, deadline);
            while (seen.size() < expected && System.nanoTime() - deadline < 0) {
                for (Message m : audit.fetch(256, Duration.ofSeconds(2))) {
                    m.ack();
                    if (RecordStream.Topic.of(m.getSubject()) != RecordStream.Topic.RECORD) {
                        continue;
                    }
                    java.util.regex.Matcher seq = SEQ.matcher(new String(m.getData(), StandardCharsets.UTF_8));
                    assertTrue(seq.find(), m.getSubject());
                    long n = Long.parseLong(seq.group(1));
                    if (seen.add(n)) {
                        seqs.add(n);
                    }
                }
            }
        }
        return seqs;
    }

    /**
     * Binds the audit consumer. Right after a node was killed the cluster can take longer than the
     * client's default 2 s to answer a JetStream API request (leaders are still being elected), so
     * the request waits up to 10 s and is made again until {@code deadline}. A quick refusal (no
     * responders while the stream has no leader) is paced at 250 ms, so the loop asks the cluster a
     * few times a second rather than spinning; the last few refusals travel with the final one as suppressed.
     */
    private static JetStreamSubscription bindAudit(io.nats.client.Connection nc, long deadline) throws Exception {
        io.nats.client.JetStream js = nc.jetStream(
                io.nats.client.JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(10)).build());
        List<Exception> refusals = new ArrayList<>();
        while (true) {
            try {
                return js.subscribe(null, PullSubscribeOptions.bind(RecordStream.MQTT_STREAM, AUDIT));
            } catch (java.io.IOException e) {
                if (System.nanoTime() - deadline >= 0) {
                    refusals.stream().skip(Math.max(0, refusals.size() - 5)).forEach(e::addSuppressed);
                    throw e;
                }
                refusals.add(e);
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos()); // pacing between attempts
            }
        }
    }

    private static io.nats.client.Connection connect(List<String> natsUrls) throws Exception {
        return Nats.connect(Options.builder().servers(natsUrls.toArray(String[]::new)).maxReconnects(-1).build());
    }

    private static List<Long> sortedCopy(List<Long> l) {
        return l.stream().sorted().toList();
    }
}
