package org.gridgate.sim.perf.micro;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.gridgate.config.MqttConfig;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.PerfSuite;
import org.gridgate.testing.Mosquitto;
import org.gridgate.timing.ExecutorScheduler;
import org.gridgate.uplink.mqtt.PahoUplink;
import org.gridgate.uplink.mqtt.UplinkTuning;

/**
 * Backlog drain after an outage. The broker (Debian's mosquitto) goes down, the gate's journal fills
 * with decisions appended the gate's way while its uplink retries in vain, the broker comes back and
 * the uplink drains the whole backlog at QoS 1, timed from connected until the journal has every
 * record marked delivered (every PUBACK in). Then a bare Paho client publishes the same payloads
 * with the same window to the same broker. A persistent QoS 1 subscriber, standing in for the
 * server, checks that every record arrived once and in order, on both sides.
 */
public final class DrainSuite implements PerfSuite {
    static final String TOPIC_ROOT = "gridgate";
    /** The example configs' {@code mqtt.inflight}. */
    static final int WINDOW = 256;

    record Sizes(int records, int warmRecords) {
        static final Sizes QUICK = new Sizes(10_000, 2_000);
        static final Sizes FULL = new Sizes(100_000, 5_000);
    }

    private final Sizes fixed;

    public DrainSuite() {
        this(null);
    }

    /** @param fixed sizes to use whatever the mode (tests); null for quick/full */
    DrainSuite(Sizes fixed) {
        this.fixed = fixed;
    }

    @Override
    public String name() {
        return "drain";
    }

    @Override
    public void run(PerfOptions options, PerfReport report) throws Exception {
        Sizes sizes = fixed != null ? fixed : options.quick() ? Sizes.QUICK : Sizes.FULL;
        Path dir = Scratch.fresh(options.scratch(name()));
        String topic = TOPIC_ROOT + "/" + JournalSuite.GATE.community() + "/" + JournalSuite.GATE.id() + "/"
                + RecordKind.PASSAGE.topicLevel();
        try (Mosquitto broker = Mosquitto.onFreePort(dir.resolve("broker")).start();
                Subscriber server = new Subscriber(broker.uri(), topic);
                ExecutorScheduler scheduler = new ExecutorScheduler("bench-drain")) {
            server.connect();

            // Warm-up with the broker up: the uplink's and the bare client's code paths, once each.
            try (SqliteJournal warm = journal(dir.resolve("warm.db"))) {
                fill(warm, sizes.warmRecords());
                SeqTracker t = server.track(1);
                try (PahoUplink uplink = uplink(broker.uri(), warm, scheduler)) {
                    timeDrain(uplink, warm);
                }
                confirm(server, t, sizes.warmRecords(), "warm-up drain");
                t = server.track(1);
                BarePaho.publish(broker.uri(), topic, payloads(warm, sizes.warmRecords()), WINDOW);
                confirm(server, t, sizes.warmRecords(), "warm-up bare publisher");
            }

            // The outage: the server's session stays with the broker; the gate keeps deciding.
            server.freshSession();
            server.disconnect();
            broker.stop();
            try (SqliteJournal backlog = journal(dir.resolve("backlog.db"));
                    PahoUplink uplink = uplink(broker.uri(), backlog, scheduler)) {
                long f0 = System.nanoTime();
                fill(backlog, sizes.records());
                report.note("drain_fill_rate_per_s", String.format(java.util.Locale.ROOT, "%.0f",
                        sizes.records() / ((System.nanoTime() - f0) / 1e9)));
                if (uplink.connected()) {
                    throw new IllegalStateException("uplink connected while the broker was down");
                }
                SeqTracker drained = server.track(1);
                broker.start();
                server.connect();
                long nanos = timeDrain(uplink, backlog);
                confirm(server, drained, sizes.records(), "drain");
                double drainRate = sizes.records() / (nanos / 1e9);

                List<byte[]> same = payloads(backlog, sizes.records());
                SeqTracker bare = server.track(1);
                double pahoRate = BarePaho.publish(broker.uri(), topic, same, WINDOW);
                confirm(server, bare, sizes.records(), "bare publisher");

                report.note("drain_records", Integer.toString(sizes.records()));
                report.note("drain_window", Integer.toString(WINDOW));
                report.note("drain_payload_bytes", Integer.toString(same.get(0).length));
                report.note("drain_arrived", Long.toString(drained.arrived()));
                report.note("drain_subscriber_reconnects", Integer.toString(server.reconnects()));
                report.add("drain_rate_per_s", drainRate, "records/s");
                report.add("paho_bare_rate_per_s", pahoRate, "messages/s");
                report.add("drain_ratio_vs_paho", drainRate / pahoRate, "x");
            }
        } finally {
            Scratch.clear(dir);
        }
    }

    private static SqliteJournal journal(Path file) throws Exception {
        return new SqliteJournal(file, JournalSuite.GATE, new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30),
                Clock.systemUTC());
    }

    /** Appends the gate's way: one durable commit per decision. */
    private static void fill(SqliteJournal journal, int n) throws Exception {
        DecisionBodies bodies = new DecisionBodies(32);
        Clock clock = Clock.systemUTC();
        for (int i = 0; i < n; i++) {
            journal.append(RecordKind.PASSAGE, clock.instant(), bodies.get(i));
        }
    }

    /** The gate's uplink, started; retries every 100-200 ms while the broker is away (a gate backs off to 60 s). */
    private static PahoUplink uplink(String uri, SqliteJournal journal, ExecutorScheduler scheduler) {
        MqttConfig config = new MqttConfig(List.of(uri), "bench-gate-" + System.nanoTime(), TOPIC_ROOT, WINDOW, 60);
        PahoUplink uplink = new PahoUplink(config, JournalSuite.GATE, journal, scheduler, Clock.systemUTC(),
                new UplinkTuning(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(5),
                        Duration.ofSeconds(5)));
        uplink.start((channel, payload) -> {});
        return uplink;
    }

    /** Nanoseconds from the uplink connected to every record marked delivered. */
    private static long timeDrain(PahoUplink uplink, SqliteJournal journal) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!uplink.connected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("uplink did not connect within 30 s");
            }
            LockSupport.parkNanos(50_000);
        }
        long t0 = System.nanoTime();
        deadline = t0 + TimeUnit.MINUTES.toNanos(10);
        while (!journal.undelivered(0, 1).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("drain not finished after 10 minutes: " + journal.stats());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return System.nanoTime() - t0;
    }

    private static List<byte[]> payloads(SqliteJournal journal, int n) {
        List<byte[]> out = journal.range(1, n, n).stream()
                .map(e -> e.payloadJson().getBytes(StandardCharsets.UTF_8)).toList();
        if (out.size() != n) {
            throw new IllegalStateException("journal returned " + out.size() + " of " + n + " records");
        }
        return out;
    }

    /**
     * Every record once and in order at the subscriber. A copy of a record already received is
     * QoS 1 at work only if the subscriber's link dropped and came back; without a reconnect it fails.
     */
    private static void confirm(Subscriber server, SeqTracker t, int n, String what) {
        boolean all = server.await(n, 120);
        boolean copiesExplained = t.duplicates() == 0 || server.reconnects() > 0;
        if (!all || !(t.allInOrder(n) || (t.allInOrderAtLeastOnce(n) && copiesExplained))) {
            throw new IllegalStateException(what + ": the subscriber got " + t.inOrder() + " of " + n
                    + " records in order (" + t.arrived() + " messages, " + t.outOfOrder() + " out of order, "
                    + t.duplicates() + " copies, " + server.reconnects() + " reconnects of the subscriber)");
        }
    }
}
