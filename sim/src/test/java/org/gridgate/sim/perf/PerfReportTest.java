package org.gridgate.sim.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerfReportTest {
    @Test
    void linesAreNameValueUnitAndReportsCarryTheSameFigures(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PerfReport r = new PerfReport(new PrintStream(buf, true, StandardCharsets.UTF_8));
        r.add("decision_p99_ms", 4.2134, "ms");
        r.add("rss_mb", 97, "MB");
        r.note("peer", "raw \"sqlite\"");
        r.failed("drain", "no broker");
        assertEquals("decision_p99_ms 4.213 ms\nrss_mb 97 MB\n", buf.toString(StandardCharsets.UTF_8).replace("\r", ""));

        r.writeCsv(dir.resolve("b.csv"));
        assertEquals("name,value,unit\ndecision_p99_ms,4.213,ms\nrss_mb,97,MB\n", Files.readString(dir.resolve("b.csv")));
        r.writeJson(dir.resolve("b.json"));
        String json = Files.readString(dir.resolve("b.json"));
        assertTrue(json.contains("{\"name\": \"rss_mb\", \"value\": 97, \"unit\": \"MB\", \"target\": \"<= 128 MB\","
                + " \"kind\": \"absolute\", \"met\": true}"), json);
        assertTrue(json.contains("\"peer\": \"raw \\\"sqlite\\\"\""), json);
        assertTrue(json.contains("\"failures\": [\"drain: no broker\"]"), json);
    }

    @Test
    void namesAndUnitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Figure("Decision P99", 1, "ms"));
        assertThrows(IllegalArgumentException.class, () -> new Figure("x", 1, "per second"));
        assertEquals("x nan x", new Figure("x", Double.NaN, "x").line());
    }

    @Test
    void unknownSuiteIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = PerfCommand.run(java.util.List.of("--only", "nope"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(64, rc);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown suite 'nope'"));
    }

    /** A stand-in suite that reports fixed figures. */
    private static PerfSuite suite(String name, Object... figures) {
        return new PerfSuite() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(PerfOptions options, PerfReport report) {
                for (int i = 0; i < figures.length; i += 3) {
                    report.add((String) figures[i], ((Number) figures[i + 1]).doubleValue(), (String) figures[i + 2]);
                }
            }
        };
    }

    private static String[] perf(java.util.List<PerfSuite> suites, Path out, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(args));
        argv.addAll(java.util.List.of("--out", out.toString()));
        int rc = PerfCommand.run(argv, suites, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(rc), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void eachFigureWithATargetIsJudgedAndTheRunEndsWithTheTally(@TempDir Path dir) throws Exception {
        // decision p99 misses its target, the journal ratio meets its, a figure without target is not judged
        String[] r = perf(java.util.List.of(suite("a", "decision_p99_ms", 7.5, "ms", "decision_p50_ms", 2.0, "ms",
                "journal_ratio_vs_sqlite", 0.8, "x", "soak_lost", 1, "count")), dir);
        assertEquals("0", r[0], "missed targets alone do not fail a run without --strict: " + r[2]);
        String[] lines = r[1].split("\n");
        assertEquals("MISSED  decision_p99_ms 7.500 ms (target <= 5 ms)", lines[4]);
        assertEquals("met     journal_ratio_vs_sqlite 0.800 x (target >= 0.800, peer ratio)", lines[5]);
        assertEquals("MISSED  soak_lost 1 count (target <= 0, correctness)", lines[6]);
        assertEquals("perf: 1 met, 2 missed", lines[lines.length - 1]);
        assertEquals(8, lines.length, r[1]);

        String json = Files.readString(dir.resolve("perf.json"));
        assertTrue(json.contains("{\"name\": \"decision_p99_ms\", \"value\": 7.500, \"unit\": \"ms\","
                + " \"target\": \"<= 5 ms\", \"kind\": \"absolute\", \"met\": false}"), json);
        assertTrue(json.contains("{\"name\": \"decision_p50_ms\", \"value\": 2, \"unit\": \"ms\"}"), json);
        assertTrue(json.contains("\"verdict\": {\"met\": 1, \"missed\": 2}"), json);
    }

    @Test
    void strictExitsTwoOnAMissAndZeroWhenAllAreMet(@TempDir Path dir) {
        assertEquals("2", perf(java.util.List.of(suite("a", "rss_mb", 129, "MB")), dir, "--strict")[0]);
        String[] met = perf(java.util.List.of(suite("a", "rss_mb", 128, "MB")), dir, "--strict");
        assertEquals("0", met[0]);
        assertTrue(met[1].endsWith("perf: 1 met, 0 missed\n"), met[1]);
    }

    @Test
    void aFigureThatIsNotANumberMissesItsTarget() {
        Target t = Targets.of("decision_p99_ms").orElseThrow();
        assertTrue(t.met(5.0));
        assertFalse(t.met(5.0001));
        assertFalse(t.met(Double.NaN));
        assertTrue(Targets.of("drain_ratio_vs_paho").orElseThrow().met(0.5));
        assertFalse(Targets.of("drain_ratio_vs_paho").orElseThrow().met(0.4999));
    }

    @Test
    void aFigureWithATargetMustComeInItsUnit() {
        PerfReport r = new PerfReport(new PrintStream(new ByteArrayOutputStream()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.add("decision_p99_ms", 0.004, "s"));
        assertTrue(e.getMessage().contains("its target is in ms"), e.getMessage());
    }

    @Test
    void theDocTableIsWrittenFromARunBetweenItsMarkers(@TempDir Path dir) throws Exception {
        perf(java.util.List.of(suite("a", "decision_p99_ms", 3.25, "ms", "rss_mb", 140, "MB", "verify_es256_us", 315,
                "us")), dir, "--quick");
        Path doc = dir.resolve("performance.md");
        Files.writeString(doc, "# Perf\n\nbefore\n" + PerfTable.BEGIN + "\nold hand-typed table\n" + PerfTable.END
                + "\nafter\n");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int rc = PerfCommand.run(java.util.List.of("--table", "--from", dir.toString(), "--doc", doc.toString()),
                new PrintStream(o), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, rc);
        String md = Files.readString(doc);
        assertFalse(md.contains("old hand-typed table"), md);
        assertTrue(md.startsWith("# Perf\n\nbefore\n" + PerfTable.BEGIN + "\nRun: `perf --quick --out "), md);
        assertTrue(md.contains("| `decision_p99_ms` | decision latency p99, quiet machine | <= 5 ms | 3.250 ms | yes |"), md);
        assertTrue(md.contains("| `rss_mb` | resident memory, demo running, -Xmx48m | <= 128 MB | 140 MB | **no** |"), md);
        assertTrue(md.contains("| `ready_s` | start to READY, unit's JVM options | <= 1.500 s | not measured in this run | — |"),
                md);
        assertTrue(md.contains("| `verify_es256_us` |  | — | 315 us |  |"), md);
        assertTrue(md.contains("`perf: 1 met, 1 missed`\n\n" + PerfTable.END + "\nafter\n"), md);
        // a second run replaces the table, it does not add another
        PerfCommand.run(java.util.List.of("--table", "--from", dir.toString(), "--doc", doc.toString()),
                new PrintStream(o), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(md, Files.readString(doc));
    }
}
