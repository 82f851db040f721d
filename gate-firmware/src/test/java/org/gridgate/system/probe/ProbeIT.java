package org.gridgate.system.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gridgate.device.serial.DeviceEnd;
import org.gridgate.device.serial.SocatPair;
import org.gridgate.thermometer.serial.GyMcu90614Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe command against a thermometer and a scanner played over socat pseudo-terminals. */
class ProbeIT {
    @Test
    void okWhenBothAnswerAndExit69WhenTheScannerIsUnplugged(@TempDir Path dir) throws Exception {
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try (SocatPair thermoPty = new SocatPair(Files.createDirectories(dir.resolve("t"))).start();
                SocatPair scanPty = new SocatPair(Files.createDirectories(dir.resolve("s"))).start();
                DeviceEnd board = DeviceEnd.open(thermoPty.device, 9600, (bytes, end) -> {
                    if (Arrays.equals(bytes, GyMcu90614Protocol.queryOnce())) {
                        end.send(GyMcu90614Protocol.frame(36.25, 24.5));
                    }
                });
                DeviceEnd scanner = DeviceEnd.open(scanPty.device, 9600, (bytes, end) -> { })) {
            pace.scheduleAtFixedRate(() -> scanner.send("HC1:PRESENTED\r".getBytes(StandardCharsets.US_ASCII)),
                    200, 200, TimeUnit.MILLISECONDS);
            Path config = dir.resolve("probe.yaml");
            Files.writeString(config, Files.readString(ProbeTest.SIM)
                    // one scanner is enough here: the exit scanner would need a pty of its own
                    .replace("  - id: scanner-out\n    direction: exit\n    transport: simulated\n    baud: 115200\n"
                            + "    terminator: CR\n", "")
                    .replace("  transport: simulated\n  baud: 115200\n",
                            "  transport: serial\n  port: " + thermoPty.gate + "\n  baud: 9600\n")
                    .replace("    transport: simulated\n    baud: 115200\n",
                            "    transport: serial\n    port: " + scanPty.gate + "\n    baud: 9600\n"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            // The probe returns as soon as each device answers: the timeout is a deadline, generous for a busy machine.
            int code = Probe.run(List.of("--config", config.toString(), "--timeout", "30"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            String o = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, o);
            assertTrue(o.contains("OK   thermo-1: object 36.25 °C, ambient 24.50 °C [obj=0E29 amb=0992]"), o);
            assertTrue(o.contains("OK   scanner-in: read a code of 13 chars"), o);
            assertTrue(o.contains("SKIP outputs"), o);
            // what it waits for comes before the wait, and each result as soon as it is known
            int ask = o.indexOf("scanner-in: present a code to the entry scanner now (within 30 s)...");
            assertTrue(ask >= 0 && ask < o.indexOf("  OK   scanner-in: read a code"), o);
            assertTrue(o.indexOf("thermo-1: asking for a reading on " + thermoPty.gate) < o.indexOf("  OK   thermo-1"), o);
            assertTrue(o.contains("SKIP inputs: gpio.provider mock: no pins to test"), o);

            pace.shutdownNow();
            scanPty.unplug();
            out.reset();
            // The unplugged scanner takes the whole timeout; the thermometer must still answer within it.
            code = Probe.run(List.of("--config", config.toString(), "--timeout", "10"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            o = out.toString(StandardCharsets.UTF_8);
            assertEquals(69, code, o);
            assertTrue(o.contains("FAIL scanner-in: cannot open " + scanPty.gate), o);
            assertTrue(o.contains("OK   thermo-1"), o);
        } finally {
            pace.shutdownNow();
        }
    }
}
