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
 * added, keeps notes (peer figures, conditions), judges every figure that has a target in
 * {@link Targets}, and writes {@code perf.csv} and {@code perf.json} at the end.
 */
public final class PerfReport {
    private final PrintStream out;
    private final List<Figure> results = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    public PerfReport(PrintStream out) {
        this.out = out;
    }

    /** Reports a figure; one that has a target must come in the target's unit. */
    public synchronized void add(String name, double value, String unit) {
        Figure r = new Figure(name, value, unit);
        Targets.of(name).filter(t -> !t.unit().equals(unit)).ifPresent(t -> {
            throw new IllegalArgumentException(name + " reported in " + unit + ", its target is in " + t.unit());
        });
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

    public synchronized List<Figure> results() {
        return List.copyOf(results);
    }

    public synchronized Map<String, String> notes() {
        return Map.copyOf(notes);
    }

    /** A figure judged against its target. */
    public record Verdict(Figure figure, Target target) {
        public boolean met() {
            return target.met(figure.value());
        }

        /** E.g. {@code met     decision_p99_ms 3.810 ms (target <= 5 ms)}. */
        public String line() {
            return (met() ? "met     " : "MISSED  ") + figure.line() + " (target " + target.describe()
                    + (target.kind() == Target.Kind.ABSOLUTE ? "" : ", " + target.kind().name().toLowerCase(
                            java.util.Locale.ROOT).replace('_', ' ')) + ")";
        }
    }

    /** Every figure that has a target, in the order measured. */
    public synchronized List<Verdict> verdicts() {
        List<Verdict> out = new ArrayList<>();
        for (Figure r : results) {
            Targets.of(r.name()).ifPresent(t -> out.add(new Verdict(r, t)));
        }
        return out;
    }

    /** The judgement block: one line per judged figure, then {@code perf: M met, X missed}. */
    public void printVerdicts(PrintStream to) {
        List<Verdict> v = verdicts();
        long met = v.stream().filter(Verdict::met).count();
        for (Verdict x : v) {
            to.println(x.line());
        }
        to.println(summary(met, v.size() - met));
        to.flush();
    }

    static String summary(long met, long missed) {
        return "perf: " + met + " met, " + missed + " missed";
    }

    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    public synchronized void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("name,value,unit\n");
        for (Figure r : results) {
            sb.append(r.name()).append(',').append(Figure.format(r.value())).append(',').append(r.unit()).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    public synchronized void writeJson(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("{\n  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            Figure r = results.get(i);
            sb.append("    {\"name\": ").append(quote(r.name()))
                    .append(", \"value\": ").append(jsonNumber(r.value()))
                    .append(", \"unit\": ").append(quote(r.unit()));
            Targets.of(r.name()).ifPresent(t -> sb.append(", \"target\": ").append(quote(t.describe()))
                    .append(", \"kind\": ").append(quote(t.kind().name().toLowerCase(java.util.Locale.ROOT)))
                    .append(", \"met\": ").append(t.met(r.value())));
            sb.append('}').append(i + 1 < results.size() ? ",\n" : "\n");
        }
        long met = results.stream().filter(r -> Targets.of(r.name()).map(t -> t.met(r.value())).orElse(false)).count();
        long judged = results.stream().filter(r -> Targets.of(r.name()).isPresent()).count();
        sb.append("  ],\n  \"notes\": {");
        int n = 0;
        for (Map.Entry<String, String> e : notes.entrySet()) {
            sb.append(n++ == 0 ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
        }
        sb.append(n == 0 ? "},\n" : "\n  },\n").append("  \"failures\": [");
        for (int i = 0; i < failures.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(failures.get(i)));
        }
        sb.append("],\n  \"verdict\": {\"met\": ").append(met).append(", \"missed\": ").append(judged - met)
                .append("}\n}\n");
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private static String jsonNumber(double v) {
        return Double.isFinite(v) ? Figure.format(v) : "null";
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
