package org.gridgate.sim.perf.decision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.gridgate.sim.perf.BenchOptions;
import org.gridgate.sim.perf.BenchReport;

/**
 * Runs the decision suite again in a child JVM started with the gate's own JVM options (those of
 * {@code systemd/gridgate.service}), so the latency measured is the latency of the JVM as shipped,
 * not of whatever JVM the bench itself was started in. The child's figures are relayed line by line.
 */
final class ShippedJvm {
    /** Set in the child: run in-process there. */
    static final String CHILD = "gridgate.bench.decisionChild";
    /**
     * The unit's options that shape latency and memory (its class-data archive only shortens
     * start-up), as the process suites read them; a test keeps that list in step with the unit file.
     */
    static final List<String> FLAGS = org.gridgate.sim.perf.process.UnitFlags.BASE;

    private ShippedJvm() {}

    static boolean inChild() {
        return Boolean.getBoolean(CHILD);
    }

    static void run(BenchOptions options, BenchReport report) throws IOException, InterruptedException {
        Path out = options.scratch("decision-jvm");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(FLAGS);
        cmd.add("--enable-native-access=ALL-UNNAMED"); // the jar's manifest grants it; -cp does not
        cmd.add("-D" + CHILD + "=true");
        cmd.add("-Djava.awt.headless=true");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.gridgate.sim.SimMain", "bench",
                "--only", "decision", "--out", out.toString(), "--seed", Long.toString(options.seed())));
        if (options.quick()) {
            cmd.add("--quick");
        }
        report.note("decision_jvm", String.join(" ", FLAGS));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].matches("[a-z][a-z0-9_]*")) {
                    report.add(f[0], f[1].equals("nan") ? Double.NaN : Double.parseDouble(f[1]), f[2]);
                }
            }
        } finally {
            p.destroy();
        }
        int rc = p.waitFor();
        for (String f : List.of("decision_latency.png", "decision_latency.csv")) {
            if (Files.exists(out.resolve(f))) {
                Files.copy(out.resolve(f), options.outDir().resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (rc != 0) {
            throw new IllegalStateException("the decision bench in the gate's JVM exited " + rc);
        }
    }
}
