package org.gridgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device keys added for the real adapters: trigger, evdev options, frame timeout, I2C poll. */
class DeviceKeysTest {
    static final String SIM = "examples/sim.yaml";

    static Path variant(Path dir, String from, String to) throws Exception {
        String text = Files.readString(Path.of(SIM));
        assertTrue(text.contains(from), "fixture contains " + from);
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        return f;
    }

    @Test
    void defaultsWhenTheKeysAreAbsent() throws Exception {
        GateConfig c = ConfigLoader.load(Path.of(SIM));
        ScannerConfig s = c.scanners().get(0);
        assertEquals(ScannerConfig.Trigger.NONE, s.trigger());
        assertEquals(0, s.recordSize());
        assertTrue(s.grab());
        assertEquals(ThermometerConfig.DEFAULT_FRAME_TIMEOUT, c.thermometer().frameTimeout());
    }

    @Test
    void serialScannerTriggerAndThermometerFrameTimeout(@TempDir Path dir) throws Exception {
        Path f = variant(dir, "    terminator: CR\n", "    terminator: CR\n    trigger: gm65\n");
        Files.writeString(f, Files.readString(f).replace("  mode: query\n", "  mode: continuous\n  frameTimeoutMs: 1500\n"));
        GateConfig c = ConfigLoader.load(f);
        assertEquals(ScannerConfig.Trigger.GM65, c.scanners().get(0).trigger());
        assertEquals(Duration.ofMillis(1500), c.thermometer().frameTimeout());
    }

    @Test
    void evdevScannerOptions(@TempDir Path dir) throws Exception {
        Path f = variant(dir, "    transport: simulated\n    baud: 115200\n    terminator: CR\n",
                "    transport: evdev\n    port: /dev/input/by-id/usb-scanner-event-kbd\n    recordSize: 16\n    grab: false\n");
        ScannerConfig s = ConfigLoader.load(f).scanners().get(0);
        assertEquals(Transport.EVDEV, s.transport());
        assertEquals(16, s.recordSize());
        assertFalse(s.grab());
    }

    @Test
    void i2cThermometerPollInterval(@TempDir Path dir) throws Exception {
        Path f = variant(dir, "  model: gy-mcu90614\n  transport: simulated\n  baud: 115200\n  mode: query\n",
                "  model: mlx90614\n  transport: i2c\n  bus: 1\n  address: 0x5A\n  pollMs: 100\n");
        ThermometerConfig t = ConfigLoader.load(f).thermometer();
        assertEquals(Duration.ofMillis(100), t.pollInterval());
        assertEquals(0x5A, t.i2cAddress());
    }

    @Test
    void badValuesAreReportedAtTheirField(@TempDir Path dir) throws Exception {
        Path f = variant(dir, "    terminator: CR\n", "    terminator: CR\n    trigger: zebra\n    recordSize: 20\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("scanners[0].trigger")
                && p.message().contains("none, gm65, honeywell")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("scanners[0].recordSize")), e.getMessage());
    }
}
