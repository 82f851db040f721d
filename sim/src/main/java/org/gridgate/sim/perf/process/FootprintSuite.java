package org.gridgate.sim.perf.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.device.serial.JSerialCommLink;
import org.gridgate.sim.devices.PtyPair;
import org.gridgate.sim.devices.SimulatedScanner;
import org.gridgate.sim.devices.SimulatedThermometer;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.PerfSuite;
import org.gridgate.sim.rig.Residents;
import org.gridgate.sim.server.EmbeddedBroker;
import org.gridgate.testing.FakeNotifySocket;
import org.gridgate.testing.RecordCollector;
import org.gridgate.timing.ExecutorScheduler;

/**
 * {@code footprint}: the packaged daemon started as the systemd unit starts it, on pseudo-terminal
 * devices (socat) played by this process and an embedded broker. {@code ready_s}: spawn to the
 * {@code READY=1} datagram on NOTIFY_SOCKET, median of several starts with the unit's flags and its
 * class-data archive in place; {@code ready_cold_s}: the same without the archive (first boot,
 * or after an upgrade). {@code rss_mb}: highest VmRSS while passages stream through the gate.
 */
public final class FootprintSuite implements PerfSuite {
    static final String TOPIC_ROOT = "gridgate";
    static final int RESIDENTS = 1000;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final int starts;
    private final Duration rssWindow;

    public FootprintSuite() {
        this(0, null);
    }

    /** Fixed sizes (the IT's very short run); 0 and null: from the options' quick flag. */
    FootprintSuite(int starts, Duration rssWindow) {
        this.starts = starts;
        this.rssWindow = rssWindow;
    }

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    public void run(PerfOptions options, PerfReport report) throws Exception {
        Path dir = options.scratch(name());
        Path state = Files.createDirectories(dir.resolve("state-" + System.nanoTime()));
        Path archive = dir.resolve("gridgate.jsa");
        Files.deleteIfExists(archive);
        int starts = this.starts > 0 ? this.starts : options.quick() ? 3 : 7;
        Duration rssWindow = this.rssWindow != null ? this.rssWindow : Duration.ofSeconds(options.quick() ? 8 : 20);
        GateDaemon daemon = GateDaemon.locate();
        List<String> shipped = new ArrayList<>(UnitFlags.shipped(archive));
        shipped.addAll(UnitFlags.experiment());
        List<String> cold = new ArrayList<>(UnitFlags.withoutArchive());
        cold.addAll(UnitFlags.experiment());
        report.note("footprint_daemon", daemon.described());
        CommunityKey key = CommunityKey.generate();
        Residents.seed(state.resolve("roster.db"), RESIDENTS, LocalDate.now(ZoneOffset.UTC));
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                ExecutorScheduler timers = new ExecutorScheduler("footprint-devices")) {
            Path config = state.resolve("gate.yaml");
            Files.writeString(config, config(state, broker.uri(), key), StandardCharsets.UTF_8);
            Path log = dir.resolve("daemon.log");

            List<Double> coldRuns = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                coldRuns.add(startToReady(daemon, cold, config, log, i, state));
            }
            report.add("ready_cold_s", Stats.median(coldRuns), "s");
            // The unit's first start writes the archive when it stops; later starts map it.
            startToReady(daemon, shipped, config, log, -1, state);
            report.note("footprint_archive", Files.exists(archive) ? Files.size(archive) / 1024 + " KiB" : "not written");
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                warm.add(startToReady(daemon, shipped, config, log, starts + i, state));
            }
            report.add("ready_s", Stats.median(warm), "s");
            report.note("footprint_ready_runs", "cold " + coldRuns + " archive " + warm + " (s, " + starts + " each)");
            report.note("footprint_jvm_flags", String.join(" ", shipped));

            RssRun r = rssWhileFlowing(daemon, shipped, config, log, state, broker.uri(), key,
                    timers, rssWindow);
            report.add("rss_mb", Stats.max(r.rssMb()), "MB");
            report.note("footprint_rss", String.format(Locale.ROOT, "%d samples over %d s, p50 %.1f MB, at the "
                    + "highest %s; %d passages", r.rssMb().size(), rssWindow.toSeconds(), Stats.median(r.rssMb()),
                    r.split(), r.passages()));
        }
    }

    /** Seconds from spawn to READY=1; the daemon is stopped again (SIGTERM) before returning. */
    private static double startToReady(GateDaemon daemon, List<String> flags, Path config, Path log, int run,
            Path state) throws Exception {
        try (Devices devices = Devices.open(state, null);
                FakeNotifySocket notify = FakeNotifySocket.bindAbstract("gridgate-bench-" + ProcessHandle.current().pid() + "-" + run)) {
            long t0 = System.nanoTime();
            Process p = daemon.start(flags, config, notify.address(), log);
            try {
                if (!notify.awaitReady(READY_TIMEOUT)) {
                    throw new IOException("no READY=1 within " + READY_TIMEOUT.toSeconds() + " s (exit "
                            + (p.isAlive() ? "none, still running" : p.exitValue()) + "; see " + log + ")");
                }
                return (System.nanoTime() - t0) / 1e9;
            } finally {
                GateDaemon.stop(p);
            }
        }
    }

    /** @param split resident anonymous and file-backed memory at the highest sample */
    record RssRun(List<Double> rssMb, long passages, String split) {}

    private static RssRun rssWhileFlowing(GateDaemon daemon, List<String> flags, Path config, Path log, Path state,
            String broker, CommunityKey key, ExecutorScheduler timers, Duration window) throws Exception {
        CommunityPassIssuer issuer = new CommunityPassIssuer("GG1:", "bench-community", key.pair().getPrivate(),
                key.kid());
        try (Devices devices = Devices.open(state, timers);
                RecordCollector server = RecordCollector.seqs(broker, TOPIC_ROOT, "footprint-server");
                FakeNotifySocket notify = FakeNotifySocket.bindAbstract("gridgate-bench-" + ProcessHandle.current().pid() + "-rss")) {
            Process p = daemon.start(flags, config, notify.address(), log);
            try {
                if (!notify.awaitReady(READY_TIMEOUT)) {
                    throw new IOException("no READY=1 for the RSS run (see " + log + ")");
                }
                List<Double> samples = new ArrayList<>();
                AtomicBoolean stop = new AtomicBoolean();
                String[] atMax = {""};
                Thread sampler = Thread.ofPlatform().daemon(true).name("rss-sampler").start(() -> {
                    while (!stop.get()) {
                        ProcStatus.read(p.pid()).ifPresent(status -> {
                            OptionalLong kb = ProcStatus.rssKb(status);
                            synchronized (samples) {
                                if (kb.isPresent()) {
                                    double mb = kb.getAsLong() / 1024.0;
                                    if (samples.isEmpty() || mb > Stats.max(samples)) {
                                        atMax[0] = String.format(Locale.ROOT, "anon %d MB, file %d MB",
                                                ProcStatus.kb(status, "RssAnon").orElse(0) / 1024,
                                                ProcStatus.kb(status, "RssFile").orElse(0) / 1024);
                                    }
                                    samples.add(mb);
                                }
                            }
                        });
                        java.util.concurrent.locks.LockSupport.parkNanos(250_000_000L); // the sampling period
                    }
                });
                long passages = 0;
                Clock clock = Clock.systemUTC();
                long end = System.nanoTime() + window.toNanos();
                while (System.nanoTime() < end) {
                    Instant now = clock.instant();
                    String code = issuer.issue(new CommunityPass(Colour.GREEN,
                            Residents.subject(1 + (int) (passages % RESIDENTS)), PersonKind.RESIDENT, "",
                            "fp-" + passages, now.minusSeconds(30), now.plus(Duration.ofMinutes(10))));
                    devices.thermometer.present(36.0 + (passages % 10) / 10.0, 22.0);
                    if (!devices.scanner.scan(code)) {
                        throw new IOException("the scanner's pseudo-terminal is closed");
                    }
                    long want = passages + 1;
                    if (!server.await(() -> server.passages() >= want, Duration.ofSeconds(30))) {
                        throw new IOException("passage " + want + " never reached the broker (see " + log + ")");
                    }
                    devices.thermometer.absent();
                    passages++;
                }
                stop.set(true);
                sampler.join();
                synchronized (samples) {
                    if (samples.isEmpty()) {
                        throw new IOException("no RSS sample from pid " + p.pid());
                    }
                    return new RssRun(List.copyOf(samples), passages, atMax[0]);
                }
            } finally {
                GateDaemon.stop(p);
            }
        }
    }

    /** Thermometer and entry scanner on fresh socat pairs, played from this process. */
    private static final class Devices implements AutoCloseable {
        final PtyPair thermoPty;
        final PtyPair scannerPty;
        SimulatedThermometer thermometer;
        SimulatedScanner scanner;

        private Devices(PtyPair thermoPty, PtyPair scannerPty) {
            this.thermoPty = thermoPty;
            this.scannerPty = scannerPty;
        }

        /** With {@code timers} null the ports only exist (the start-up runs need nothing more). */
        static Devices open(Path state, ExecutorScheduler timers) throws IOException {
            PtyPair t = PtyPair.start("socat", state, "thermo");
            PtyPair s;
            try {
                s = PtyPair.start("socat", state, "scanner");
            } catch (IOException e) {
                t.close();
                throw e;
            }
            Devices d = new Devices(t, s);
            if (timers != null) {
                d.thermometer = new SimulatedThermometer(timers);
                d.thermometer.attach(JSerialCommLink.open(t.device().toString(), 115200));
                d.scanner = new SimulatedScanner(org.gridgate.config.ScannerConfig.Terminator.CR);
                d.scanner.attach(JSerialCommLink.open(s.device().toString(), 115200));
            }
            return d;
        }

        @Override
        public void close() {
            if (thermometer != null) {
                thermometer.detach();
                scanner.detach();
            }
            thermoPty.close();
            scannerPty.close();
        }
    }

    /** A config like the reference kit's, on the pseudo-terminals; mask off (its detector is GPIO, mocked). */
    static String config(Path state, String brokerUri, CommunityKey key) {
        return """
                gate: { id: bench-gate-01, community: bench-community, timezone: UTC }
                storage: { journal: journal.db, identityKeyFile: identity.key, retentionDays: 30, diskBudgetMb: 256 }
                policy:
                  feverThresholdC: 37.3
                  mask: off
                  passageWindowS: 6
                  lockReleaseS: 5
                  antiPassback: { minutes: 30 }
                thermometer:
                  id: thermo-1
                  model: gy-mcu90614
                  transport: serial
                  port: %s
                  baud: 115200
                  mode: query
                scanners:
                  - { id: scanner-in, direction: entry, transport: serial, port: %s, baud: 115200, terminator: CR }
                gpio:
                  provider: mock
                  lock: { pin: 17, activeLow: true, safeState: locked }
                  buzzer: { pin: 27 }
                  lights: { green: { pin: 22 }, red: { pin: 23 }, amber: { pin: 24 } }
                mqtt:
                  uris: [ "%s" ]
                  topicRoot: %s
                  inflight: 256
                """.formatted(state.resolve("gate-thermo"), state.resolve("gate-scanner"), brokerUri, TOPIC_ROOT)
                + key.anchorYaml().replace("credentials:\n", "credentials:\n  communityPrefix: \"GG1:\"\n");
    }
}
