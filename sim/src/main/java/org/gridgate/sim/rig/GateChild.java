package org.gridgate.sim.rig;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.gridgate.config.GateConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.journal.JournalEntry;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateObserver;
import org.gridgate.signals.GateInput;
import org.gridgate.sim.demo.Demo;
import org.gridgate.sim.devices.SimulatedHardware;
import org.gridgate.sim.devices.SimulatedScanner;
import org.gridgate.sim.devices.SimulatedThermometer;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.system.GateApp;
import org.gridgate.system.Hardware;
import org.gridgate.system.ServiceManager;
import org.gridgate.system.logging.Logging;
import org.gridgate.timing.ExecutorScheduler;

/**
 * The gate as a child process, the one both the chaos run (which SIGKILLs it) and the sustained and
 * soak benchmarks (which measure it) start: the real gate (rules, credential check, journal, lock,
 * MQTT outbox) on simulated devices in the same JVM, fed one person after another as fast as it
 * decides, the way a queue at a gate is.
 *
 * <p>Stdout carries only these lines: {@code READY} once started; {@code A <seq> <id>} per decision
 * acted on (journal committed, lock driven: the observer runs after both); with a sample period,
 * {@code STAT <ms> <passages> <heapAfterGc>} every period; at the end {@code DONE <passages>
 * <granted>}, after which it idles so the uplink drains. Logs go to stderr.
 *
 * <p>{@code --state DIR --broker URI [--seed S] [--seconds N | --passages N] [--residents R]
 * [--sample-ms M] [--gc-samples] [--fever-every K] [--flush-each-decision] [--idle]}. Without
 * {@code --seconds} or {@code --passages} it feeds people until killed; with {@code --idle} it feeds
 * nobody (it only drains its backlog). {@code --flush-each-decision} writes each {@code A} line
 * before the next person comes (a run that kills the child reads every decision it acted on);
 * otherwise stdout is buffered (a throughput run does not pay a write per decision). One person in K
 * (at random) has a fever, which the gate re-measures after a fixed pause: those passages wait on
 * the clock, not the CPU, so a throughput run leaves them out (K = 0). With {@code --gc-samples}
 * each STAT forces a full collection first, so the heap figure is the live set.
 */
public final class GateChild {
    /** What a run asks of the child. */
    public record Options(Path state, String broker, long seed, long seconds, long passages, int residents,
            long sampleMs, boolean gcSamples, int feverEvery, boolean flushEach, boolean idle, Path key) {}

    private GateChild() {}

    public static void main(String[] args) throws Exception {
        run(parse(args));
    }

    static Options parse(String[] args) {
        Path state = null;
        String broker = null;
        long seed = 1;
        long seconds = 0;
        long passages = 0;
        int residents = 5000;
        long sampleMs = 0;
        boolean gcSamples = false;
        int feverEvery = 0;
        boolean flushEach = false;
        boolean idle = false;
        Path key = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state" -> state = Path.of(args[++i]);
                case "--broker" -> broker = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--passages" -> passages = Long.parseLong(args[++i]);
                case "--residents" -> residents = Integer.parseInt(args[++i]);
                case "--sample-ms" -> sampleMs = Long.parseLong(args[++i]);
                case "--gc-samples" -> gcSamples = true;
                case "--fever-every" -> feverEvery = Integer.parseInt(args[++i]);
                case "--flush-each-decision" -> flushEach = true;
                case "--idle" -> idle = true;
                case "--key" -> key = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (state == null || broker == null) {
            throw new IllegalArgumentException("needs --state and --broker");
        }
        if (seconds > 0 && passages > 0) {
            throw new IllegalArgumentException("--seconds or --passages, not both");
        }
        if (residents < 1) {
            throw new IllegalArgumentException("--residents must be 1 or more");
        }
        return new Options(state, broker, seed, seconds, passages, residents, sampleMs, gcSamples, feverEvery,
                flushEach, idle, key);
    }

    static void run(Options o) throws Exception {
        PrintStream out = o.flushEach()
                ? new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8)
                : new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                        false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Logging.setup(Level.WARNING);
        Clock clock = Clock.systemUTC();
        // With --key (the power-cut run) the caller holds the community key too and signs the rosters
        // and trust lists it pushes with it.
        CommunityKey key = o.key() == null ? CommunityKey.generate() : readKey(o.key());
        GateConfig config = Demo.simConfig(o.state(), o.broker(), key.anchor());
        Residents.seed(config.storage().journal().resolveSibling("roster.db"), o.residents(),
                LocalDate.now(clock.withZone(config.gate().zone())));
        CommunityPassIssuer issuer = new CommunityPassIssuer(config.credentials().communityPrefix(),
                config.gate().community(), key.pair().getPrivate(), key.kid());

        SimulatedHardware hw = new SimulatedHardware();
        ExecutorScheduler deviceTimers = new ExecutorScheduler("child-devices");
        SimulatedThermometer thermometer = new SimulatedThermometer(deviceTimers);
        SimulatedScanner scanner = hw.plugDevices(config, thermometer).get(ScannerConfig.Direction.ENTRY);
        Hardware hardware = hw.hardware();
        BlockingQueue<Boolean> decided = new LinkedBlockingQueue<>();
        GateApp app = GateApp.start(config, hardware, clock, ServiceManager.NONE);
        app.loop().addObserver(new GateObserver() {
            @Override
            public void decided(Decision d, JournalEntry e, String masked) {
                String line = "A " + e.seq() + " " + e.id(); // one write: a kill cuts at most this line
                synchronized (out) {
                    out.println(line);
                }
                decided.add(d.granted());
            }

            @Override
            public void rosterReplaced(int entries) {
                synchronized (out) {
                    out.println("ROSTER " + entries); // stored (synchronous=FULL) before the loop hears of it
                    out.flush();
                }
            }
        });
        reportTrustUpdates(app, out);
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        if (o.idle()) {
            new CountDownLatch(1).await(); // until stopped: the uplink drains the backlog
        }

        AtomicLong done = new AtomicLong();
        long t0 = System.nanoTime();
        Thread sampler = o.sampleMs() <= 0 ? null : Thread.ofPlatform().daemon(true).name("child-sampler").start(() -> {
            try {
                while (true) {
                    stat(out, t0, done.get(), o.gcSamples());
                    Thread.sleep(o.sampleMs()); // the sampling period of a benchmark, not production code
                }
            } catch (InterruptedException e) {
                // finished
            }
        });
        Random random = new Random(o.seed());
        boolean maskActiveLow = config.gpio().maskDetector().orElseThrow().activeLow();
        long end = o.seconds() > 0 ? t0 + TimeUnit.SECONDS.toNanos(o.seconds()) : Long.MAX_VALUE;
        long granted = 0;
        for (long n = 0; (o.passages() <= 0 || n < o.passages()) && System.nanoTime() < end; n++) {
            Instant now = clock.instant();
            boolean fever = o.feverEvery() > 0 && random.nextInt(o.feverEvery()) == 0;
            String code = issuer.issue(new CommunityPass(Colour.GREEN,
                    Residents.subject(1 + (int) (n % o.residents())), PersonKind.RESIDENT, "",
                    "p" + o.seed() + "-" + n, now.minusSeconds(30), now.plus(Duration.ofMinutes(10))));
            hw.input(GateInput.Kind.MASK_PRESENT, true, maskActiveLow);
            thermometer.present(fever ? 38.2 : 36.0 + random.nextDouble(), 22.0);
            if (!scanner.scan(code)) {
                throw new IllegalStateException("the gate has not opened the scanner port");
            }
            Boolean g = decided.poll(30, TimeUnit.SECONDS);
            if (g == null) {
                throw new IllegalStateException("no decision within 30 s");
            }
            granted += g ? 1 : 0;
            done.incrementAndGet();
            thermometer.absent();
            hw.input(GateInput.Kind.MASK_PRESENT, false, maskActiveLow);
        }
        if (sampler != null) {
            sampler.interrupt();
            sampler.join();
            stat(out, t0, done.get(), o.gcSamples());
        }
        synchronized (out) {
            out.println("DONE " + done.get() + " " + granted);
            out.flush();
        }
        new CountDownLatch(1).await(); // until the run stops it, so the outbox drains
    }

    private static void stat(PrintStream out, long t0, long passages, boolean gc) {
        long heap = -1;
        if (gc) {
            System.gc();
            heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        synchronized (out) {
            out.println("STAT " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " " + passages + " " + heap);
            out.flush();
        }
    }

    /** Prints {@code TRUST <issuedAt ms>} whenever the trust list in force changes (it is stored first). */
    private static void reportTrustUpdates(GateApp app, PrintStream out) {
        var poller = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon(true).name("child-trust").factory());
        long[] last = {Long.MIN_VALUE};
        poller.scheduleWithFixedDelay(() -> app.lastTrustUpdate().map(Instant::toEpochMilli).ifPresent(ms -> {
            if (ms != last[0]) {
                last[0] = ms;
                synchronized (out) {
                    out.println("TRUST " + ms);
                    out.flush();
                }
            }
        }), 0, 20, TimeUnit.MILLISECONDS);
    }

    /** Writes a fresh community key for the {@code --key} option: PKCS#8, then X.509, as base64 lines. */
    public static CommunityKey writeKey(Path file) throws Exception {
        CommunityKey k = CommunityKey.generate();
        java.nio.file.Files.writeString(file, java.util.Base64.getEncoder().encodeToString(k.pair().getPrivate().getEncoded())
                + "\n" + java.util.Base64.getEncoder().encodeToString(k.pair().getPublic().getEncoded()) + "\n",
                StandardCharsets.US_ASCII);
        return k;
    }

    static CommunityKey readKey(Path file) throws Exception {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(file, StandardCharsets.US_ASCII);
        var f = java.security.KeyFactory.getInstance("EC");
        var pair = new java.security.KeyPair(
                f.generatePublic(new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(lines.get(1)))),
                f.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(lines.get(0)))));
        return new CommunityKey(pair, java.util.Arrays.copyOf(
                java.security.MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()), 8));
    }
}
