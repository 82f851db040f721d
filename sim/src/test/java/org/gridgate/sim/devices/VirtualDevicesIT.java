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
import org.gridgate.credential.HealthCredential;
import org.gridgate.roster.Resident;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.sim.server.CommunityServer;
import org.gridgate.sim.server.EmbeddedBroker;
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
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // a deadline, not a pace
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
            // the printed snippet, pasted over the simulator config's device sections, is a valid config
            String yaml = new String(Demo.class.getResourceAsStream("/examples/sim.yaml").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            String pasted = yaml.substring(0, yaml.indexOf("thermometer:")) + v.snippet(c) + "\n"
                    + yaml.substring(yaml.indexOf("gpio:"));
            GateConfig fromSnippet = org.gridgate.config.ConfigLoader.parse("pasted.yaml", dir, pasted);
            assertEquals(dir.resolve("gate-thermo-1").toString(), fromSnippet.thermometer().port());
            assertEquals(Transport.SERIAL, fromSnippet.scanners().get(0).transport());
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
    void aSimulatedMaskLineReachesTheGatesSerialMaskAdapter(@TempDir Path dir) throws Exception {
        String socat = SystemTools.require("socat", "socat");
        GateConfig base = Demo.simConfig(dir, "tcp://127.0.0.1:1", CommunityKey.generate().anchor());
        GateConfig c = base.withMaskLine(java.util.Optional.of(new org.gridgate.config.MaskLineConfig("mask-line",
                "/dev/serial/by-id/usb-mask-detector", 9600, ScannerConfig.Terminator.CRLF, "MASK", "NOMASK")));
        java.util.List<Boolean> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ExecutorScheduler timers = new ExecutorScheduler("it-devices");
                VirtualDevices v = VirtualDevices.start(c, Set.of("mask-line"), dir, socat, timers)) {
            GateConfig rewired = v.rewire(c);
            assertEquals(dir.resolve("gate-mask-line").toString(), rewired.maskLine().orElseThrow().port());
            String snippet = v.snippet(c);
            assertTrue(snippet.contains("maskLine:\n  id: mask-line\n  port: " + dir.resolve("gate-mask-line")),
                    snippet);
            try (var line = new org.gridgate.signals.serial.SerialMaskLine(rewired.maskLine().get(),
                    JSerialCommLink::open, java.time.Clock.systemUTC(), timers)) {
                line.start(new org.gridgate.device.DeviceListener<>() {
                    @Override
                    public void accept(org.gridgate.signals.GateInput value) {
                        seen.add(value.asserted());
                    }

                    @Override
                    public void status(org.gridgate.device.DeviceStatus status) {}
                });
                org.gridgate.testing.Await.until(java.time.Duration.ofSeconds(30), "mask on, then off", () -> {
                    if (seen.isEmpty()) {
                        v.mask(true); // until the adapter has the port open, lines may go nowhere
                    } else if (seen.size() == 1 || seen.get(seen.size() - 1)) {
                        v.mask(false);
                    }
                    return seen.contains(true) && !seen.get(seen.size() - 1);
                });
            }
        }
    }

    @Test
    void onlyDevicesMarkedSimulatedOrNamedAreSimulatedTheRealOnesKeepTheirPorts(@TempDir Path dir) throws Exception {
        String socat = SystemTools.require("socat", "socat");
        String yaml = new String(Demo.class.getResourceAsStream("/examples/sim.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
                // the entry scanner only: the shipped sim config's exit scanner is not what this test is about
                .replace("  - id: scanner-out\n    direction: exit\n    transport: simulated\n    baud: 115200\n"
                        + "    terminator: CR\n", "")
                .replace("direction: entry\n    transport: simulated",
                "direction: entry\n    transport: serial\n    port: /dev/serial/by-id/usb-GM65_Barcode_Scanner-if00");
        GateConfig c = org.gridgate.config.ConfigLoader.parse("mixed.yaml", dir, yaml);
        try (ExecutorScheduler timers = new ExecutorScheduler("it-devices");
                VirtualDevices v = VirtualDevices.start(c, Set.of(), dir, socat, timers)) {
            assertEquals(Set.of("thermo-1"), v.gatePorts().keySet(), "the real scanner is left alone");
            assertEquals("/dev/serial/by-id/usb-GM65_Barcode_Scanner-if00", v.rewire(c).scanners().get(0).port());
            assertTrue(v.scanners().isEmpty());
        }
        try (ExecutorScheduler timers = new ExecutorScheduler("it-devices");
                VirtualDevices v = VirtualDevices.start(c, Set.of("scanner-in"), Files.createDirectories(dir.resolve("b")), socat,
                        timers)) {
            assertEquals(Set.of("thermo-1", "scanner-in"), v.gatePorts().keySet(), "--simulate scanner-in");
        }
        try (ExecutorScheduler timers = new ExecutorScheduler("it-devices")) {
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> VirtualDevices.start(c, Set.of("scanner-out"), Files.createDirectories(dir.resolve("c")),
                            socat, timers));
            assertEquals("--simulate scanner-out: no serial thermometer, scanner or mask line with that id", e.getMessage());
        }
    }

    @Test
    void withTheGateInProcessAPersonTypedAtThePromptIsDecided(@TempDir Path dir) throws Exception {
        String socat = SystemTools.require("socat", "socat");
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                CommunityServer server = new CommunityServer(broker.uri(), "gridgate", "sunflower-court")) {
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            CommunityKey key = CommunityKey.loadOrCreate(dir.resolve("community.key"));
            server.signWith(key.kid(), key.pair().getPrivate());
            server.publishRoster(java.util.List.of(new Resident("R-0001", HealthCredential.PersonKind.RESIDENT, "1-101",
                    "1-101", Resident.Status.NORMAL, today.minusDays(2), today.plusDays(2))));
            Path config = dir.resolve("sim.yaml");
            Files.writeString(config, new String(Demo.class.getResourceAsStream("/examples/sim.yaml").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).replace("tcp://127.0.0.1:1883", broker.uri()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String script = "person subject=R-0001\nperson subject=R-0001 skin=38.4 mask=no\nperson subject=R-0404\n"
                    + "exit-button\nquit\n";
            int code = DevicesCommand.run(java.util.List.of("--config", config.toString(), "--dir",
                    dir.resolve("pty").toString(), "--with-gate", "--socat", socat, "--key",
                    dir.resolve("community.key").toString()),
                    new java.io.ByteArrayInputStream(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err);
            String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, code, text);
            assertTrue(text.contains("thermo-1: the gate opens " + dir.resolve("pty").resolve("gate-thermo-1")), text);
            assertTrue(text.contains("roster: 1 entries"), text);
            assertTrue(text.contains("> GRANTED 36.5 °C\n"), text);
            assertTrue(text.contains("> DENIED 38.4 °C: fever (temperature too high), no_mask (no mask)\n"), text);
            assertTrue(text.contains("> DENIED 36.5 °C: not_registered (not registered)\n"), text);
            assertTrue(text.contains("exit button pressed (released after 300 ms)"), text);
            org.gridgate.testing.Await.until(java.time.Duration.ofSeconds(30), "3 passages at the server",
                    () -> server.unique("passage") == 3);
        }
    }
}
