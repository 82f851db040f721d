package org.gridgate.sim.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridgate.config.ConfigException;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.CredentialConfig;
import org.gridgate.config.GateConfig;
import org.gridgate.config.MqttConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.journal.JournalEntry;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.GateObserver;
import org.gridgate.signals.GateInput;
import org.gridgate.sim.devices.SimulatedHardware;
import org.gridgate.sim.devices.SimulatedScanner;
import org.gridgate.sim.devices.SimulatedThermometer;
import org.gridgate.sim.server.CommunityServer;
import org.gridgate.sim.server.EmbeddedBroker;
import org.gridgate.system.GateApp;
import org.gridgate.system.Hardware;
import org.gridgate.system.ServiceManager;
import org.gridgate.system.StartupException;
import org.gridgate.timing.ExecutorScheduler;

/**
 * The whole gate on one machine: the real daemon with simulated devices speaking the real wire
 * protocols, an embedded broker, and a community-server stand-in that counts what it receives.
 */
public final class Demo {
    /** How long one passage may take before the demo calls the gate stuck. */
    static final Duration PASSAGE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    /** Options: passages to run (0 = until stopped), seed, state folder (null = a temporary one). */
    public record Options(int passages, long seed, Path state) {}

    /** The figures the last line reports. */
    public record Result(int passages, int granted, int denied, long journaled, long published) {
        public boolean complete() {
            return journaled == passages && published == passages;
        }

        public String line() {
            return "demo: " + passages + " passages, " + granted + " granted, " + denied + " denied, " + journaled
                    + " journaled, " + published + " published";
        }
    }

    private Demo() {}

    public static GateConfig simConfig(Path state, String brokerUri, CredentialConfig.TrustAnchor anchor)
            throws IOException, ConfigException {
        // On the bench one community key both issues passes and signs what the server stand-in sends.
        return simConfig(state, brokerUri, anchor, List.of(new CredentialConfig.RootKey(anchor.kid(), anchor.publicKey())));
    }

    /** The sim config with this broker, pass issuer and community root keys (which sign the roster). */
    public static GateConfig simConfig(Path state, String brokerUri, CredentialConfig.TrustAnchor anchor,
            List<CredentialConfig.RootKey> rootKeys) throws IOException, ConfigException {
        String text;
        try (InputStream in = Demo.class.getResourceAsStream("/examples/sim.yaml")) {
            if (in == null) {
                throw new IOException("examples/sim.yaml missing from the simulator jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        GateConfig c = ConfigLoader.parse("sim.yaml", state, text);
        MqttConfig m = c.mqtt().orElseThrow();
        return c.withMqtt(java.util.Optional.of(new MqttConfig(List.of(brokerUri), m.clientId(), m.topicRoot(),
                        m.inflight(), m.keepAliveS())))
                .withCredentials(new CredentialConfig(c.credentials().communityPrefix(), List.of(anchor),
                        c.credentials().clockSkew(), rootKeys));
    }

    public static Result run(Options o, PrintStream out) throws Exception {
        Path state = o.state() != null ? Files.createDirectories(o.state()) : Files.createTempDirectory("gridgate-demo");
        Clock clock = Clock.systemUTC();
        KeyPair community = PersonGenerator.newKey();
        byte[] kid = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(community.getPublic().getEncoded()), 8);
        var anchor = new CredentialConfig.TrustAnchor(Base64.getEncoder().encodeToString(kid),
                Base64.getEncoder().encodeToString(community.getPublic().getEncoded()));
        KeyPair root = PersonGenerator.newKey();
        byte[] rootKid = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(root.getPublic().getEncoded()), 8);
        var rootKey = new CredentialConfig.RootKey(Base64.getEncoder().encodeToString(rootKid),
                Base64.getEncoder().encodeToString(root.getPublic().getEncoded()));
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                ExecutorScheduler deviceTimers = new ExecutorScheduler("sim-devices")) {
            GateConfig config = simConfig(state, broker.uri(), anchor, List.of(rootKey));
            String prefix = config.credentials().communityPrefix();
            CommunityPassIssuer issuer = new CommunityPassIssuer(prefix, config.gate().community(),
                    community.getPrivate(), kid);
            PersonGenerator people = new PersonGenerator(o.seed(), issuer, prefix, kid,
                    LocalDate.now(clock.withZone(config.gate().zone())));
            SimulatedHardware hw = new SimulatedHardware();
            SimulatedThermometer thermometer = new SimulatedThermometer(deviceTimers);
            java.util.Map<ScannerConfig.Direction, SimulatedScanner> scanners = hw.plugDevices(config, thermometer);
            Hardware hardware = hw.hardware();
            try (CommunityServer server = new CommunityServer(broker.uri(), config.mqtt().orElseThrow().topicRoot(),
                    config.gate().community())) {
                server.signWith(rootKid, root.getPrivate());
                server.publishRoster(people.roster());
                BlockingQueue<Line> decisions = new LinkedBlockingQueue<>();
                CountDownLatch rosterIn = new CountDownLatch(1);
                GateApp app;
                try {
                    app = GateApp.start(config, hardware, clock, ServiceManager.NONE);
                } catch (StartupException e) {
                    throw new IOException(e.getMessage(), e);
                }
                try (app) {
                    app.consoleUrl().ifPresent(u -> out.println("console: " + u));
                    app.loop().addObserver(new GateObserver() {
                        @Override
                        public void decided(Decision d, JournalEntry e, String masked) {
                            decisions.add(new Line(d, masked));
                        }

                        @Override
                        public void rosterReplaced(int size) {
                            rosterIn.countDown();
                        }
                    });
                    // The roster may be in before the observer was added: then there is nothing to wait for.
                    if (app.loop().rosterSize() == 0 && !rosterIn.await(20, TimeUnit.SECONDS)
                            && app.loop().rosterSize() == 0) {
                        throw new IOException("the gate received no roster from the broker within 20 s");
                    }
                    boolean maskActiveLow = config.gpio().maskDetector().orElseThrow().activeLow();
                    int granted = 0;
                    int denied = 0;
                    int n = 0;
                    while (o.passages() == 0 || n < o.passages()) {
                        Person p = people.next(clock.instant());
                        hw.input(GateInput.Kind.MASK_PRESENT, p.mask(), maskActiveLow);
                        thermometer.present(p.skinC(), p.ambientC());
                        GateMode mode = switch (p.kind()) {
                            case LOCKDOWN_VISITOR -> GateMode.LOCKDOWN;
                            case MAINTENANCE -> GateMode.MAINTENANCE;
                            default -> GateMode.NORMAL;
                        };
                        if (mode != GateMode.NORMAL) {
                            app.loop().setMode("lead-demo", mode);
                        }
                        if (p.kind() == Person.Kind.ASSISTED) {
                            app.loop().assistedPass("vol-demo", p.subject(), org.gridgate.passage.Direction.ENTRY);
                        } else {
                            SimulatedScanner s = scanners.get(p.kind().exit()
                                    ? ScannerConfig.Direction.EXIT : ScannerConfig.Direction.ENTRY);
                            if (s == null || !s.scan(p.code())) {
                                throw new IOException("the gate has not opened the scanner port for " + p.kind());
                            }
                        }
                        Line l = decisions.poll(PASSAGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                        if (l == null) {
                            throw new IOException("no decision within " + PASSAGE_TIMEOUT.toSeconds() + " s");
                        }
                        out.println(l.format(config.gate().zone()));
                        if (mode != GateMode.NORMAL) {
                            app.loop().setMode("lead-demo", GateMode.NORMAL);
                        }
                        if (l.decision().granted()) {
                            granted++;
                        } else {
                            denied++;
                        }
                        thermometer.absent();
                        hw.input(GateInput.Kind.MASK_PRESENT, false, maskActiveLow);
                        n++;
                    }
                    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
                    while (server.unique("passage") < n && System.nanoTime() < deadline) {
                        decisions.poll(50, TimeUnit.MILLISECONDS); // waits without sleeping the thread blind
                    }
                    return new Result(n, granted, denied, countPassages(config.storage().journal()),
                            server.unique("passage"));
                }
            }
        }
    }

    /** Counts passages in the journal file itself, with a connection of its own. */
    static long countPassages(Path journal) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM record WHERE kind = 'passage'")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
