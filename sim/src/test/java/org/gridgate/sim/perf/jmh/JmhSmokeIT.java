package org.gridgate.sim.perf.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every JMH benchmark once, in-process and very short: they set up and run (the figures mean nothing here). */
class JmhSmokeIT {
    @TempDir
    Path dir;

    @Test
    void everyBenchmarkRunsAndScores() throws Exception {
        Path json = dir.resolve("jmh.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = JmhLauncher.run(List.of("-f", "0", "-wi", "0", "-i", "1", "-r", "100ms", "-foe", "true",
                        "-rf", "json", "-rff", json.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, rc, out.toString(StandardCharsets.UTF_8));
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        assertEquals(7, results.size(), "2 rules + 2 verify params + 2 frame + 1 line benchmarks");
        for (JsonNode r : results) {
            double score = r.path("primaryMetric").path("score").asDouble();
            assertTrue(score > 0 && Double.isFinite(score), r.path("benchmark").asText() + " scored " + score);
        }
    }
}
