package org.gridgate.sim.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.gridgate.sim.Args;

/**
 * {@code perf --table [--from DIR] [--doc FILE]}: writes the figures table of docs/performance.md
 * from a run's {@code perf.json}, between the markers {@link #BEGIN} and {@link #END}, so the table
 * shows what a run measured and judged, never what someone typed. Targets come from {@link Targets}.
 */
public final class PerfTable {
    static final String BEGIN = "<!-- perf-table: written by `perf --table` from a run's perf.json; do not edit -->";
    static final String END = "<!-- /perf-table -->";

    private PerfTable() {}

    static int run(java.util.List<String> argv, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = Args.parse(argv, Set.of("--from", "--doc"), Set.of());
        } catch (IllegalArgumentException e) {
            err.println("perf --table: " + e.getMessage());
            return 64;
        }
        Path json = Path.of(a.get("--from", "perf-out")).resolve("perf.json");
        Path doc = Path.of(a.get("--doc", "docs/performance.md"));
        try {
            String table = table(new ObjectMapper().readTree(json.toFile()));
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Files.writeString(doc, splice(text, table), StandardCharsets.UTF_8);
            out.println("perf --table: wrote the table of " + doc + " from " + json);
            return 0;
        } catch (NoSuchFileException e) {
            err.println("perf --table: no such file: " + e.getFile());
            return 66;
        } catch (IOException | IllegalArgumentException e) {
            err.println("perf --table: " + e.getMessage());
            return 65;
        }
    }

    /** {@code text} with what lies between the markers replaced by {@code table}. */
    static String splice(String text, String table) {
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("the document has no table markers (" + BEGIN + " ... " + END + ")");
        }
        return text.substring(0, b) + BEGIN + "\n" + table + text.substring(e);
    }

    /** The markdown: which run, then one row per figure (targets first, in their order), then the tally. */
    static String table(JsonNode run) {
        JsonNode notes = run.path("notes");
        Map<String, JsonNode> figures = new LinkedHashMap<>();
        for (JsonNode r : run.path("results")) {
            figures.put(r.path("name").asText(), r);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Run: `").append(notes.path("command").asText("perf")).append("`, started ")
                .append(notes.path("started").asText("?")).append(", Java ").append(notes.path("java").asText("?"))
                .append(", ").append(notes.path("cores").asText("?")).append(" cores, load average ")
                .append(notes.path("load_average_at_start").asText("?")).append(" at the start and ")
                .append(notes.path("load_average_at_end").asText("?")).append(" at the end.");
        if (run.path("failures").size() > 0) {
            sb.append(" Suites that failed: ").append(run.path("failures")).append('.');
        }
        sb.append("\n\n| figure | what | target | measured | met? |\n|---|---|---|---|---|\n");
        long met = 0;
        long missed = 0;
        for (Target t : Targets.ALL) {
            JsonNode r = figures.remove(t.figure());
            if (r == null) {
                sb.append(row(t.figure(), t.source(), t.describe(), "not measured in this run", "—"));
                continue;
            }
            double value = r.path("value").isNumber() ? r.path("value").asDouble() : Double.NaN;
            boolean ok = t.met(value);
            met += ok ? 1 : 0;
            missed += ok ? 0 : 1;
            String unit = r.path("unit").asText();
            sb.append(row(t.figure(), t.source(), t.describe(), measured(value, unit), ok ? "yes" : "**no**"));
        }
        for (JsonNode r : figures.values()) {
            double value = r.path("value").isNumber() ? r.path("value").asDouble() : Double.NaN;
            sb.append(row(r.path("name").asText(), "", "—", measured(value, r.path("unit").asText()), ""));
        }
        sb.append("\n`perf: ").append(met).append(" met, ").append(missed).append(" missed`\n\n");
        return sb.toString();
    }

    private static String measured(double value, String unit) {
        return Figure.format(value) + ("x".equals(unit) || "count".equals(unit) ? "" : " " + unit);
    }

    private static String row(String figure, String what, String target, String measured, String met) {
        return "| `" + figure + "` | " + what + " | " + target.strip() + " | " + measured + " | " + met + " |\n";
    }
}
