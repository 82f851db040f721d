package org.gridgate.sim.perf.decision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gridgate.config.ScannerConfig.Direction;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.PerfSuite;

/**
 * Decision latency while the console is flooded (docs/security.md): the decision suite's rig with the
 * volunteer console on, in the gate's shipped JVM, measured quiet and then with another process keeping
 * {@link #CONNECTIONS} half-sent requests open against the console. Both halves run in the same gate,
 * one after the other, so the ratio compares like with like on a shared machine.
 */
public final class FloodSuite implements PerfSuite {
    static final int CONNECTIONS = 2_000;
    /** Residents for the passages made while the flood starts. */
    private static final int SPARE = 2_000;

    @Override
    public String name() {
        return "flood";
    }

    @Override
    public void run(PerfOptions options, PerfReport report) throws Exception {
        if (!ShippedJvm.inChild()) {
            ShippedJvm.run(options, report, name());
            return;
        }
        int each = options.quick() ? 500 : 3_000;
        int warmup = 300;
        Path dir = options.scratch(name());
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        long[] quiet = new long[each];
        long[] flooded = new long[each];
        Process flood = null;
        try (DecisionRig rig = DecisionRig.start(dir, "socat", warmup + 2 * each + SPARE, true)) {
            int resident = 0;
            for (int i = 0; i < warmup; i++) {
                rig.pass(resident++, Direction.ENTRY);
            }
            for (int i = 0; i < each; i++) {
                quiet[i] = rig.pass(resident++, Direction.ENTRY).total();
            }
            var url = rig.consoleUrl();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), FloodClient.class.getName(),
                    url.getHost(), Integer.toString(url.getPort()), Integer.toString(CONNECTIONS)));
            flood = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("flood.log").toFile()).start();
            // The flood is on once the client has filled the console's connection cap at least once.
            long deadline = System.nanoTime() + 30_000_000_000L;
            int spare = SPARE;
            while (System.nanoTime() < deadline && spare-- > 0
                    && !Files.readString(dir.resolve("flood.log")).contains("opened")) {
                rig.pass(resident++, Direction.ENTRY);
            }
            for (int i = 0; i < each; i++) {
                flooded[i] = rig.pass(resident++, Direction.ENTRY).total();
            }
            List<String> log = Files.readAllLines(dir.resolve("flood.log"));
            report.note("flood_client", log.isEmpty() ? "no output" : log.get(log.size() - 1)
                    + " (connections the console accepted and then closed or is holding)");
        } finally {
            if (flood != null) {
                flood.destroyForcibly();
                flood.waitFor();
            }
        }
        Latencies q = Latencies.of(quiet);
        Latencies f = Latencies.of(flooded);
        report.add("decision_p99_quiet_ms", q.percentileMs(99), "ms");
        report.add("decision_p99_during_flood_ms", f.percentileMs(99), "ms");
        report.add("decision_p50_during_flood_ms", f.percentileMs(50), "ms");
        report.add("decision_p99_flood_ratio", f.percentileMs(99) / q.percentileMs(99), "ratio");
        report.note("flood_samples", String.format(Locale.ROOT, "%d entries quiet, then %d with %d half-sent requests"
                + " kept open against the console by another process", each, each, CONNECTIONS));
    }
}
