package org.gridgate.sim.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(json.contains("{\"name\": \"rss_mb\", \"value\": 97, \"unit\": \"MB\"}"), json);
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
}
