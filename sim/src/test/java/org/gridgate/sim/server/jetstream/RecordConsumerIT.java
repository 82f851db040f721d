package org.gridgate.sim.server.jetstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.gridgate.sim.fleet.NatsCluster;
import org.gridgate.testing.Await;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server workers sharing the JetStream consumer: a worker that fetched a batch and died before its
 * ack loses nothing (the batch goes to another worker after the ack wait), and two workers never
 * count a record twice.
 */
class RecordConsumerIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aBatchFetchedButNeverAcknowledgedGoesToAnotherWorkerAndNothingIsCountedTwice() throws Exception {
        SystemTools.require("nats-server", "nats-server");
        try (NatsCluster cluster = NatsCluster.start(dir.resolve("cluster"), 1, 1);
                Connection nc = Nats.connect(cluster.natsUrls().getFirst())) {
            RecordStream.ensure(nc.jetStreamManagement(), "gridgate", 1);
            for (int i = 1; i <= 300; i++) { // into NATS's MQTT stream, as it stores QoS 1 publishes
                RecordStore.Incoming r = RecordStoreTest.record("id-" + i, "gate-" + (i % 3), i);
                nc.jetStream().publish(r.subject(), r.payload());
            }
            // A worker that dies mid-batch: it fetched 50 records and never acknowledged them.
            JetStreamSubscription dying = nc.jetStream().subscribe(null,
                    PullSubscribeOptions.bind(RecordStream.MQTT_STREAM, RecordStream.DURABLE));
            List<Message> taken = dying.fetch(50, Duration.ofSeconds(5));
            assertEquals(50, taken.size());
            dying.unsubscribe();

            long started = System.nanoTime();
            RecordConsumer w1;
            RecordConsumer w2;
            try (RecordStore s1 = new RecordStore(dir.resolve("server.db"), "worker-1");
                    RecordStore s2 = new RecordStore(dir.resolve("server.db"), "worker-2");
                    RecordConsumer c1 = new RecordConsumer(cluster.natsUrls(), "gridgate", 1, s1, 16, Clock.systemUTC());
                    RecordConsumer c2 = new RecordConsumer(cluster.natsUrls(), "gridgate", 1, s2, 16, Clock.systemUTC())) {
                w1 = c1;
                w2 = c2;
                Await.until(WAIT.plus(RecordStream.ACK_WAIT), () -> "all 300 stored, have " + count(s1),
                        () -> count(s1) == 300);
                assertTrue(System.nanoTime() - started >= RecordStream.ACK_WAIT.toNanos() - 1_000_000_000L,
                        "the unacknowledged batch came back only after the ack wait");
                // A worker adds its batch to its tally just after the commit the count above saw.
                Await.until(WAIT, () -> "both tallies at 300, have " + (c1.added() + c2.added()),
                        () -> c1.added() + c2.added() >= 300);
                assertEquals(0, s1.doubleCounted());
            }
            // Closed: the workers' tallies are final.
            assertEquals(300, w1.added() + w2.added(), "each record counted by exactly one worker");
        }
    }

    private static long count(RecordStore s) {
        try {
            return s.count();
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
