package org.gridgate.sim.perf.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the process suites: rates, growth, the CSV, and the unit's flags. */
class ProcessSuitesTest {
    static PipelineRun.Sample at(long ms, long passages, double heap) {
        return new PipelineRun.Sample(ms, passages, heap, 100);
    }

    @Test
    void steadyRateLeavesTheWarmUpOut() {
        // 100/s during a 2 s warm-up, 300/s after it
        List<PipelineRun.Sample> s = List.of(at(0, 0, 1), at(1000, 100, 1), at(2000, 200, 1), at(3000, 500, 1),
                at(4000, 800, 1));
        assertEquals(300.0, SustainedSuite.steadyRate(s, 2000), 1e-9);
        assertEquals(200.0, SustainedSuite.steadyRate(s, 0), 1e-9);
    }

    @Test
    void growthIsFittedAfterTheFirstTenthAndScaledToAMillion() {
        List<PipelineRun.Sample> s = new ArrayList<>();
        s.add(at(0, 1, 30)); // start-up filling caches: not growth
        for (int i = 1; i <= 10; i++) {
            s.add(at(i * 1000L, i * 10_000L, 10 + i * 0.02)); // 2 kB per 1000 passages = 2 MB per million
        }
        Stats.Fit f = SoakSuite.growthPerMillion(s);
        assertEquals(2.0, f.slope(), 1e-9);
        assertEquals(0.0, f.halfWidth95(), 1e-6); // a perfect line: no doubt about it
        assertEquals(10, f.n());
    }

    @Test
    void aShortRunsSawtoothGivesAnIntervalTooWideToJudge() {
        // 20 000 passages, heap after GC between 11.4 and 12.5 MB with no trend (the quick soak)
        List<PipelineRun.Sample> s = new ArrayList<>();
        double[] heap = {12.5, 11.4, 12.1, 11.6, 12.4, 11.5, 12.2, 11.9, 12.5, 11.4, 12.0};
        for (int i = 0; i < heap.length; i++) {
            s.add(at(i * 2000L, 2000L * (i + 1), heap[i]));
        }
        Stats.Fit f = SoakSuite.growthPerMillion(s);
        assertTrue(f.halfWidth95() > 1.0, "a 1 MB-per-million target cannot be judged from this: " + f);
    }

    @Test
    void csvHasOneRowPerSampleAndLeavesMissingHeapEmpty() {
        String csv = SoakPlot.csv(List.of(at(1500, 10, 12.5), at(3000, 20, Double.NaN)));
        assertEquals("time_s,passages,heap_after_gc_mb,rss_mb\n1.500,10,12.50,100.0\n3.000,20,,100.0\n", csv);
    }

    @Test
    void benchStartsTheDaemonWithTheUnitsOwnFlags() throws Exception {
        Path unit = Path.of("..", "systemd", "gridgate.service");
        String execStart = Files.readAllLines(unit, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        List<String> words = Arrays.asList(execStart.substring("ExecStart=".length()).split(" "));
        List<String> jvm = words.subList(1, words.indexOf("-jar"));
        assertEquals(UnitFlags.shipped(Path.of(UnitFlags.UNIT_ARCHIVE)), jvm);
        assertTrue(jvm.containsAll(UnitFlags.withoutArchive()));
        assertTrue(jvm.containsAll(org.gridgate.sim.perf.decision.DecisionSuite.shippedJvmFlags()),
                "the decision bench measures the unit's JVM");
        assertTrue(Files.readAllLines(unit, StandardCharsets.UTF_8).contains("Nice=" + UnitFlags.NICE),
                "the loaded decision bench keeps its busy process as far below the gate as the unit puts it");
    }
}
