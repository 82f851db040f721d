package org.gridgate.sim.perf.camera;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
import org.gridgate.sim.devices.camera.Degradation;
import org.gridgate.sim.devices.camera.PhoneScreens;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.sim.pass.PassCommand;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.server.CommunityServer;
import org.gridgate.sim.server.EmbeddedBroker;
import org.gridgate.timing.ExecutorScheduler;

/**
 * A gate whose camera scanner reads a FIFO (its grabber is {@code cat FIFO}) while this writes 15
 * frames a second into it, as a webcam delivers them: an empty scene, then a resident's phone. The
 * figure is the time from writing the first frame that holds the code to the gate's decision
 * (journal committed, lock command issued): decode, scan, verification, rules and journal together.
 */
final class FrameToDecision {
    private FrameToDecision() {}

    static void run(PerfOptions options, PerfReport report, int showings) throws Exception {
        Path dir = Files.createTempDirectory("gridgate-camera-bench");
        Path fifo = dir.resolve("camera.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        if (mk.waitFor() != 0) {
            throw new IOException("mkfifo failed");
        }
        CommunityKey key = CommunityKey.generate();
        Clock clock = Clock.systemUTC();
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                ExecutorScheduler deviceTimers = new ExecutorScheduler("bench-camera")) {
            GateConfig sim = Demo.simConfig(dir, broker.uri(), key.anchor());
            CommunityPassIssuer issuer = new CommunityPassIssuer(sim.credentials().communityPrefix(), sim.gate().community(),
                    key.pair().getPrivate(), key.kid());
            List<Resident> residents = new ArrayList<>();
            List<byte[]> frames = new ArrayList<>();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            for (int i = 0; i < showings; i++) {
                String id = String.format("R-%04d", i + 1);
                residents.add(new Resident(id, HealthCredential.PersonKind.RESIDENT, "1-" + (101 + i), "1-" + (101 + i),
                        Resident.Status.NORMAL, today.minusDays(2), today.plusDays(2)));
                String pass = issuer.issue(PassCommand.pass(new PassCommand.Request(id, HealthCredential.Colour.GREEN,
                        HealthCredential.PersonKind.RESIDENT, "", Duration.ofMinutes(10)), clock.instant()));
                frames.add(CameraSuite.grey(PhoneScreens.frame(pass, i % 2 == 0 ? Degradation.CLEAN : Degradation.ROTATED,
                        options.seed() + i)));
            }
            byte[] empty = CameraSuite.grey(PhoneScreens.emptyFrame(options.seed()));
            List<ScannerConfig> scanners = new ArrayList<>(List.of(new ScannerConfig("camera-in", ScannerConfig.Direction.ENTRY,
                    Transport.CAMERA, "camera:camera-in", 0, ScannerConfig.Terminator.CR, 4096, ScannerConfig.Trigger.NONE, 0,
                    true, Optional.of(new CameraConfig(CameraConfig.Source.COMMAND, "command", PhoneScreens.FRAME_WIDTH,
                            PhoneScreens.FRAME_HEIGHT, CameraSuite.FPS, "mjpeg", Optional.empty(), List.of("QR_CODE"),
                            List.of("cat", fifo.toString()), Duration.ofSeconds(2))))));
            sim.scanners().stream().filter(s -> s.direction() == ScannerConfig.Direction.EXIT).forEach(scanners::add);
            GateConfig config = sim.withDevices(sim.thermometer(), scanners);
            SimulatedHardware hw = new SimulatedHardware();
            SimulatedThermometer thermometer = new SimulatedThermometer(deviceTimers);
            hw.plugDevices(config, thermometer);
            ScheduledExecutorService camera = Executors.newSingleThreadScheduledExecutor();
            try (CommunityServer server = new CommunityServer(broker.uri(), config.mqtt().orElseThrow().topicRoot(),
                    config.gate().community())) {
                server.signWith(key.kid(), key.pair().getPrivate());
                server.publishRoster(residents);
                try (BenchGate gate = BenchGate.start(config, hw, hw, clock)) {
                    if (!gate.awaitRoster(Duration.ofSeconds(20))) {
                        throw new IOException("no roster within 20 s");
                    }
                    AtomicReference<byte[]> showing = new AtomicReference<>(empty);
                    AtomicLong firstCodeFrame = new AtomicLong();
                    OutputStream out = new FileOutputStream(fifo.toFile()); // waits for the gate's cat to open it
                    byte[][] last = new byte[1][];
                    camera.scheduleAtFixedRate(() -> {
                        byte[] f = showing.get();
                        try {
                            if (f != last[0] && f != empty) {
                                firstCodeFrame.set(System.nanoTime());
                            }
                            out.write(f);
                            out.flush();
                            last[0] = f;
                        } catch (IOException e) {
                            camera.shutdown();
                        }
                    }, 0, 1000 / CameraSuite.FPS, TimeUnit.MILLISECONDS);
                    long[] latencies = new long[showings];
                    int decided = 0;
                    for (int i = 0; i < showings; i++) {
                        showing.set(empty);
                        pause(Duration.ofMillis(2300)); // longer than the scanner's same-code gap
                        gate.input(GateInput.Kind.MASK_PRESENT, true);
                        thermometer.present(36.5, 22);
                        showing.set(frames.get(i));
                        Optional<Decision> d = gate.awaitDecision(Duration.ofSeconds(10));
                        long at = System.nanoTime();
                        thermometer.absent();
                        gate.input(GateInput.Kind.MASK_PRESENT, false);
                        if (d.isPresent()) {
                            latencies[decided++] = at - firstCodeFrame.get();
                        }
                    }
                    camera.shutdownNow();
                    out.close();
                    if (decided == 0) {
                        throw new IOException("the gate decided none of " + showings + " showings");
                    }
                    long[] got = java.util.Arrays.copyOf(latencies, decided);
                    report.add("camera_frame_to_decision_ms_p50", CameraSuite.percentile(got, 0.5), "ms");
                    report.add("camera_frame_to_decision_ms_p99", CameraSuite.percentile(got, 0.99), "ms");
                    report.note("camera_showings", decided + " of " + showings + " decided, 15 fps through a FIFO");
                }
            } finally {
                camera.shutdownNow();
            }
        }
    }

    private static void pause(Duration d) throws InterruptedException {
        new CountDownLatch(1).await(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
