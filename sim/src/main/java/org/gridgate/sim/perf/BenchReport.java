package org.gridgate.sim.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a run's figures: prints each {@code name value unit} line on stdout the moment it is
 * added, keeps notes (peer figures, conditions) and sample series (for plots), and writes
 * {@code bench.csv} and {@code bench.json} at the end.
 */
public final class BenchReport {
    private final PrintStream out;
    private final List<BenchResult> results = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    public BenchReport(PrintStream out) {
        this.out = out;
    }

    public synchronized void add(String name, double value, String unit) {
        BenchResult r = new BenchResult(name, value, unit);
        results.add(r);
        out.println(r.line());
        out.flush();
    }

    /** Context for the JSON report (e.g. peer rates, baud, sample counts); not printed as a result. */
    public synchronized void note(String key, String value) {
        notes.put(key, value);
    }

    /** A suite that could not finish: printed on stderr by the command, kept in the JSON report. */
    public synchronized void failed(String suite, String why) {
        failures.add(suite + ": " + why);
    }

    public synchronized List<BenchResult> results() {
        return List.copyOf(results);
    }

    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    public synchronized void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("name,value,unit\n");
        for (BenchResult r : results) {
            sb.append(r.name()).append(',').append(BenchResult.format(r.value())).append(',').append(r.unit()).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    public synchronized void writeJson(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("{\n  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            BenchResult r = results.get(i);
            sb.append("    {\"name\": ").append(quote(r.name()))
                    .append(", \"value\": ").append(jsonNumber(r.value()))
                    .append(", \"unit\": ").append(quote(r.unit())).append('}')
                    .append(i + 1 < results.size() ? ",\n" : "\n");
        }
        sb.append("  ],\n  \"notes\": {");
        int n = 0;
        for (Map.Entry<String, String> e : notes.entrySet()) {
            sb.append(n++ == 0 ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
        }
        sb.append(n == 0 ? "},\n" : "\n  },\n").append("  \"failures\": [");
        for (int i = 0; i < failures.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(failures.get(i)));
        }
        sb.append("]\n}\n");
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private static String jsonNumber(double v) {
        return Double.isFinite(v) ? BenchResult.format(v) : "null";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
