package org.gridgate.sim.perf.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.Figure;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three process suites in a very short run: each reports its figures, nothing is lost, and
 * the soak writes its CSV and plot. Targets are judged by the bench (see PerfQuickIT), not here.
 */
class ProcessPerfIT {
    @TempDir
    Path out;

    @Test
    void footprintSustainedAndSoakReportSaneFigures() throws Exception {
        SystemTools.require("socat", "socat");
        SystemTools.require("taskset", "util-linux");
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        PerfReport report = new PerfReport(new PrintStream(lines, true, StandardCharsets.UTF_8));
        PerfOptions options = new PerfOptions(true, out, 7, Set.of());

        new FootprintSuite(1, Duration.ofSeconds(3)).run(options, report);
        new SustainedSuite(Duration.ofSeconds(5), Duration.ofSeconds(1)).run(options, report);
        new SoakSuite(1500, 500).run(options, report);

        Map<String, Double> r = report.results().stream()
                .collect(Collectors.toMap(Figure::name, Figure::value));
        String all = lines.toString(StandardCharsets.UTF_8);
        assertTrue(report.failures().isEmpty(), report.failures().toString());
        assertTrue(r.get("ready_s") > 0 && r.get("ready_s") < 60, all);
        assertTrue(r.get("ready_cold_s") > 0 && r.get("ready_cold_s") < 60, all);
        assertTrue(r.get("rss_mb") > 10, all);
        assertTrue(r.get("sustained_passages_per_s_1core") > 0, all);
        assertEquals(0.0, r.get("sustained_lost"), all);
        assertEquals(1500.0, r.get("soak_passages"), all);
        assertEquals(0.0, r.get("soak_lost"), all);
        assertTrue(r.get("soak_rate_per_s") > 0, all);
        assertTrue(r.get("soak_heap_after_gc_mb_last") > 0 && r.get("soak_heap_after_gc_mb_last") <= 48, all);
        assertTrue(r.get("soak_rss_mb_max") > r.get("soak_heap_after_gc_mb_last"), all);
        // 1 500 passages cannot tell a flat heap from a slow leak: the growth is noted with its interval,
        // and becomes a judged figure only when the interval is narrower than the target.
        String growth = report.notes().get("soak_heap_growth");
        assertTrue(growth != null && growth.contains("95 % interval"), String.valueOf(growth));
        assertEquals(!growth.startsWith("not judged"), r.containsKey("soak_heap_growth_mb_per_1m"), growth);

        String csv = Files.readString(out.resolve("soak.csv"));
        assertTrue(csv.startsWith("time_s,passages,heap_after_gc_mb,rss_mb\n") && csv.lines().count() >= 3, csv);
        assertTrue(csv.lines().reduce((a, b) -> b).orElseThrow().split(",")[1].equals("1500"), csv);
        assertNotNull(ImageIO.read(out.resolve("soak.png").toFile()), "soak.png is a readable image");
    }
}
