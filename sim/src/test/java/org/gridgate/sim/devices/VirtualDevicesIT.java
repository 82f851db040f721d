package org.gridgate.sim.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.gridgate.config.GateConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.config.Transport;
import org.gridgate.device.ByteLink;
import org.gridgate.device.serial.JSerialCommLink;
import org.gridgate.sim.demo.Demo;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.testing.SystemTools;
import org.gridgate.timing.ExecutorScheduler;
import org.gridgate.thermometer.serial.GyMcu90614Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sim devices} over real socat pseudo-terminals, read through jSerialComm as the gate reads them. */
class VirtualDevicesIT {
    private static byte[] readExactly(ByteLink l, int n) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[64];
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (b.size() < n && System.nanoTime() < deadline) {
            int r = l.read(buf);
            b.write(buf, 0, Math.max(0, Math.min(r, n - b.size())));
        }
        return b.toByteArray();
    }

    @Test
    void simulatedDevicesSpeakTheirProtocolOnTheGateEndOfThePty(@TempDir Path dir) throws Exception {
        String socat = SystemTools.require("socat", "socat");
        GateConfig c = Demo.simConfig(dir, "tcp://127.0.0.1:1", CommunityKey.generate().anchor());
        try (ExecutorScheduler timers = new ExecutorScheduler("it-devices");
                VirtualDevices v = VirtualDevices.start(c, Set.of(), dir, socat, timers)) {
            assertEquals(dir.resolve("gate-thermo-1"), v.gatePorts().get("thermo-1"));
            assertTrue(Files.exists(dir.resolve("gate-scanner-in")));
            GateConfig rewired = v.rewire(c);
            assertEquals(Transport.SERIAL, rewired.thermometer().transport());
            assertEquals(dir.resolve("gate-scanner-in").toString(), rewired.scanners().get(0).port());

            v.thermometer().orElseThrow().present(36.8, 21.5);
            try (JSerialCommLink gate = JSerialCommLink.open(v.gatePorts().get("thermo-1").toString(), 115200)) {
                gate.write(new byte[] {(byte) 0xA5, 0x15, (byte) 0xBA});
                assertArrayEquals(GyMcu90614Protocol.frame(36.8, 21.5), readExactly(gate, 9));
            }
            try (JSerialCommLink gate = JSerialCommLink.open(v.gatePorts().get("scanner-in").toString(), 115200)) {
                assertTrue(v.scanners().get(ScannerConfig.Direction.ENTRY).scan("GG1:XYZ"));
                assertArrayEquals("GG1:XYZ\r".getBytes(), readExactly(gate, 8));
            }
        }
    }

    @Test
    void withTheGateInProcessAPersonTypedAtThePromptIsDecided(@TempDir Path dir) throws Exception {
        String socat = SystemTools.require("socat", "socat");
        Path config = dir.resolve("sim.yaml");
        Files.writeString(config, new String(Demo.class.getResourceAsStream("/examples/sim.yaml").readAllBytes())
                .replace("tcp://127.0.0.1:1883", "tcp://127.0.0.1:" + org.gridgate.sim.server.EmbeddedBroker.freePort()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String script = "person subject=R-0001\nperson subject=R-0001 skin=38.4\nexit-button\nquit\n";
        // No roster arrives (no broker): the gate denies as not registered, and says so.
        int code = DevicesCommand.run(java.util.List.of("--config", config.toString(), "--dir", dir.resolve("pty").toString(),
                "--with-gate", "--socat", socat), new java.io.ByteArrayInputStream(script.getBytes()),
                new java.io.PrintStream(out, true), System.err);
        String text = out.toString();
        assertEquals(0, code, text);
        assertTrue(text.contains("thermo-1: the gate opens " + dir.resolve("pty").resolve("gate-thermo-1")), text);
        assertTrue(text.contains("DENIED 36.5 °C: not_registered"), text);
        assertTrue(text.contains("DENIED 38.4 °C: not_registered (not registered), fever"), text);
        assertTrue(text.contains("exit button pressed (released after 300 ms)"), text);
    }
}
