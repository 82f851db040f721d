package org.gridgate.sim.perf.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JmhLauncherTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return JmhLauncher.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void listsEveryBenchmarkTheGeneratorRegistered() {
        assertEquals(0, run("-l"));
        String listed = out.toString(StandardCharsets.UTF_8);
        for (String b : List.of("RulesBench.decideGranted", "RulesBench.decideFever", "HcertVerifyBench.verify",
                "ThermometerFrameBench.frames", "ThermometerFrameBench.framesAfterGarbage", "ScannerLineBench.lines")) {
            assertTrue(listed.contains("org.gridgate.sim.perf.jmh." + b), b + " not in:\n" + listed);
        }
    }

    @Test
    void badOptionsAreAUsageError() {
        assertEquals(64, run("-f", "many"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("perf --jmh: "));
    }

    @Test
    void aPatternMatchingNothingFails() {
        assertEquals(1, run("NoSuchBench", "-f", "0"));
    }
}
