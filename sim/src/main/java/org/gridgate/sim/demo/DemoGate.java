package org.gridgate.sim.demo;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.gridgate.config.CredentialConfig;
import org.gridgate.config.GateConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.signals.GateInput;
import org.gridgate.sim.devices.SimulatedHardware;
import org.gridgate.sim.devices.SimulatedScanner;
import org.gridgate.sim.devices.SimulatedThermometer;
import org.gridgate.sim.server.CommunityServer;
import org.gridgate.sim.server.EmbeddedBroker;
import org.gridgate.system.GateApp;
import org.gridgate.system.ServiceManager;
import org.gridgate.timing.ExecutorScheduler;

/**
 * The demo's whole gate as an object, for the display bench and browser tests: the real daemon with
 * simulated devices on the real wire protocols, an embedded broker and the server stand-in that sends
 * the roster. {@link #present} puts the next person of a kind in front of the gate.
 */
public final class DemoGate implements AutoCloseable {
    static final Duration ROSTER_WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final GateApp app;
    private final GateConfig config;
    private final SimulatedHardware hw;
    private final SimulatedThermometer thermometer;
    private final Map<ScannerConfig.Direction, SimulatedScanner> scanners;
    private final PersonGenerator people;

    private DemoGate(Path state, long seed, UnaryOperator<GateConfig> adjust) throws Exception {
        try {
            Clock clock = Clock.systemUTC();
            KeyPair community = PersonGenerator.newKey();
            byte[] kid = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(community.getPublic().getEncoded()), 8);
            var anchor = new CredentialConfig.TrustAnchor(Base64.getEncoder().encodeToString(kid),
                    Base64.getEncoder().encodeToString(community.getPublic().getEncoded()));
            EmbeddedBroker broker = keep(EmbeddedBroker.start(0));
            ExecutorScheduler deviceTimers = keep(new ExecutorScheduler("sim-devices"));
            config = adjust.apply(Demo.simConfig(state, broker.uri(), anchor));
            String prefix = config.credentials().communityPrefix();
            people = new PersonGenerator(seed, new org.gridgate.credential.hcert.CommunityPassIssuer(prefix,
                    config.gate().community(), community.getPrivate(), kid), prefix, kid,
                    LocalDate.now(clock.withZone(config.gate().zone())));
            hw = new SimulatedHardware();
            thermometer = new SimulatedThermometer(deviceTimers);
            scanners = hw.plugDevices(config, thermometer);
            CommunityServer server = keep(new CommunityServer(broker.uri(), config.mqtt().orElseThrow().topicRoot(),
                    config.gate().community()));
            server.signWith(kid, community.getPrivate());
            server.publishRoster(people.roster());
            app = keep(GateApp.start(config, hw.hardware(), clock, ServiceManager.NONE));
            java.util.concurrent.CountDownLatch roster = new java.util.concurrent.CountDownLatch(1);
            app.loop().addObserver(new org.gridgate.passage.GateObserver() {
                @Override
                public void rosterReplaced(int size) {
                    roster.countDown();
                }
            });
            // The roster may be in before the observer was added: then there is nothing to wait for.
            if (app.loop().rosterSize() == 0 && !roster.await(ROSTER_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                    && app.loop().rosterSize() == 0) {
                throw new IllegalStateException("the gate received no roster within " + ROSTER_WAIT.toSeconds() + " s");
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    public static DemoGate start(Path state, long seed, UnaryOperator<GateConfig> adjust) throws Exception {
        return new DemoGate(state, seed, adjust);
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(0, c);
        return c;
    }

    public GateApp app() {
        return app;
    }

    /** The next generated person of {@code kind} (RESIDENT, FEVER, NO_MASK, RED, ...) is presented. */
    public void present(String kind) {
        Person.Kind k = Person.Kind.valueOf(kind);
        Person p = null;
        for (int i = 0; i < 1000 && p == null; i++) {
            Person n = people.next(Instant.now());
            p = n.kind() == k ? n : null;
        }
        if (p == null) {
            throw new IllegalArgumentException("the generator made no " + kind);
        }
        hw.input(GateInput.Kind.MASK_PRESENT, p.mask(), config.gpio().maskDetector().orElseThrow().activeLow());
        thermometer.present(p.skinC(), p.ambientC());
        SimulatedScanner s = scanners.get(k.exit() ? ScannerConfig.Direction.EXIT : ScannerConfig.Direction.ENTRY);
        if (!s.scan(p.code())) {
            throw new IllegalStateException("the gate has not opened the scanner port");
        }
    }

    /** The person walks on: nobody at the thermometer, no mask signal. */
    public void leave() {
        thermometer.absent();
        hw.input(GateInput.Kind.MASK_PRESENT, false, config.gpio().maskDetector().orElseThrow().activeLow());
    }

    @Override
    public void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
        open.clear();
    }
}
