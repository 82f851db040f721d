package org.gridgate.sim.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
import org.gridgate.testing.Await;
import org.gridgate.testing.SystemTools;
import org.gridgate.timing.ExecutorScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's real uplink against a three-node NATS cluster: the node the gate is connected to is
 * SIGKILLed while records stream; the gate fails over to the next node of {@code mqtt.uris}, resends
 * what was not acknowledged, and the server's store ends up with every record exactly once, the
 * first copies in sequence order.
 */
class ClusterFailoverIT {
    static final Duration WAIT = Duration.ofSeconds(90);

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
            assertEquals(sortedCopy(arrivalOrder(dir.resolve("server.db"))), arrivalOrder(dir.resolve("server.db")),
                    "first copies arrived in seq order");
        }
    }

    private static long count(RecordStore store) {
        try {
            return store.count();
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static List<Long> arrivalOrder(Path db) throws Exception {
        List<Long> seqs = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT seq FROM record ORDER BY rowid")) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
        }
        assertTrue(seqs.size() > 0);
        return seqs;
    }

    private static List<Long> sortedCopy(List<Long> l) {
        return l.stream().sorted().toList();
    }
}
