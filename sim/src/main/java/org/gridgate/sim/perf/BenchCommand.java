package org.gridgate.sim.perf;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gridgate.sim.Args;

/**
 * {@code gridgate-sim bench [--quick] [--out DIR] [--seed S] [--only a,b]}: runs every suite, one
 * {@code name value unit} line per figure on stdout, then {@code bench.csv} and {@code bench.json}
 * (and the suites' plots) in the output directory. Exit 0 when every suite finished, 1 when one
 * failed (its figures so far are still reported), 64 on a usage error.
 * {@code gridgate-sim bench --jmh [JMH options]} runs the JMH micro-benchmarks instead.
 */
public final class BenchCommand {
    private BenchCommand() {}

    /** Every suite, in the order a run measures them. Suites register here. */
    static List<BenchSuite> suites() {
        return List.of(
                new org.gridgate.sim.perf.decision.DecisionSuite(),
                new org.gridgate.sim.perf.micro.JournalSuite(),
                new org.gridgate.sim.perf.micro.DrainSuite(),
                new org.gridgate.sim.perf.micro.CryptoSuite(),
                new org.gridgate.sim.perf.camera.CameraSuite(),
                new org.gridgate.sim.perf.process.FootprintSuite(),
                new org.gridgate.sim.perf.process.SustainedSuite(),
                new org.gridgate.sim.perf.process.SoakSuite());
    }

    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        if (!argv.isEmpty() && argv.get(0).equals("--jmh")) {
            // Everything after --jmh is JMH's own command line (see JmhLauncher).
            return org.gridgate.sim.perf.jmh.JmhLauncher.run(argv.subList(1, argv.size()), out, err);
        }
        if (argv.contains("--jmh")) {
            err.println("bench: --jmh comes first: bench --jmh [JMH options]");
            return 64;
        }
        Args a;
        try {
            a = Args.parse(argv, Set.of("--out", "--seed", "--only"), Set.of("--quick"));
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
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
        List<BenchSuite> all = suites();
        for (String o : only) {
            if (all.stream().noneMatch(s -> s.name().equals(o))) {
                err.println("bench: unknown suite '" + o + "' (known: "
                        + String.join(", ", all.stream().map(BenchSuite::name).toList()) + ")");
                return 64;
            }
        }
        BenchOptions options;
        try {
            Path outDir = Files.createDirectories(Path.of(a.get("--out", "bench-out")));
            options = new BenchOptions(a.flag("--quick"), outDir, Long.parseLong(a.get("--seed", "1")), Set.copyOf(only));
        } catch (Exception e) {
            err.println("bench: " + e.getMessage());
            return 64;
        }
        BenchReport report = new BenchReport(out);
        report.note("mode", options.quick() ? "quick" : "full");
        report.note("java", System.getProperty("java.version"));
        report.note("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        for (BenchSuite s : all) {
            if (!options.wants(s.name())) {
                continue;
            }
            try {
                s.run(options, report);
            } catch (Exception | AssertionError e) {
                report.failed(s.name(), String.valueOf(e));
                err.println("bench: suite " + s.name() + " failed: " + e);
            }
        }
        try {
            report.writeCsv(options.outDir().resolve("bench.csv"));
            report.writeJson(options.outDir().resolve("bench.json"));
            err.println("bench: report in " + options.outDir().toAbsolutePath());
        } catch (Exception e) {
            err.println("bench: could not write the report: " + e.getMessage());
            return 1;
        }
        return report.failures().isEmpty() ? 0 : 1;
    }
}
