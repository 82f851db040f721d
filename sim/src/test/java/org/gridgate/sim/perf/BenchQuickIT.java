package org.gridgate.sim.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench command's contract, on the packaged jar as a technician or a tool runs it: {@code bench
 * --quick} finishes, exits 0, prints every figure other tools rely on as {@code name value unit},
 * and leaves the CSV, the JSON and both plots. Targets are for the bench to report, not asserted.
 */
class BenchQuickIT {
    static final List<String> CONTRACT = List.of("decision_p50_ms", "decision_p99_ms", "journal_rate_per_s",
            "journal_ratio_vs_sqlite", "drain_rate_per_s", "drain_ratio_vs_paho", "ready_s", "rss_mb",
            "sustained_passages_per_s_1core", "verify_es256_us", "verify_ps256_us", "qr_decode_640x480_ms",
            "display_paint_p99_ms", "display_bare_paint_p99_ms");

    @Test
    void quickBenchReportsEveryContractFigure(@TempDir Path dir) throws Exception {
        SystemTools.require("socat", "socat");
        SystemTools.require("mosquitto", "mosquitto");
        SystemTools.require("taskset", "util-linux");
        SystemTools.require("chromium", "chromium"); // the display suite's page
        Path jar = Path.of("target", "gridgate-sim.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "the packaged jar: " + jar);
        Path out = dir.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "bench", "--quick", "--out", out.toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String stdout = Files.readString(dir.resolve("stdout.txt"));
        String stderr = Files.readString(dir.resolve("stderr.txt"));
        System.out.printf("bench --quick took %.0f s%n%s", (System.nanoTime() - t0) / 1e9, stdout);
        assertTrue(finished, "bench --quick still running after 10 minutes");
        assertEquals(0, p.exitValue(), stdout + stderr);

        Map<String, Double> figures = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[0].matches("[a-z][a-z0-9_]*")) {
                figures.put(f[0], Double.parseDouble(f[1]));
            }
        }
        for (String name : CONTRACT) {
            assertTrue(figures.containsKey(name), "missing " + name + " in:\n" + stdout);
            assertTrue(figures.get(name) > 0, name + " = " + figures.get(name));
        }
        assertTrue(figures.get("decision_p50_ms") <= figures.get("decision_p99_ms"), stdout);
        assertEquals(0.0, figures.get("sustained_lost"), stdout);
        assertEquals(0.0, figures.get("soak_lost"), stdout);

        String csv = Files.readString(out.resolve("bench.csv"), StandardCharsets.UTF_8);
        String json = Files.readString(out.resolve("bench.json"), StandardCharsets.UTF_8);
        for (String name : CONTRACT) {
            assertTrue(csv.contains("\n" + name + ","), name + " in bench.csv");
            assertTrue(json.contains("\"name\": \"" + name + "\""), name + " in bench.json");
        }
        assertTrue(json.contains("\"failures\": []"), json);
        for (String png : List.of("decision_latency.png", "soak.png")) {
            byte[] head = Files.readAllBytes(out.resolve(png));
            assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', png);
        }
    }
}
