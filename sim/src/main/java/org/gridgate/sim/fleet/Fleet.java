package org.gridgate.sim.fleet;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridgate.config.GateIdentity;
import org.gridgate.sim.server.jetstream.RecordStore;
import org.gridgate.timing.ExecutorScheduler;

/**
 * {@code sim fleet}: a district's gates against a broker cluster. N gates (journal on disk, real
 * uplink, own persistent session) pass people at a steady rate while a broker node is SIGKILLed
 * and started again and a server worker is SIGKILLed mid-batch and started again; then every gate
 * drains and the server's store is checked against every gate's journal.
 */
public final class Fleet {
    /**
     * @param rate passages per gate per second
     * @param brokers MQTT URIs of an existing cluster (empty: start a 3-node NATS cluster here)
     * @param nats NATS URLs of that cluster for the server's workers
     * @param dir where journals, the server's store and logs go (null: a temporary folder)
     */
    public record Options(int gates, Duration duration, double rate, List<String> brokers, List<String> nats,
            Path dir, int consumers, long seed) {}

    private static final String COMMUNITY = "district-7";
    private static final int START_BATCH = 50;
    private static final Duration CONNECT_WAIT = Duration.ofMinutes(5);
    /** The longest a killed broker node stays down waiting for its gates to fail over. */
    private static final Duration MAX_DOWN = Duration.ofMinutes(3);

    private Fleet() {}

    public static FleetResult run(Options o, PrintStream out) throws Exception {
        Path dir = o.dir() != null ? Files.createDirectories(o.dir()) : Files.createTempDirectory("gridgate-fleet");
        boolean own = o.brokers().isEmpty();
        Clock clock = Clock.systemUTC();
        List<String> problems = new ArrayList<>();
        List<FleetGate> gates = new ArrayList<>();
        List<ConsumerProcess> consumers = new ArrayList<>();
        ClusterProbe[] probe = {null}; // started at the kill
        Future<?>[] restart = {null}; // the killed node's return
        ExecutorService restarter = Executors.newSingleThreadExecutor();
        NatsCluster cluster = own ? NatsCluster.start(dir.resolve("cluster"), 3, 3) : null;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService passers = Executors.newFixedThreadPool(4);
        ExecutorScheduler uplinkTimers = new ExecutorScheduler("fleet-uplinks");
        try {
            List<String> mqtt = own ? cluster.mqttUris() : o.brokers();
            List<String> nats = own ? cluster.natsUrls() : o.nats();
            out.println("fleet: brokers " + String.join(",", mqtt) + " (" + dir + ")");
            Path db = dir.resolve("server.db");
            for (int i = 1; i <= o.consumers(); i++) {
                ConsumerProcess c = new ConsumerProcess("consumer-" + i, nats, db, dir.resolve("consumer-" + i + ".log"));
                c.start();
                consumers.add(c);
            }
            long rssBefore = Memory.rssKb(ProcessHandle.current().pid());
            long startNanos = System.nanoTime();
            for (int i = 0; i < o.gates(); i++) {
                String id = String.format(Locale.ROOT, "fleet-%05d", i + 1);
                FleetGate g = new FleetGate(dir.resolve("gates").resolve(id),
                        new GateIdentity(id, COMMUNITY, ZoneId.of("Asia/Shanghai")), rotate(mqtt, i), uplinkTimers, clock);
                gates.add(g);
                g.start();
                if (gates.size() % START_BATCH == 0 || i == o.gates() - 1) {
                    if (!Waits.until(CONNECT_WAIT, () -> gates.stream().allMatch(FleetGate::connected))) {
                        throw new IllegalStateException("gates not connected after " + CONNECT_WAIT + ": "
                                + gates.stream().filter(x -> !x.connected()).count() + " of " + gates.size());
                    }
                }
            }
            out.printf(Locale.ROOT, "fleet: %d gates connected in %.1f s%n", gates.size(),
                    (System.nanoTime() - startNanos) / 1e9);

            Passages passages = new Passages(gates, o.rate(), new Random(o.seed()), passers, problems);
            passages.start(timer);
            ConcurrentLinkedQueue<Long> failovers = new ConcurrentLinkedQueue<>();
            List<FleetGate> moved = new ArrayList<>();
            long runMs = o.duration().toMillis();
            List<Waits.Event> events = new ArrayList<>();
            if (own) {
                long killAt = runMs / 3;
                int[] node = {0};
                long[] killedAt = {0};
                events.add(new Waits.Event(killAt, () -> {
                    node[0] = busiestNode(gates, cluster);
                    String uri = cluster.nodes().get(node[0]).mqttUri();
                    for (FleetGate g : gates) {
                        if (g.connectedTo().filter(uri::equals).isPresent()) {
                            moved.add(g);
                        }
                    }
                    long t0 = System.nanoTime();
                    killedAt[0] = t0;
                    moved.forEach(g -> g.nodeKilled(uri, t0, failovers::add));
                    cluster.kill(node[0]);
                    probe[0] = ClusterProbe.start(mqtt.stream().filter(u -> !u.equals(uri)).toList(), t0);
                    moved.forEach(g -> passers.execute(() -> passages.passNow(g))); // something to deliver now
                    out.printf(Locale.ROOT, "fleet: t=%ds broker node %s killed with %d gates on it%n",
                            killAt / 1000, cluster.nodes().get(node[0]).name(), moved.size());
                }));
                // Back while gates are still failing over, the node would be the first in the list of
                // the gates that left it and take them back: after the least down time it stays down
                // until every one of them has a record acknowledged by another node (docs/server.md).
                long least = Math.max(15_000, runMs / 6);
                events.add(new Waits.Event(killAt + least, () -> restart[0] = restarter.submit(() -> {
                    boolean all = Waits.until(MAX_DOWN.minusMillis(least), () -> failovers.size() >= moved.size());
                    cluster.restart(node[0]);
                    long down = (System.nanoTime() - killedAt[0]) / 1_000_000_000L;
                    out.printf(Locale.ROOT, "fleet: t=%ds broker node %s restarted after %d s down (%s)%n",
                            killAt / 1000 + down, cluster.nodes().get(node[0]).name(), down,
                            all ? "every gate of it had moved" : "not every gate of it had moved in " + MAX_DOWN);
                    return null;
                })));
            }
            if (!consumers.isEmpty()) {
                long killAt = runMs / 2;
                events.add(new Waits.Event(killAt, () -> {
                    consumers.getFirst().kill();
                    out.printf(Locale.ROOT, "fleet: t=%ds consumer-1 killed%n", killAt / 1000);
                }));
                events.add(new Waits.Event(killAt + 5_000, () -> {
                    consumers.getFirst().start();
                    out.printf(Locale.ROOT, "fleet: t=%ds consumer-1 restarted%n", killAt / 1000 + 5);
                }));
            }
            events.add(new Waits.Event(Math.max(runMs, events.stream().mapToLong(Waits.Event::atMs).max().orElse(0)),
                    passages::stop));
            Waits.play(timer, events);
            if (restart[0] != null) {
                restart[0].get(); // the node may still be down when passages stop
            }
            long rssRun = Memory.rssKb(ProcessHandle.current().pid());
            int threads = Memory.threads(ProcessHandle.current().pid());
            passers.shutdown();
            passers.awaitTermination(1, TimeUnit.MINUTES);

            long records = gates.stream().mapToLong(FleetGate::lastSeq).sum();
            try (RecordStore view = new RecordStore(db, "fleet-check")) {
                Duration drain = Duration.ofMinutes(3).plusMillis(50L * o.gates());
                boolean drained = Waits.until(drain, () -> gates.stream().allMatch(g -> g.undelivered() == 0)
                        && Check.count(view) >= records);
                if (!drained) {
                    problems.add("not everything arrived within " + drain + ": undelivered on gates "
                            + gates.stream().mapToLong(FleetGate::undelivered).sum());
                }
                if (!moved.isEmpty() && failovers.size() < moved.size()) {
                    problems.add((moved.size() - failovers.size()) + " gates never acknowledged a record on another node");
                }
                out.println(Memory.line(gates.size(), rssBefore, rssRun, threads, cluster));
                if (probe[0] != null) {
                    out.println(probe[0].line());
                }
                FleetResult r = Check.result(gates, view, new ArrayList<>(failovers), problems);
                out.println(r.failoverLine());
                out.println(Check.consumerLine(view));
                return r;
            }
        } finally {
            if (probe[0] != null) {
                probe[0].close();
            }
            timer.shutdownNow();
            passers.shutdownNow();
            restarter.shutdownNow();
            try (ExecutorService closer = Executors.newFixedThreadPool(16)) {
                gates.forEach(g -> closer.execute(g::close));
            }
            uplinkTimers.close();
            for (ConsumerProcess c : consumers) {
                c.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** Gate {@code i} lists the nodes starting at node {@code i mod n}: a fleet spreads over the cluster. */
    static List<String> rotate(List<String> uris, int i) {
        List<String> out = new ArrayList<>(uris.size());
        for (int k = 0; k < uris.size(); k++) {
            out.add(uris.get((i + k) % uris.size()));
        }
        return out;
    }

    private static int busiestNode(List<FleetGate> gates, NatsCluster cluster) {
        Map<Integer, Integer> count = new HashMap<>();
        for (FleetGate g : gates) {
            g.connectedTo().ifPresent(u -> count.merge(cluster.indexOfMqtt(u), 1, Integer::sum));
        }
        return count.entrySet().stream().filter(e -> e.getKey() >= 0).max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(0);
    }
}
