package org.gridgate.sim.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.gridgate.config.GateIdentity;
import org.gridgate.config.MqttConfig;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.timing.Scheduler;
import org.gridgate.uplink.mqtt.PahoUplink;
import org.gridgate.uplink.mqtt.UplinkTuning;

/**
 * One simulated gate of the fleet: its own SQLite journal on disk and the real {@link PahoUplink}
 * with its own persistent MQTT session; no devices and no rules, passages are appended directly.
 * It also times its own failover: armed when the node it is connected to is killed, it reports the
 * time until the first acknowledgement that comes from another node.
 */
final class FleetGate implements AutoCloseable {
    private final GateIdentity identity;
    private final SqliteJournal journal;
    private final PahoUplink uplink;
    private final Clock clock;
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong inbound = new AtomicLong();
    private volatile String killedNode;
    private volatile long killedAtNanos;
    private volatile LongConsumer failoverSink;

    FleetGate(Path dir, GateIdentity identity, List<String> uris, Scheduler scheduler, Clock clock)
            throws JournalException, java.io.IOException {
        this.identity = identity;
        this.clock = clock;
        Files.createDirectories(dir);
        this.journal = new SqliteJournal(dir.resolve("journal.db"), identity,
                new SqliteJournal.Limits(Duration.ofDays(30), 256L << 20), clock);
        MqttConfig mqtt = new MqttConfig(uris, "gridgate-" + identity.id(), "gridgate", 256, 30);
        this.uplink = new PahoUplink(mqtt, identity, new Watched(journal), scheduler, clock, UplinkTuning.DEFAULTS);
    }

    void start() {
        uplink.start((channel, payload) -> inbound.incrementAndGet());
    }

    String id() {
        return identity.id();
    }

    boolean connected() {
        return uplink.connected();
    }

    Optional<String> connectedTo() {
        return uplink.connectedTo();
    }

    /** One passage, committed to the journal, then handed to the uplink. */
    void pass() throws JournalException {
        long n = appended.incrementAndGet();
        journal.append(RecordKind.PASSAGE, clock.instant(), Map.of("direction", n % 2 == 0 ? "entry" : "exit",
                "outcome", "granted", "fleet", true));
        uplink.wake();
    }

    long appended() {
        return appended.get();
    }

    long undelivered() {
        return journal.stats().undelivered();
    }

    long lastSeq() {
        return journal.stats().lastSeq();
    }

    /** The node this gate is connected to dies now: time until another node acknowledges a record. */
    void nodeKilled(String node, long atNanos, LongConsumer sink) {
        this.killedAtNanos = atNanos;
        this.failoverSink = sink;
        this.killedNode = node;
    }

    private void delivered() {
        String killed = killedNode;
        if (killed == null) {
            return;
        }
        Optional<String> now = uplink.connectedTo();
        if (now.isPresent() && !now.get().equals(killed)) {
            killedNode = null;
            failoverSink.accept(System.nanoTime() - killedAtNanos);
        }
    }

    @Override
    public void close() {
        uplink.close();
        journal.close();
    }

    /** The journal as the uplink sees it, telling the gate when the broker acknowledged records. */
    private final class Watched implements Journal {
        private final Journal inner;

        Watched(Journal inner) {
            this.inner = inner;
        }

        @Override
        public JournalEntry append(RecordKind kind, java.time.Instant at, Map<String, Object> body)
                throws JournalException {
            return inner.append(kind, at, body);
        }

        @Override
        public List<JournalEntry> undelivered(long afterSeq, int max) {
            return inner.undelivered(afterSeq, max);
        }

        @Override
        public List<JournalEntry> range(long fromSeq, long toSeq, int max) {
            return inner.range(fromSeq, toSeq, max);
        }

        @Override
        public void markDelivered(Collection<Long> seqs) {
            inner.markDelivered(seqs);
            if (!seqs.isEmpty()) {
                delivered();
            }
        }

        @Override
        public Stats stats() {
            return inner.stats();
        }

        @Override
        public Pruned prune(java.time.Instant now) throws JournalException {
            return inner.prune(now);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
