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

    /** Runs until killed; with {@code generate} false the gate only drains its backlog. */
    static void run(Path state, String brokerUri, long seed, boolean generate) throws Exception {
        PrintStream acted = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Logging.setup(Level.WARNING);
        Clock clock = Clock.systemUTC();
        trace("jvm up");
        KeyPair issuerKey = ecKey();
        byte[] kid = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(issuerKey.getPublic().getEncoded()), 8);
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
                store.apply(RosterUpdate.seed(roster));
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
        });
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
