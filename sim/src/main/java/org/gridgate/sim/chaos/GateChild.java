package org.gridgate.sim.chaos;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.gridgate.config.CredentialConfig;
import org.gridgate.config.GateConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.journal.JournalEntry;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateObserver;
import org.gridgate.roster.Resident;
import org.gridgate.roster.RosterUpdate;
import org.gridgate.roster.sqlite.SqliteRosterStore;
import org.gridgate.signals.GateInput;
import org.gridgate.sim.demo.Demo;
import org.gridgate.sim.devices.SimulatedHardware;
import org.gridgate.sim.devices.SimulatedScanner;
import org.gridgate.sim.devices.SimulatedThermometer;
import org.gridgate.system.GateApp;
import org.gridgate.system.Hardware;
import org.gridgate.system.ServiceManager;
import org.gridgate.system.logging.Logging;
import org.gridgate.timing.ExecutorScheduler;

/**
 * The process the chaos run kills: the real gate (journal, rules, lock, uplink) on simulated devices,
 * fed passages as fast as it decides them. Prints {@code READY} once started and {@code ACTED <seq>
 * <id>} after each decision it acted on (journal committed, lock driven: the observer runs after
 * both). Logs go to stderr so stdout carries only those lines.
 */
final class GateChild {
    static final int RESIDENTS = 50;

    private GateChild() {}

    /**
     * Runs until killed; with {@code generate} false the gate only drains its backlog. With a {@code key}
     * file (see {@link #writeKey}) the community key is that one, so the caller can sign rosters and
     * trust lists the child accepts; without, a fresh one.
     */
    static void run(Path state, String brokerUri, long seed, boolean generate, Path key) throws Exception {
        PrintStream acted = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Logging.setup(Level.WARNING);
        Clock clock = Clock.systemUTC();
        trace("jvm up");
        KeyPair issuerKey = key == null ? ecKey() : readKey(key);
        byte[] kid = kid(issuerKey);
        var anchor = new CredentialConfig.TrustAnchor(Base64.getEncoder().encodeToString(kid),
                Base64.getEncoder().encodeToString(issuerKey.getPublic().getEncoded()));
        trace("keys");
        GateConfig config = Demo.simConfig(state, brokerUri, anchor);
        trace("config");
        LocalDate today = LocalDate.now(clock.withZone(config.gate().zone()));
        List<Resident> roster = new ArrayList<>();
        for (int i = 1; i <= RESIDENTS; i++) {
            roster.add(new Resident(subject(i), PersonKind.RESIDENT, "1-10" + (i % 4), "1-10" + (i % 4),
                    Resident.Status.NORMAL, today.minusYears(1), today.plusYears(1)));
        }
        try (SqliteRosterStore store = new SqliteRosterStore(config.storage().journal().resolveSibling("roster.db"))) {
            if (store.version() < 0) {
                store.apply(RosterUpdate.full(0, roster));
            }
        }
        CommunityPassIssuer issuer = new CommunityPassIssuer(config.credentials().communityPrefix(),
                config.gate().community(), issuerKey.getPrivate(), kid);

        trace("config and roster");
        SimulatedHardware hw = new SimulatedHardware();
        ExecutorScheduler deviceTimers = new ExecutorScheduler("chaos-devices");
        SimulatedThermometer thermometer = new SimulatedThermometer(deviceTimers);
        SimulatedScanner scanner = hw.plugDevices(config, thermometer).get(ScannerConfig.Direction.ENTRY);
        Hardware hardware = hw.hardware();
        BlockingQueue<Long> decided = new LinkedBlockingQueue<>();
        GateApp app = GateApp.start(config, hardware, clock, ServiceManager.NONE);
        app.loop().addObserver(new GateObserver() {
            @Override
            public void decided(Decision d, JournalEntry e, String masked) {
                acted.println("ACTED " + e.seq() + " " + e.id());
                decided.add(e.seq());
            }

            @Override
            public void rosterReplaced(int entries) {
                acted.println("ROSTER " + entries); // stored (synchronous=FULL) before the loop hears of it
            }
        });
        reportTrustUpdates(app, acted);
        trace("gate started");
        acted.println("READY");
        if (!generate) {
            new CountDownLatch(1).await(); // until killed
        }
        java.util.Random random = new java.util.Random(seed);
        boolean maskActiveLow = config.gpio().maskDetector().orElseThrow().activeLow();
        for (long n = 0; ; n++) {
            Instant now = clock.instant();
            boolean fever = random.nextInt(20) == 0;
            String code = issuer.issue(new CommunityPass(Colour.GREEN, subject(1 + random.nextInt(RESIDENTS)),
                    PersonKind.RESIDENT, "", "c" + seed + "-" + n, now.minusSeconds(30), now.plus(Duration.ofMinutes(10))));
            hw.input(GateInput.Kind.MASK_PRESENT, true, maskActiveLow);
            thermometer.present(fever ? 38.2 : 36.0 + random.nextDouble(), 22.0);
            if (!scanner.scan(code)) {
                throw new IllegalStateException("the gate has not opened the scanner port");
            }
            if (decided.poll(30, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("no decision within 30 s");
            }
            thermometer.absent();
            hw.input(GateInput.Kind.MASK_PRESENT, false, maskActiveLow);
        }
    }

    /** Prints {@code TRUST <issuedAt ms>} whenever the trust list in force changes (it is stored first). */
    private static void reportTrustUpdates(GateApp app, PrintStream out) {
        var poller = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon(true).name("chaos-trust").factory());
        long[] last = {Long.MIN_VALUE};
        poller.scheduleWithFixedDelay(() -> app.lastTrustUpdate().map(Instant::toEpochMilli).ifPresent(ms -> {
            if (ms != last[0]) {
                last[0] = ms;
                out.println("TRUST " + ms);
            }
        }), 0, 20, TimeUnit.MILLISECONDS);
    }

    /** Writes a fresh community key pair for {@link #run}'s {@code key} option: PKCS#8, then X.509, base64 lines. */
    static KeyPair writeKey(Path file) throws Exception {
        KeyPair k = ecKey();
        java.nio.file.Files.writeString(file, Base64.getEncoder().encodeToString(k.getPrivate().getEncoded()) + "\n"
                + Base64.getEncoder().encodeToString(k.getPublic().getEncoded()) + "\n", StandardCharsets.US_ASCII);
        return k;
    }

    static KeyPair readKey(Path file) throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(file, StandardCharsets.US_ASCII);
        var f = java.security.KeyFactory.getInstance("EC");
        return new KeyPair(f.generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(lines.get(1)))),
                f.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines.get(0)))));
    }

    /** The key id the child derives from the community key. */
    static byte[] kid(KeyPair k) throws Exception {
        return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(k.getPublic().getEncoded()), 8);
    }

    private static void trace(String what) {
        if (Boolean.getBoolean("chaos.trace")) {
            System.err.println("chaos child: " + what + " at " + java.lang.management.ManagementFactory
                    .getRuntimeMXBean().getUptime() + " ms");
        }
    }

    private static String subject(int i) {
        return String.format("R-%04d", i);
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
