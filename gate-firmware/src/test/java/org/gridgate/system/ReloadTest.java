package org.gridgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.GateConfig;
import org.gridgate.passage.Policy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reload command against a config file edited on disk between loads. */
class ReloadTest {
    static final Path SIM = Path.of("../device-config/examples/sim.yaml");
    @TempDir
    Path dir;
    Path file;
    String text;
    GateConfig running;
    final List<Policy> applied = new ArrayList<>();

    @BeforeEach
    void load() throws Exception {
        text = Files.readString(SIM);
        file = dir.resolve("gate.yaml");
        Files.writeString(file, text);
        running = ConfigLoader.load(file);
    }

    private Reload.Outcome reloadWith(String from, String to) throws Exception {
        assertTrue(text.contains(from), from);
        Files.writeString(file, text.replace(from, to));
        return Reload.apply(running, applied::add);
    }

    @Test
    void unchangedFileChangesNothing() {
        Reload.Outcome r = Reload.apply(running, applied::add);
        assertEquals("config valid and unchanged", r.message());
        assertSame(running, r.inForce());
        assertEquals(List.of(), applied);
    }

    @Test
    void policyAndCalibrationArePutInForceAtOnce() throws Exception {
        Reload.Outcome r = reloadWith("feverThresholdC: 37.3", "feverThresholdC: 37.0");
        assertEquals("config valid; policy applied", r.message());
        assertEquals(1, applied.size());
        assertEquals(37.0, applied.get(0).feverThresholdC(), 1e-9);
        assertEquals(37.0, r.inForce().policy().feverThresholdC(), 1e-9);
        running = r.inForce();
        applied.clear();
        assertEquals("config valid and unchanged", Reload.apply(running, applied::add).message(),
                "the applied policy is what the next reload compares against");
    }

    @Test
    void deviceChangesNeedARestartAndAreNotApplied() throws Exception {
        Reload.Outcome r = reloadWith("  baud: 115200\n", "  baud: 9600\n");
        assertTrue(r.message().startsWith("config valid; restart needed to apply changes to thermometer"), r.message());
        assertEquals(List.of(), applied);
        assertSame(running, r.inForce());
    }

    @Test
    void aBrokenFileKeepsTheRunningConfig() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> reloadWith("feverThresholdC: 37.3", "feverThresholdC: hot"));
        assertTrue(e.getMessage().contains("policy.feverThresholdC") && e.getMessage().endsWith("running config kept"),
                e.getMessage());
        assertEquals(List.of(), applied);
    }
}
