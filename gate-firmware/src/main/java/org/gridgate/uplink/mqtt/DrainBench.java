package org.gridgate.uplink.mqtt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gridgate.config.GateIdentity;
import org.gridgate.config.MqttConfig;
import org.gridgate.journal.sqlite.JournalBench;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.timing.ExecutorScheduler;

/**
 * Backlog drain after an outage: {@code N} undelivered records in a journal, the uplink started,
 * time until the journal has marked every one delivered. Compared with a bare Paho QoS 1 publisher
 * sending the very same payloads to the same topic with the same window, timed until the last
 * PUBACK.
 *
 * <p>Usage: {@code DrainBench <brokerUri> [N=100000]}. Prints {@code name value unit} lines.
 */
public final class DrainBench {
    static final GateIdentity GATE = new GateIdentity("bench-gate", "bench-court", ZoneOffset.UTC);
    static final int WINDOW = 256;

    private DrainBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DrainBench <brokerUri> [N]");
            System.exit(2);
        }
        String uri = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dir = Files.createTempDirectory("drain-bench");
        try {
            int warm = Math.max(1000, n / 20);
            drain(uri, dir.resolve("warm.db"), warm);
            paho(uri, payloads(dir.resolve("warm-paho.db"), warm));
            Path backlog = dir.resolve("backlog.db");
            JournalBench.seedBacklog(backlog, GATE, n);
            List<byte[]> same = payloads(backlog, n);
            double pahoRate = paho(uri, same);
            double drainRate = drain(uri, backlog, n);
            System.out.printf("drain_rate_per_s %.1f records/s%n", drainRate);
            System.out.printf("paho_rate_per_s %.1f messages/s%n", pahoRate);
            System.out.printf("drain_ratio_vs_paho %.3f ratio%n", drainRate / pahoRate);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The payloads in the journal, read once: the bare publisher sends exactly these. */
    private static List<byte[]> payloads(Path file, int n) throws Exception {
        if (!Files.exists(file)) {
            JournalBench.seedBacklog(file, GATE, n);
        }
        try (SqliteJournal j = open(file)) {
            return j.undelivered(0, n).stream().map(e -> e.payloadJson().getBytes(StandardCharsets.UTF_8)).toList();
        }
    }

    private static SqliteJournal open(Path file) throws Exception {
        return new SqliteJournal(file, GATE, new SqliteJournal.Limits(Duration.ofDays(30), Long.MAX_VALUE),
                Clock.systemUTC());
    }

    static double drain(String uri, Path file, int n) throws Exception {
        if (!Files.exists(file)) {
            JournalBench.seedBacklog(file, GATE, n);
        }
        try (SqliteJournal journal = open(file);
                ExecutorScheduler scheduler = new ExecutorScheduler("bench-scheduler")) {
            MqttConfig config = new MqttConfig(List.of(uri), "bench-drain-" + System.nanoTime(), "gridgate", WINDOW, 60);
            PahoUplink uplink = new PahoUplink(config, GATE, journal, scheduler, Clock.systemUTC(),
                    PahoUplink.Tuning.DEFAULTS);
            long t0 = System.nanoTime();
            uplink.start((channel, payload) -> {});
            while (!journal.undelivered(0, 1).isEmpty()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(10)) {
                    throw new IllegalStateException("drain did not finish in 10 minutes: " + journal.stats());
                }
            }
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            uplink.close();
            return rate;
        }
    }

    static double paho(String uri, List<byte[]> payloads) throws Exception {
        String topic = "gridgate/" + GATE.community() + "/" + GATE.id() + "/passage";
        MqttAsyncClient client = new MqttAsyncClient(uri, "bench-paho-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(WINDOW);
        long t0 = System.nanoTime(); // from connect, as for the uplink
        client.connect(o).waitForCompletion(10_000);
        Semaphore window = new Semaphore(WINDOW);
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                throw new IllegalStateException("bare publish failed", e);
            }
        };
        for (byte[] p : payloads) {
            window.acquire();
            client.publish(topic, p, 1, false, null, release);
        }
        window.acquire(WINDOW); // every PUBACK in
        double rate = payloads.size() / ((System.nanoTime() - t0) / 1e9);
        client.disconnect().waitForCompletion(10_000);
        client.close();
        return rate;
    }
}
