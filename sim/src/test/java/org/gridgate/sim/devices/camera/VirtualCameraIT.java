package org.gridgate.sim.devices.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridgate.config.CameraConfig;
import org.gridgate.config.GateConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.config.Transport;
import org.gridgate.credential.HealthCredential;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.passage.Decision;
import org.gridgate.roster.Resident;
import org.gridgate.signals.GateInput;
import org.gridgate.sim.bench.BenchGate;
import org.gridgate.sim.demo.Demo;
import org.gridgate.sim.devices.SimulatedHardware;
import org.gridgate.sim.devices.SimulatedThermometer;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.sim.pass.PassCommand;
import org.gridgate.sim.server.CommunityServer;
import org.gridgate.sim.server.EmbeddedBroker;
import org.gridgate.testing.Await;
import org.gridgate.testing.SystemTools;
import org.gridgate.timing.ExecutorScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole camera path without a camera: the virtual camera films a resident's pass on a phone
 * (turned, as residents hold them), ffmpeg plays the MJPEG film as raw grey frames in real time, the
 * gate's camera scanner supervises that ffmpeg, decodes the frames and the gate admits the resident.
 */
class VirtualCameraIT {
    @Test
    void aGateWithACameraScannerAdmitsAResidentFromTheVirtualCamera(@TempDir Path dir) throws Exception {
        String ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        Clock clock = Clock.systemUTC();
        CommunityKey key = CommunityKey.loadOrCreate(dir.resolve("community.key"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                ExecutorScheduler deviceTimers = new ExecutorScheduler("it-camera")) {
            GateConfig sim = Demo.simConfig(dir, broker.uri(), key.anchor());
            CommunityPassIssuer issuer = new CommunityPassIssuer(sim.credentials().communityPrefix(), sim.gate().community(),
                    key.pair().getPrivate(), key.kid());
            String pass = issuer.issue(PassCommand.pass(new PassCommand.Request("R-0001", HealthCredential.Colour.GREEN,
                    HealthCredential.PersonKind.RESIDENT, "", Duration.ofMinutes(10)), clock.instant()));
            Path film = VirtualCamera.film(dir, List.of(pass), List.of(Degradation.ROTATED), 2.0, 15, ffmpeg);

            List<ScannerConfig> scanners = new ArrayList<>();
            scanners.add(new ScannerConfig("camera-in", ScannerConfig.Direction.ENTRY, Transport.CAMERA, "camera:camera-in",
                    0, ScannerConfig.Terminator.CR, 4096, ScannerConfig.Trigger.NONE, 0, true,
                    Optional.of(new CameraConfig(CameraConfig.Source.COMMAND, "command", 640, 480, 15, "mjpeg",
                            Optional.empty(), List.of("QR_CODE"), VirtualCamera.command(ffmpeg, film, true),
                            Duration.ofSeconds(2)))));
            sim.scanners().stream().filter(s -> s.direction() == ScannerConfig.Direction.EXIT).forEach(scanners::add);
            GateConfig config = sim.withDevices(sim.thermometer(), scanners);

            SimulatedHardware hw = new SimulatedHardware();
            SimulatedThermometer thermometer = new SimulatedThermometer(deviceTimers);
            hw.plugDevices(config, thermometer);
            try (CommunityServer server = new CommunityServer(broker.uri(), config.mqtt().orElseThrow().topicRoot(),
                    config.gate().community())) {
                server.signWith(key.kid(), key.pair().getPrivate());
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                server.publishRoster(List.of(new Resident("R-0001", HealthCredential.PersonKind.RESIDENT, "1-101",
                        "1-101", Resident.Status.NORMAL, today.minusDays(2), today.plusDays(2))));
                try (BenchGate gate = BenchGate.start(config, hw, hw, clock)) {
                    assertTrue(gate.awaitRoster(Duration.ofSeconds(20)), "roster");
                    assertTrue(gate.awaitDevice("camera-in", true, Duration.ofSeconds(20)), "the camera's ffmpeg runs");
                    gate.input(GateInput.Kind.MASK_PRESENT, true);
                    thermometer.present(36.5, 22);
                    Optional<Decision> d = gate.awaitDecision(Duration.ofSeconds(60));
                    assertTrue(d.isPresent(), "a decision from the camera's scan");
                    assertTrue(d.get().granted(), d.get().toString());
                }
            }
        }
    }

    @Test
    void theTechniciansProbeShowsTheCamerasFramesDecodeTimeAndTheMaskedCode(@TempDir Path dir) throws Exception {
        String ffmpeg = SystemTools.require("ffmpeg", "ffmpeg");
        java.io.ByteArrayOutputStream made = new java.io.ByteArrayOutputStream();
        int filmed = CameraCommand.run(List.of("--out", dir.toString(), "--subjects", "R-0002", "--looks", "glare",
                "--seconds", "2", "--loop", "--ffmpeg", ffmpeg), Clock.systemUTC(),
                new java.io.PrintStream(made, true, java.nio.charset.StandardCharsets.UTF_8), System.err);
        String printed = made.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, filmed, printed);
        // The printed scanner lines, pasted over the simulator config's entry scanner, are a working config.
        int from = printed.indexOf("  - id: camera-entry");
        String snippet = printed.substring(from, printed.indexOf("]\n", from) + 2);
        String yaml;
        try (var in = Demo.class.getResourceAsStream("/examples/sim.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("  - id: scanner-in\n    direction: entry\n    transport: simulated\n    baud: 115200\n"
                            + "    terminator: CR\n", snippet);
        }
        assertTrue(yaml.contains("transport: camera"), yaml);
        Path config = dir.resolve("camera.yaml");
        java.nio.file.Files.writeString(config, yaml);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = org.gridgate.system.probe.Probe.run(List.of("--config", config.toString(), "--timeout", "30"),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err);
        String report = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        String line = report.lines().filter(l -> l.contains("camera-entry") && l.contains("read a code")).findFirst().orElse(report);
        assertEquals(0, code, report);
        assertTrue(line.matches(".*read a code of \\d+ chars; \\d+\\.\\d fps, decode p50 [0-9.]+ ms p99 [0-9.]+ ms.*"
                + "last code GG1:…\\(\\d+ chars\\).*"), line);
    }
}
