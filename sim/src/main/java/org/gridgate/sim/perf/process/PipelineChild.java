package org.gridgate.sim.perf.process;

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
 * The process the sustained and soak suites measure: the real gate (rules, credential check,
 * journal, lock, MQTT outbox) on simulated devices in the same JVM, fed one person after another as
 * fast as it decides, the way a queue at a gate is. Stdout (buffered; nobody kills this one) carries
 * {@code READY}, {@code A <seq>} per decision acted on, {@code STAT <ms> <passages> <heapAfterGc>}
 * every sample period and {@code DONE <passages> <granted>}; then it idles so the uplink drains.
 *
 * <p>{@code --state DIR --broker URI --seed S (--seconds N | --passages N) [--residents R]
 * [--sample-ms M] [--gc-samples] [--fever-every K]}. One person in K (at random) has a fever, which
 * the gate re-measures after a fixed pause (a quarter second each): those passages wait on the
 * clock, not the CPU, so a throughput run leaves them out (K = 0). With {@code --gc-samples} each STAT forces a full collection first,
 * so the heap figure is the live set rather than how far the old generation happened to fill.
 */
public final class PipelineChild {
    private PipelineChild() {}

    public static void main(String[] args) throws Exception {
        Path state = null;
        String broker = null;
        long seed = 1;
        long seconds = 0;
        long passages = 0;
        int residents = 5000;
        long sampleMs = 2000;
        boolean gcSamples = false;
        int feverEvery = 0;
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
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (state == null || broker == null || (seconds <= 0) == (passages <= 0)) {
            throw new IllegalArgumentException("needs --state, --broker and one of --seconds / --passages");
        }
        run(state, broker, seed, seconds, passages, residents, sampleMs, gcSamples, feverEvery);
    }

    private static void run(Path state, String broker, long seed, long seconds, long limit, int residents,
            long sampleMs, boolean gcSamples, int feverEvery) throws Exception {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Logging.setup(Level.WARNING);
        Clock clock = Clock.systemUTC();
        CommunityKey key = CommunityKey.generate();
        GateConfig config = Demo.simConfig(state, broker, key.anchor());
        Residents.seed(config.storage().journal().resolveSibling("roster.db"), residents,
                LocalDate.now(clock.withZone(config.gate().zone())));
        CommunityPassIssuer issuer = new CommunityPassIssuer(config.credentials().communityPrefix(),
                config.gate().community(), key.pair().getPrivate(), key.kid());

        SimulatedHardware hw = new SimulatedHardware();
        ExecutorScheduler deviceTimers = new ExecutorScheduler("bench-devices");
        SimulatedThermometer thermometer = new SimulatedThermometer(deviceTimers);
        SimulatedScanner scanner = hw.plugDevices(config, thermometer).get(ScannerConfig.Direction.ENTRY);
        Hardware hardware = hw.hardware();
        BlockingQueue<Boolean> decided = new LinkedBlockingQueue<>();
        GateApp app = GateApp.start(config, hardware, clock, ServiceManager.NONE);
        app.loop().addObserver(new GateObserver() {
            @Override
            public void decided(Decision d, JournalEntry e, String masked) {
                synchronized (out) {
                    out.print("A ");
                    out.println(e.seq());
                }
                decided.add(d.granted());
            }
        });
        synchronized (out) {
            out.println("READY");
            out.flush();
        }

        AtomicLong done = new AtomicLong();
        long t0 = System.nanoTime();
        boolean gc = gcSamples;
        Thread sampler = Thread.ofPlatform().daemon(true).name("bench-sampler").start(() -> {
            try {
                while (true) {
                    stat(out, t0, done.get(), gc);
                    Thread.sleep(sampleMs); // the sampling period of a benchmark, not production code
                }
            } catch (InterruptedException e) {
                // finished
            }
        });
        Random random = new Random(seed);
        boolean maskActiveLow = config.gpio().maskDetector().orElseThrow().activeLow();
        long end = seconds > 0 ? t0 + TimeUnit.SECONDS.toNanos(seconds) : Long.MAX_VALUE;
        long granted = 0;
        for (long n = 0; (limit <= 0 || n < limit) && System.nanoTime() < end; n++) {
            Instant now = clock.instant();
            boolean fever = feverEvery > 0 && random.nextInt(feverEvery) == 0;
            String code = issuer.issue(new CommunityPass(Colour.GREEN, Residents.subject(1 + (int) (n % residents)),
                    PersonKind.RESIDENT, "", "b" + seed + "-" + n, now.minusSeconds(30), now.plus(Duration.ofMinutes(10))));
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
        sampler.interrupt();
        sampler.join();
        stat(out, t0, done.get(), gc);
        synchronized (out) {
            out.println("DONE " + done.get() + " " + granted);
            out.flush();
        }
        new CountDownLatch(1).await(); // until the bench stops it, so the outbox drains
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
}
