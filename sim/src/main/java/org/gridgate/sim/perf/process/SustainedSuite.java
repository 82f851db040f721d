package org.gridgate.sim.perf.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.PerfSuite;
import org.gridgate.sim.server.EmbeddedBroker;

/**
 * {@code sustained}: the whole pipeline (simulated devices, rules, credential verification, durable
 * journal, lock, MQTT outbox) in one JVM pinned to core 0 ({@code taskset -c 0},
 * {@code -XX:ActiveProcessorCount=1}, the unit's heap and GC), fed one person after another as fast
 * as it decides; the broker and the subscriber run in this process, outside the pin. The rate is
 * taken after a warm-up (JIT) share of the period; {@code sustained_lost} counts decisions not
 * journaled and journal records the subscriber never got.
 */
public final class SustainedSuite implements PerfSuite {
    private final Duration period;
    private final Duration warmup;

    public SustainedSuite() {
        this(null, null);
    }

    /** Fixed sizes (the IT's very short run); null: from the options' quick flag. */
    SustainedSuite(Duration period, Duration warmup) {
        this.period = period;
        this.warmup = warmup;
    }

    @Override
    public String name() {
        return "sustained";
    }

    @Override
    public void run(PerfOptions options, PerfReport report) throws Exception {
        Duration length = period != null ? period : Duration.ofSeconds(options.quick() ? 15 : 60);
        Duration warm = warmup != null ? warmup : Duration.ofSeconds(options.quick() ? 3 : 10);
        String taskset = tool("taskset").orElseThrow(() -> new IllegalStateException(
                "taskset is not installed (apt-get install util-linux): the sustained suite pins the gate to one core"));
        Path state = Files.createDirectories(options.scratch(name()).resolve("state-" + System.nanoTime()));
        List<String> jvm = new ArrayList<>(UnitFlags.BASE);
        jvm.add("-XX:ActiveProcessorCount=1");
        jvm.addAll(UnitFlags.experiment());
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            PipelineRun.Result r = PipelineRun.run(List.of(taskset, "-c", "0"), jvm, state, broker.uri(),
                    List.of("--seed", Long.toString(options.seed()), "--seconds", Long.toString(length.toSeconds()),
                            "--sample-ms", "1000"),
                    length.plusMinutes(3), Duration.ofSeconds(120), s -> { });
            report.add("sustained_passages_per_s_1core", steadyRate(r.samples(), warm.toMillis()), "1/s");
            report.add("sustained_lost", r.lost(), "count");
            report.note("sustained", String.format(Locale.ROOT,
                    "%d passages in %.1f s (%.1f/s including the warm-up), %d granted, %d acted, %d journal records, "
                            + "%d dropped for space; rate after the first %d s",
                    r.passages(), r.millis() / 1000.0, r.ratePerS(), r.granted(), r.acted(), r.journaled(),
                    r.dropped(), warm.toSeconds()));
        }
    }

    /** Passages per second between the first sample at or after {@code warmupMs} and the last one. */
    static double steadyRate(List<PipelineRun.Sample> samples, long warmupMs) {
        if (samples.size() < 2) {
            throw new IllegalStateException("too few samples for a rate: " + samples.size());
        }
        PipelineRun.Sample last = samples.get(samples.size() - 1);
        PipelineRun.Sample first = samples.stream().filter(s -> s.millis() >= warmupMs).findFirst().orElse(samples.get(0));
        if (first == last) {
            first = samples.get(0);
        }
        return (last.passages() - first.passages()) * 1000.0 / (last.millis() - first.millis());
    }

    /** A tool on PATH (or in /usr/sbin, /sbin), as the tests' helper finds them. */
    static java.util.Optional<String> tool(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) {
                return java.util.Optional.of(f.getAbsolutePath());
            }
        }
        return java.util.Optional.empty();
    }
}
