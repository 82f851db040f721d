package org.gridgate.sim.perf.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.process.UnitFlags;

/**
 * Runs the decision suite in a child JVM started with the gate's own JVM options (those of
 * {@code systemd/gridgate.service}), so the latency measured is the latency of the JVM as shipped,
 * not of whatever JVM the bench itself was started in; twice in one run: on the machine as it is
 * ({@code decision_*}), then with another process keeping one core busy ({@code decision_loaded_*},
 * a {@link Spinner} this class starts and stops). The child's figures are relayed line by line, its
 * notes (load, GC pauses, p99 per tenth, fsyncs, slowest passages) from its perf.json.
 */
final class ShippedJvm {
    /** Set in the child: run in-process there. */
    static final String CHILD = "gridgate.perf.decisionChild";
    /**
     * The unit's options that shape latency and memory (its class-data archive only shortens
     * start-up), as the process suites read them; a test keeps that list in step with the unit file.
     */
    static final List<String> FLAGS = UnitFlags.BASE;
    private static final String NICE = "/usr/bin/nice";
    static final String LOADED = "decision_loaded_";

    private ShippedJvm() {}

    static boolean inChild() {
        return Boolean.getBoolean(CHILD);
    }

    /** The options the child runs with, an experiment's ({@code -Dgridgate.perf.extraJvm}) marked as such. */
    private static String jvmNote() {
        List<String> extra = UnitFlags.experiment();
        return String.join(" ", FLAGS) + (extra.isEmpty() ? "" : " + experiment: " + String.join(" ", extra));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs another suite built on the decision rig (the console flood) in the gate's JVM, once, quiet. */
    static void run(PerfOptions options, PerfReport report, String suite) throws IOException, InterruptedException {
        report.note(suite + "_jvm", jvmNote());
        child(options, report, suite, suite + "-jvm", "decision_", "");
    }

    static void run(PerfOptions options, PerfReport report) throws IOException, InterruptedException {
        report.note("decision_jvm", jvmNote());
        child(options, report, "decision", "decision-jvm", "decision_", "");
        // The other process runs at the default priority and the gate's unit at Nice=-5; the bench
        // cannot raise the gate's priority without privileges, so it lowers the spinner's by the same gap.
        List<String> spin = new ArrayList<>();
        boolean niced = Files.isExecutable(Path.of(NICE));
        if (niced) {
            spin.addAll(List.of(NICE, "-n", Integer.toString(-UnitFlags.NICE)));
        }
        spin.addAll(List.of(java(), "-Xmx16m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Spinner.class.getName()));
        Process spinner = new ProcessBuilder(spin).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // Spinning before the gate starts: the loaded run is loaded from its first passage.
            String first = new BufferedReader(new InputStreamReader(spinner.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (!"spinning".equals(first)) {
                throw new IOException("the load process did not start: " + first);
            }
            report.note(LOADED + "load", "a second JVM spinning one thread (pid " + spinner.pid()
                    + ") throughout the loaded run, started and stopped by the bench; "
                    + (niced ? "at nice " + -UnitFlags.NICE
                            + ", as far below the gate as the unit's Nice=" + UnitFlags.NICE
                            + " puts the gate above a nice-0 process"
                            : "at the gate's own priority (no " + NICE + " here)"));
            child(options, report, "decision", "decision-jvm-loaded", LOADED, "_loaded");
        } finally {
            spinner.getOutputStream().close(); // end of input stops it
            if (!spinner.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                spinner.destroyForcibly();
            }
        }
    }

    /**
     * One child run; its figures and notes renamed from {@code decision_} to {@code prefix}, its
     * plot and samples copied with {@code fileSuffix}.
     */
    private static void child(PerfOptions options, PerfReport report, String suite, String scratch, String prefix,
            String fileSuffix)
            throws IOException, InterruptedException {
        Path out = options.scratch(scratch);
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(FLAGS);
        cmd.addAll(UnitFlags.experiment()); // later options win
        cmd.add("--enable-native-access=ALL-UNNAMED"); // the jar's manifest grants it; -cp does not
        cmd.add("-D" + CHILD + "=true");
        cmd.add("-Djava.awt.headless=true");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.gridgate.sim.SimMain", "perf",
                "--only", suite, "--out", out.toString(), "--seed", Long.toString(options.seed())));
        if (options.quick()) {
            cmd.add("--quick");
        }
        Files.deleteIfExists(out.resolve("perf.json"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].matches("[a-z][a-z0-9_]*")) {
                    report.add(rename(f[0], prefix), f[1].equals("nan") ? Double.NaN : Double.parseDouble(f[1]), f[2]);
                }
            }
        } finally {
            p.destroy();
        }
        int rc = p.waitFor();
        if (Files.exists(out.resolve("perf.json"))) {
            JsonNode notes = new ObjectMapper().readTree(out.resolve("perf.json").toFile()).path("notes");
            for (Iterator<Map.Entry<String, JsonNode>> it = notes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> n = it.next();
                if (n.getKey().startsWith("decision_") || n.getKey().startsWith("fsync_")) {
                    report.note(rename(n.getKey(), prefix), n.getValue().asText());
                }
            }
        }
        for (String f : List.of("decision_latency.png", "decision_latency.csv")) {
            if (Files.exists(out.resolve(f))) {
                String to = f.replace("decision_latency", "decision_latency" + fileSuffix);
                Files.copy(out.resolve(f), options.outDir().resolve(to), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (rc != 0) {
            throw new IllegalStateException("the " + suite + " bench in the gate's JVM exited " + rc
                    + (prefix.equals(LOADED) ? " (loaded run)" : ""));
        }
    }

    /** {@code decision_p99_ms} to {@code decision_loaded_p99_ms} for the loaded run. */
    static String rename(String name, String prefix) {
        return name.startsWith("decision_") ? prefix + name.substring("decision_".length()) : prefix + name;
    }
}
