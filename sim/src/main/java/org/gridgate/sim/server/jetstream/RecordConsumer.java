package org.gridgate.sim.server.jetstream;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One community-server worker: fetches batches of records from the shared durable consumer of
 * {@link RecordStream} (on NATS's own MQTT stream), commits each batch to the {@link RecordStore} and only then acknowledges
 * it. A worker killed between commit and ack costs a redelivery (dropped by id), never a record.
 * Run as many as the load needs, in as many processes: the stream hands each record to one of them.
 */
public final class RecordConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordConsumer.class);
    private static final Duration FETCH_WAIT = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofMillis(500);

    private final Connection nc;
    private final RecordStore store;
    private final Clock clock;
    private final int batch;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong added = new AtomicLong();
    private final AtomicLong copies = new AtomicLong();
    private final Thread thread;

    /**
     * Connects to the cluster (any of {@code natsUrls}; it follows the cluster when a node dies),
     * makes sure the stream exists and starts fetching on its own thread.
     */
    public RecordConsumer(List<String> natsUrls, String topicRoot, int replicas, RecordStore store, int batch,
            Clock clock) throws IOException, InterruptedException, JetStreamApiException {
        this.store = store;
        this.clock = clock;
        this.batch = batch;
        this.nc = Nats.connect(Options.builder()
                .servers(natsUrls.toArray(String[]::new))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .connectionTimeout(Duration.ofSeconds(5))
                .build());
        RecordStream.ensure(nc.jetStreamManagement(), topicRoot, replicas);
        this.thread = Thread.ofPlatform().name("record-consumer").start(this::loop);
    }

    public long added() {
        return added.get();
    }

    public long copies() {
        return copies.get();
    }

    private void loop() {
        JetStreamSubscription sub = null;
        while (stop.getCount() > 0) {
            try {
                if (sub == null) {
                    sub = nc.jetStream().subscribe(null,
                            PullSubscribeOptions.bind(RecordStream.MQTT_STREAM, RecordStream.DURABLE));
                }
                List<Message> msgs = sub.fetch(batch, FETCH_WAIT);
                if (msgs.isEmpty()) {
                    continue;
                }
                List<RecordStore.Incoming> in = new ArrayList<>(msgs.size());
                for (Message m : msgs) {
                    in.add(new RecordStore.Incoming(m.getSubject(), m.getData() == null ? new byte[0] : m.getData()));
                }
                RecordStore.Stored s = store.store(in, clock.millis());
                for (Message m : msgs) { // after the commit: a crash before this point means redelivery
                    m.ack();
                }
                added.addAndGet(s.added());
                copies.addAndGet(s.copies());
                if (s.rejected() > 0) {
                    LOG.warn("consumer: {} messages were not v1 records; kept in the rejected table", s.rejected());
                }
            } catch (SQLException e) {
                LOG.error("consumer: store failed ({}); the batch will be redelivered", e.getMessage());
                pause();
            } catch (IOException | JetStreamApiException | IllegalStateException e) {
                // Node lost, leader election, connection reconnecting: bind again when the cluster answers.
                LOG.info("consumer: {}; retrying", e.getMessage());
                sub = null;
                pause();
            }
        }
    }

    /** Waits {@link #RETRY} or until closed. */
    private void pause() {
        try {
            stop.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.countDown();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        thread.join(Duration.ofSeconds(10));
        nc.close();
    }
}
