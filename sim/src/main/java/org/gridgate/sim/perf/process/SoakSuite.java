package org.gridgate.sim.perf.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.PerfSuite;
import org.gridgate.sim.perf.Targets;
import org.gridgate.sim.server.EmbeddedBroker;

/**
 * {@code soak}: a million passages (quick: 20 000) through the gate process with the unit's heap and
 * GC, one after another as fast as it decides. Every few seconds the gate forces a full collection
 * and reports the heap left (the live set) while this process reads its RSS; {@code soak.csv} and
 * {@code soak.png} hold the series. Journal pruning is the gate's own (hourly, by age and disk
 * budget), as in production. Set {@code -Dgridgate.perf.soakPassages=N} for another length.
 */
public final class SoakSuite implements PerfSuite {
    private final long passages;
    private final long sampleMs;

    public SoakSuite() {
        this(0, 0);
    }

    /** Fixed sizes (the IT's very short run); 0: from the options. */
    SoakSuite(long passages, long sampleMs) {
        this.passages = passages;
        this.sampleMs = sampleMs;
    }

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public void run(PerfOptions options, PerfReport report) throws Exception {
        long n = passages > 0 ? passages : Long.getLong("gridgate.perf.soakPassages", options.quick() ? 20_000 : 1_000_000);
        long every = sampleMs > 0 ? sampleMs : (options.quick() ? 2000 : 5000);
        Path dir = options.scratch(name());
        Path state = Files.createDirectories(dir.resolve("state-" + System.nanoTime()));
        long[] lastPrinted = {0};
        Path csv = options.outDir().resolve("soak.csv");
        // Written as the samples come, so an hour-long run that dies still leaves its series.
        Files.writeString(csv, SoakPlot.csv(List.of()), StandardCharsets.UTF_8);
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            PipelineRun.Result r = PipelineRun.run(List.of(), UnitFlags.BASE, state, broker.uri(),
                    List.of("--seed", Long.toString(options.seed()), "--passages", Long.toString(n),
                            "--sample-ms", Long.toString(every), "--gc-samples", "--residents", "20000"),
                    Duration.ofHours(6), Duration.ofMinutes(5), s -> {
                        try {
                            Files.writeString(csv, SoakPlot.row(s), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        if (s.millis() - lastPrinted[0] >= 60_000) { // a sign of life on long runs
                            lastPrinted[0] = s.millis();
                            System.err.printf(Locale.ROOT, "soak: %d passages, heap %.1f MB, RSS %.1f MB%n",
                                    s.passages(), s.heapAfterGcMb(), s.rssMb());
                        }
                    });
            Path outDir = options.outDir();
            SoakPlot.write(r.samples(), csv, outDir.resolve("soak.png"));
            List<PipelineRun.Sample> running = r.samples().stream().filter(s -> s.passages() > 0).toList();
            if (running.isEmpty()) {
                throw new IllegalStateException("no sample taken while passages ran");
            }
            report.add("soak_passages", r.passages(), "count");
            report.add("soak_lost", r.lost(), "count");
            report.add("soak_rate_per_s", r.ratePerS(), "1/s");
            report.add("soak_heap_after_gc_mb_first", running.get(0).heapAfterGcMb(), "MB");
            report.add("soak_heap_after_gc_mb_last", running.get(running.size() - 1).heapAfterGcMb(), "MB");
            Stats.Fit growth = growthPerMillion(running);
            String fit = String.format(Locale.ROOT, "%.2f MB per million passages, 95 %% interval +-%.2f, R^2 %.2f,"
                    + " %d samples over %d passages", growth.slope(), growth.halfWidth95(), growth.r2(), growth.n(),
                    r.passages());
            // A short run's fit is mostly the GC's sawtooth scaled up to a million passages: report the
            // growth as a figure (and judge it) only when its interval is narrower than the target.
            double judgeable = Targets.of("soak_heap_growth_mb_per_1m").orElseThrow().limit();
            if (growth.halfWidth95() <= judgeable) {
                report.add("soak_heap_growth_mb_per_1m", growth.slope(), "MB");
                report.note("soak_heap_growth", fit);
            } else {
                report.note("soak_heap_growth", "not judged, too uncertain for this length of run: " + fit);
            }
            report.add("soak_rss_mb_max", Stats.max(running.stream().map(PipelineRun.Sample::rssMb).toList()), "MB");
            report.note("soak", String.format(Locale.ROOT, "%d samples every %d ms, %d granted, %d acted, "
                    + "%d journal records at the end, %d dropped for space", r.samples().size(), every, r.granted(),
                    r.acted(), r.journaled(), r.dropped()));
        }
    }

    /**
     * Slope of heap-after-GC over passages, per million, fitted after the first tenth of the run
     * (class loading, caches and the JIT fill up first; that is not growth).
     */
    static Stats.Fit growthPerMillion(List<PipelineRun.Sample> samples) {
        long total = samples.get(samples.size() - 1).passages();
        List<PipelineRun.Sample> steady = samples.stream()
                .filter(s -> s.passages() >= total / 10 && !Double.isNaN(s.heapAfterGcMb())).toList();
        double[] x = steady.stream().mapToDouble(PipelineRun.Sample::passages).toArray();
        double[] y = steady.stream().mapToDouble(PipelineRun.Sample::heapAfterGcMb).toArray();
        Stats.Fit f = Stats.fit(x, y);
        return new Stats.Fit(f.slope() * 1_000_000, f.halfWidth95() * 1_000_000, f.r2(), f.n());
    }
}
