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
import org.gridgate.sim.perf.PerfSuite;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three suites in a tiny mode: every figure present and positive, every drained record arrived. Targets are not asserted. */
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

    @Test
    void journal() throws Exception {
        Map<String, Figure> f = run(new JournalSuite(new JournalSuite.Sizes(Duration.ofMillis(400), 1_000_000, 30)));
        positive(f, "journal_rate_per_s", "sqlite_raw_rate_per_s", "journal_ratio_vs_sqlite");
        assertEquals("x", f.get("journal_ratio_vs_sqlite").unit());
        assertEquals(f.get("journal_rate_per_s").value() / f.get("sqlite_raw_rate_per_s").value(),
                f.get("journal_ratio_vs_sqlite").value(), 1e-9);
    }

    @Test
    void drain() throws Exception {
        SystemTools.require("mosquitto", "mosquitto");
        Map<String, Figure> f = run(new DrainSuite(new DrainSuite.Sizes(600, 200)));
        positive(f, "drain_rate_per_s", "paho_bare_rate_per_s", "drain_ratio_vs_paho");
        // The suite fails unless its subscriber saw every record once and in order; the note says how many.
        String json = Files.readString(out.resolve("perf.json"));
        assertTrue(json.contains("\"drain_arrived\": \"600\""), json);
        assertTrue(json.contains("\"drain_records\": \"600\""), json);
    }

    @Test
    void crypto() throws Exception {
        Map<String, Figure> f = run(new CryptoSuite(
                new CryptoSuite.Sizes(Duration.ofMillis(100), Duration.ofMillis(150), 5)));
        positive(f, "verify_es256_us", "verify_ps256_us", "qr_decode_640x480_ms");
        assertEquals("us", f.get("verify_es256_us").unit());
        assertEquals("ms", f.get("qr_decode_640x480_ms").unit());
    }
}
