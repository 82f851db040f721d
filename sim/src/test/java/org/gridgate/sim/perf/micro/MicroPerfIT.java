package org.gridgate.sim.perf.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.Figure;
import org.gridgate.sim.perf.Target;
import org.gridgate.sim.perf.Targets;
import org.gridgate.sim.perf.PerfSuite;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three suites in a tiny mode: every figure present and positive, both sides of each ratio
 * measured, every drained record arrived, and the figures that have targets go through the judging.
 * Whether a tiny run on a shared machine meets a target is not asserted.
 */
class MicroPerfIT {
    @TempDir
    Path out;

    private Map<String, Figure> run(PerfSuite suite) throws Exception {
        PerfReport report = new PerfReport(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        suite.run(new PerfOptions(true, out, 1, Set.of()), report);
        assertEquals(List.of(), report.failures());
        report.writeJson(out.resolve("perf.json"));
        return report.results().stream().collect(Collectors.toMap(Figure::name, r -> r));
    }

    private static void positive(Map<String, Figure> figures, String... names) {
        for (String n : names) {
            Figure r = figures.get(n);
            assertTrue(r != null, n + " missing from " + figures.keySet());
            assertTrue(Double.isFinite(r.value()) && r.value() > 0, n + " = " + r.value());
        }
    }

    /**
     * The suite's figure goes through the report's judging: a verdict with the measured value, met
     * exactly when it is on the right side of its target, and missed once it is not.
     */
    private void judged(Figure measured) {
        PerfReport report = new PerfReport(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        report.add(measured.name(), measured.value(), measured.unit());
        Target t = Targets.of(measured.name()).orElseThrow(() -> new AssertionError("no target for " + measured));
        PerfReport.Verdict v = report.verdicts().get(0);
        assertEquals(measured, v.figure());
        assertEquals(t.met(measured.value()), v.met(), v.line());
        double missing = t.way() == Target.Way.AT_MOST ? t.limit() * 1.01 + 1 : t.limit() * 0.99 - 0.001;
        report.add(measured.name(), missing, measured.unit());
        assertTrue(report.verdicts().get(1).line().startsWith("MISSED  " + measured.name()), report.verdicts().toString());
    }

    @Test
    void journal() throws Exception {
        Map<String, Figure> f = run(new JournalSuite(new JournalSuite.Sizes(Duration.ofMillis(400), 1_000_000, 30)));
        positive(f, "journal_rate_per_s", "sqlite_raw_rate_per_s", "journal_ratio_vs_sqlite");
        // Both sides ran in alternating blocks: a peer that did not run (or ran something else) would
        // give a ratio far outside what two fsync-bound inserters can differ by on one disk.
        double ratio = f.get("journal_ratio_vs_sqlite").value();
        assertTrue(ratio > 0.3 && ratio < 3, "journal vs raw SQLite " + ratio);
        String json = Files.readString(out.resolve("perf.json"));
        assertTrue(json.matches("(?s).*\"journal_rows\": \"[1-9][0-9]*\".*\"sqlite_raw_rows\": \"[1-9][0-9]*\".*"), json);
        judged(f.get("journal_ratio_vs_sqlite"));
    }

    @Test
    void drain() throws Exception {
        SystemTools.require("mosquitto", "mosquitto");
        Map<String, Figure> f = run(new DrainSuite(new DrainSuite.Sizes(600, 200)));
        positive(f, "drain_rate_per_s", "paho_bare_rate_per_s", "drain_ratio_vs_paho");
        judged(f.get("drain_ratio_vs_paho"));
        // The suite fails unless its subscriber saw every record once and in order; the note says how many.
        String json = Files.readString(out.resolve("perf.json"));
        assertTrue(json.contains("\"drain_arrived\": \"600\""), json);
        assertTrue(json.contains("\"drain_records\": \"600\""), json);
    }

    @Test
    void crypto() throws Exception {
        Map<String, Figure> f = run(new CryptoSuite(
                new CryptoSuite.Sizes(Duration.ofMillis(100), Duration.ofMillis(150), 5)));
        positive(f, "verify_es256_us", "verify_ps256_us", "qr_decode_640x480_ms", "qr_decode_640x480_p99_ms");
        assertTrue(f.get("qr_decode_640x480_p99_ms").value() >= f.get("qr_decode_640x480_ms").value(), "p99 >= median");
        judged(f.get("qr_decode_640x480_p99_ms"));
        assertEquals("us", f.get("verify_es256_us").unit());
        assertEquals("ms", f.get("qr_decode_640x480_ms").unit());
    }
}
