package org.gridgate.sim.perf.decision;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.gridgate.config.ScannerConfig.Direction;
import org.gridgate.journal.sqlite.WalCheckpointer;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.PerfSuite;

/**
 * Decision latency: from the moment the last byte of a scanned code (its line terminator) is written
 * into the scanner's pseudo-terminal to the moment the gate writes the lock's GPIO output, through
 * the whole real path — socat pty, jSerialComm, the serial scanner adapter, the gate loop, signature
 * verification of a community pass, the entrance rule, the durable SQLite commit (WAL,
 * synchronous=FULL) and the lock. Both ends are System.nanoTime in this JVM; the lock end is Pi4J's
 * mock output reporting its state change on the thread that wrote it (see {@link LockProbe}).
 *
 * <p>An entry passage is decided when the thermometer's reading arrives, and the gate asks for that
 * reading only once the scan has started the passage (a reading from before belongs to whoever stood
 * there before): the entry figures include the query/answer round trip over the thermometer's pty.
 * The {@code after_reading} figures start at the answer's last byte instead; the {@code exit}
 * figures are passages the scan alone completes. In {@code decision_latency.csv} an exit row's
 * {@code after_reading_ms} repeats its latency (no reading is waited for).
 */
public final class DecisionSuite implements PerfSuite {
    static final double TARGET_P99_MS = 5.0;
    /** Every EXIT_EVERY-th passage goes out through the exit scanner. */
    static final int EXIT_EVERY = 5;

    private final int warmup;
    private final Integer measured;
    private final String socat;

    /** The bench's suite: 500 passages of warm-up, then 10 000 entries measured (1 000 with --quick). */
    public DecisionSuite() {
        this(500, null, "socat");
    }

    /** For tests: a set number of passages whatever the mode, and socat where the test found it. */
    DecisionSuite(int warmup, Integer measured, String socat) {
        this.warmup = warmup;
        this.measured = measured;
        this.socat = socat;
    }

    /** The JVM options the suite measures the gate under (those of the systemd unit). */
    public static java.util.List<String> shippedJvmFlags() {
        return ShippedJvm.FLAGS;
    }

    @Override
    public String name() {
        return "decision";
    }

    @Override
    public void run(PerfOptions options, PerfReport report) throws Exception {
        if (measured == null && !ShippedJvm.inChild()) {
            ShippedJvm.run(options, report); // measured in the JVM the gate ships with
            return;
        }
        int entries = measured != null ? measured : options.quick() ? 1_000 : 10_000;
        int total = warmup + entries + entries / (EXIT_EVERY - 1) + 1;
        Path dir = fresh(options.scratch(name()));

        long[] entry = new long[entries];
        String[] during = new String[entries]; // what else happened in the process during each entry
        long[] afterReading = new long[entries];
        long[] exit = new long[entries / (EXIT_EVERY - 1) + 1];
        int nEntry = 0;
        int nExit = 0;
        long gcCount;
        long gcMillis;
        StringBuilder csv = new StringBuilder("passage,direction,latency_ms,after_reading_ms\n");
        Latencies fsync;
        String gcPauses;
        try (DecisionRig rig = DecisionRig.start(dir, socat, total); FsyncProbe disk = new FsyncProbe(dir, total);
                GcWatch gcWatch = new GcWatch()) {
            note(report, rig);
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            int resident = 0;
            for (int i = 0; i < warmup; i++) {
                rig.pass(resident++, i % EXIT_EVERY == EXIT_EVERY - 1 ? Direction.EXIT : Direction.ENTRY);
            }
            long[] gcBefore = gc();
            WalCheckpointer.Counts checkpointsBefore = rig.checkpoints();
            String gcAtStart = gcWatch.summary();
            for (int i = 0; nEntry < entries; i++) {
                Direction d = i % EXIT_EVERY == EXIT_EVERY - 1 ? Direction.EXIT : Direction.ENTRY;
                long gcs = GcWatch.count();
                long turns = rig.checkpoints().passive();
                DecisionRig.Sample s = rig.pass(resident++, d);
                String what = (GcWatch.count() != gcs ? " gc" : "") + (rig.checkpoints().passive() != turns ? " checkpoint" : "");
                disk.sample(); // between passages: the gate is idle, the disk is as the passage found it
                if (d == Direction.ENTRY) {
                    during[nEntry] = what;
                    entry[nEntry] = s.total();
                    afterReading[nEntry++] = s.afterReading();
                } else {
                    exit[nExit++] = s.total();
                }
                csv.append(i).append(',').append(d.name().toLowerCase(Locale.ROOT)).append(',')
                        .append(ms(s.total() / 1e6)).append(',').append(ms(s.afterReading() / 1e6)).append('\n');
            }
            long[] gcAfter = gc();
            gcCount = gcAfter[0] - gcBefore[0];
            gcMillis = gcAfter[1] - gcBefore[1];
            gcPauses = gcWatch.summary() + " over the whole run (" + gcAtStart + " before measuring)";
            WalCheckpointer.Counts c = rig.checkpoints();
            // The gate loop's fsyncs: one per journal commit. The checkpointer's are on its own thread.
            report.note("decision_fsyncs", String.format(Locale.ROOT, "gate loop: one per decision (%d journal"
                    + " commits, auto-checkpoint off); checkpointer thread: %d PASSIVE turns, %d log restarts,"
                    + " %d TRUNCATE, %d failed turns while measured (each turn: log + database fsync, a restart"
                    + " two more); largest log %d KiB", entries + nExit, c.passive() - checkpointsBefore.passive(),
                    c.restarts() - checkpointsBefore.restarts(), c.truncate() - checkpointsBefore.truncate(),
                    c.failed() - checkpointsBefore.failed(), c.maxWalBytes() / 1024));
            fsync = disk.latencies();
            // Other work on the machine is what the tail mostly measures on a shared box: say how much there was.
            report.note("decision_load_average", String.format(Locale.ROOT, "%.2f before, %.2f after (1-min, %d cores)",
                    loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors()));
        }
        Latencies l = Latencies.of(entry);
        report.add("decision_p50_ms", l.percentileMs(50), "ms");
        report.add("decision_p99_ms", l.percentileMs(99), "ms");
        report.add("decision_max_ms", l.maxMs(), "ms");
        report.add("decision_passages", l.count(), "count");
        Latencies after = Latencies.of(afterReading);
        report.add("decision_after_reading_p50_ms", after.percentileMs(50), "ms");
        report.add("decision_after_reading_p99_ms", after.percentileMs(99), "ms");
        Latencies ex = Latencies.of(java.util.Arrays.copyOf(exit, nExit));
        report.add("decision_exit_p50_ms", ex.percentileMs(50), "ms");
        report.add("decision_exit_p99_ms", ex.percentileMs(99), "ms");
        report.add("decision_exit_passages", ex.count(), "count");
        report.add("decision_fsync_p50_ms", fsync.percentileMs(50), "ms");
        report.add("decision_fsync_p99_ms", fsync.percentileMs(99), "ms");
        report.note("fsync_p99_ms", ms(fsync.percentileMs(99)) + " (write + fsync of a 4 KiB page in the journal's"
                + " directory, once between passages; " + fsync.count() + " samples)");
        report.note("decision_samples", entries + " entry + " + nExit + " exit passages measured after " + warmup
                + " warm-up passages");
        report.note("decision_p99_by_tenth", byTenth(entry));
        report.note("decision_gc_during_measurement", gcCount + " collections, " + gcMillis + " ms");
        report.note("decision_gc_pauses", gcPauses);
        report.note("decision_slowest", slowest(entry, during, 10));
        report.note("decision_p99_without_gc_or_checkpoint_ms", ms(quietP99(entry, during)));

        Path outDir = options.outDir();
        Files.writeString(outDir.resolve("decision_latency.csv"), csv, StandardCharsets.UTF_8);
        LatencyPlot.write(outDir.resolve("decision_latency.png"), l,
                "gridgate decision latency, entry passages (n = " + l.count() + ")",
                "last scanner byte into the pty -> lock GPIO written; incl. thermometer query, signature check,",
                "SQLite commit (WAL, synchronous=FULL); fsync on this disk during the run: p50 "
                        + ms(fsync.percentileMs(50)) + " ms, p99 " + ms(fsync.percentileMs(99)) + " ms",
                TARGET_P99_MS);
    }

    private static void note(PerfReport report, DecisionRig rig) {
        var c = rig.config();
        report.note("decision_scanner_baud", c.scanners().get(0).baud() + " (a pty has no line time: the baud is"
                + " only set, bytes arrive at once)");
        report.note("decision_thermometer", c.thermometer().model() + " query mode over a pty at "
                + c.thermometer().baud() + " baud");
        report.note("decision_journal", "SQLite WAL, synchronous=FULL, on " + c.storage().journal().getParent());
        report.note("decision_lock_probe", "Pi4J mock digital output state-change listener on the lock pin");
        report.note("decision_jvm", "max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, GC "
                + String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName).toList()));
    }

    /**
     * The p99 of each tenth of the run, in passage order: on a shared machine the tail follows what
     * else runs at the time, and this shows whether it was steady or came in bursts.
     */
    static String byTenth(long[] samples) {
        int tenth = samples.length / 10;
        if (tenth < 10) {
            return "too few samples";
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 10; k++) {
            Latencies w = Latencies.of(java.util.Arrays.copyOfRange(samples, k * tenth, (k + 1) * tenth));
            sb.append(k == 0 ? "" : " ").append(ms(w.percentileMs(99)));
        }
        return sb.append(" ms").toString();
    }

    /** The {@code n} slowest entries, slowest first, each with what else happened during it. */
    static String slowest(long[] samples, String[] during, int n) {
        Integer[] order = new Integer[samples.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(samples[b], samples[a]));
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(n, order.length); k++) {
            int i = order[k];
            sb.append(k == 0 ? "" : ", ").append("#").append(i).append(' ').append(ms(samples[i] / 1e6)).append(" ms")
                    .append(during[i] == null || during[i].isEmpty() ? "" : " (" + during[i].strip() + ")");
        }
        return sb.toString();
    }

    /** The p99 of the entries during which neither a collection nor a checkpoint ran. */
    static double quietP99(long[] samples, String[] during) {
        long[] quiet = java.util.stream.IntStream.range(0, samples.length)
                .filter(i -> during[i] == null || during[i].isEmpty()).mapToLong(i -> samples[i]).toArray();
        return quiet.length == 0 ? Double.NaN : Latencies.of(quiet).percentileMs(99);
    }

    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** Empties the suite's scratch directory: every run starts with a new journal. */
    private static Path fresh(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
        return dir;
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
