package org.gridgate.sim.perf;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gridgate.sim.Args;

/**
 * {@code gridgate-sim perf [--quick] [--strict] [--out DIR] [--seed S] [--only a,b]}: runs every
 * suite, one {@code name value unit} line per figure on stdout as measured, then one line per figure
 * that has a target ({@code met ...} or {@code MISSED ...}) and {@code perf: M met, X missed}, and
 * writes {@code perf.csv} and {@code perf.json} (and the suites' plots) in the output directory.
 * Exit 0 when every suite finished, 1 when one failed (its figures so far are still reported), 2
 * with {@code --strict} when a target was missed, 64 on a usage error.
 * {@code gridgate-sim perf --table [--from DIR] [--doc FILE]} writes the figures table of
 * docs/performance.md from a run's perf.json; {@code gridgate-sim perf --jmh [JMH options]} runs the
 * JMH micro-benchmarks instead.
 */
public final class PerfCommand {
    private PerfCommand() {}

    /** Every suite, in the order a run measures them. Suites register here. */
    static List<PerfSuite> suites() {
        return List.of(
                new org.gridgate.sim.perf.decision.DecisionSuite(),
                new org.gridgate.sim.perf.decision.FloodSuite(),
                new org.gridgate.sim.perf.micro.JournalSuite(),
                new org.gridgate.sim.perf.micro.DrainSuite(),
                new org.gridgate.sim.perf.micro.CryptoSuite(),
                new org.gridgate.sim.perf.wear.WearSuite(),
                new org.gridgate.sim.perf.process.FootprintSuite(),
                new org.gridgate.sim.perf.process.SustainedSuite(),
                new org.gridgate.sim.perf.process.SoakSuite());
    }

    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        return run(argv, suites(), out, err);
    }

    /** The command over the given suites (tests run it over stand-ins). */
    static int run(List<String> argv, List<PerfSuite> all, PrintStream out, PrintStream err) {
        if (!argv.isEmpty() && argv.get(0).equals("--jmh")) {
            // Everything after --jmh is JMH's own command line (see JmhLauncher).
            return org.gridgate.sim.perf.jmh.JmhLauncher.run(argv.subList(1, argv.size()), out, err);
        }
        if (argv.contains("--jmh")) {
            err.println("perf: --jmh comes first: perf --jmh [JMH options]");
            return 64;
        }
        if (!argv.isEmpty() && argv.get(0).equals("--table")) {
            return PerfTable.run(argv.subList(1, argv.size()), out, err);
        }
        Args a;
        try {
            a = Args.parse(argv, Set.of("--out", "--seed", "--only"), Set.of("--quick", "--strict"));
        } catch (IllegalArgumentException e) {
            err.println("perf: " + e.getMessage());
            return 64;
        }
        Set<String> only = new LinkedHashSet<>();
        a.get("--only").ifPresent(s -> {
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    only.add(p.trim());
                }
            }
        });
        for (String o : only) {
            if (all.stream().noneMatch(s -> s.name().equals(o))) {
                err.println("perf: unknown suite '" + o + "' (known: "
                        + String.join(", ", all.stream().map(PerfSuite::name).toList()) + ")");
                return 64;
            }
        }
        PerfOptions options;
        try {
            Path outDir = Files.createDirectories(Path.of(a.get("--out", "perf-out")));
            options = new PerfOptions(a.flag("--quick"), outDir, Long.parseLong(a.get("--seed", "1")), Set.copyOf(only));
        } catch (Exception e) {
            err.println("perf: " + e.getMessage());
            return 64;
        }
        PerfReport report = new PerfReport(out);
        report.note("started", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        report.note("mode", options.quick() ? "quick" : "full");
        report.note("command", "perf " + String.join(" ", argv));
        report.note("load_average_at_start", String.format(java.util.Locale.ROOT, "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        report.note("java", System.getProperty("java.version"));
        report.note("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        for (PerfSuite s : all) {
            if (!options.wants(s.name())) {
                continue;
            }
            // Progress on stderr: stdout stays the "name value unit" lines scripts read.
            err.println("perf: " + s.name() + "...");
            err.flush();
            try {
                s.run(options, report);
            } catch (Exception | AssertionError e) {
                report.failed(s.name(), String.valueOf(e));
                err.println("perf: suite " + s.name() + " failed: " + e);
            }
        }
        report.note("load_average_at_end", String.format(java.util.Locale.ROOT, "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        report.printVerdicts(out);
        try {
            report.writeCsv(options.outDir().resolve("perf.csv"));
            report.writeJson(options.outDir().resolve("perf.json"));
            err.println("perf: report in " + options.outDir().toAbsolutePath());
        } catch (Exception e) {
            err.println("perf: could not write the report: " + e.getMessage());
            return 1;
        }
        if (!report.failures().isEmpty()) {
            return 1;
        }
        boolean missed = report.verdicts().stream().anyMatch(v -> !v.met());
        return a.flag("--strict") && missed ? 2 : 0;
    }
}
