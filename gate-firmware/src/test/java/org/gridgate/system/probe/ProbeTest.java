package org.gridgate.system.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeTest {
    static final Path SIM = Path.of("../device-config/examples/sim.yaml");
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return Probe.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void optionsAreParsed() {
        Probe.Options o = Probe.parse(List.of("--config", "x.yaml", "--outputs", "--timeout", "2.5", "--emissivity",
                "0.98"));
        assertEquals(Path.of("x.yaml"), o.config());
        assertTrue(o.outputs());
        assertEquals(Duration.ofMillis(2500), o.timeout());
        assertEquals(0.98, o.emissivity().orElseThrow());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(64, run("--outputs"));
        assertTrue(err.toString().contains("probe needs --config FILE"), err.toString());
        assertEquals(64, run("--config", "x", "--timeout", "soon"));
        assertEquals(64, run("--config", "x", "--frobnicate"));
    }

    @Test
    void aBrokenConfigIsExit78WithTheProblem(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, Files.readString(SIM).replace("    terminator: CR\n", "    terminator: CR\n    trigger: laser\n"));
        assertEquals(78, run("--config", f.toString()));
        assertTrue(err.toString().contains("scanners[0].trigger"), err.toString());
    }

    @Test
    void simulatedDevicesAreSkippedAndMockOutputsPulse() {
        assertEquals(0, run("--config", SIM.toString(), "--outputs", "--timeout", "1"));
        String o = out.toString();
        assertTrue(o.contains("SKIP thermo-1: transport simulated"), o);
        assertTrue(o.contains("OK   lock: GPIO 17 released for 1000 ms, then locked"), o);
        assertTrue(o.contains("OK   buzzer: GPIO 27 chirped"), o);
        assertTrue(o.contains("all required devices OK"), o);
    }

    @Test
    void aMaskLineThatIsNotThereFails(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mask.yaml");
        Files.writeString(f, Files.readString(SIM) + "maskLine: { port: " + dir.resolve("no-such-tty") + " }\n");
        assertEquals(69, run("--config", f.toString(), "--timeout", "1"));
        String o = out.toString();
        assertTrue(o.contains("FAIL mask-line: "), o);
        assertTrue(o.contains("some required devices FAILED"), o);
    }
}
