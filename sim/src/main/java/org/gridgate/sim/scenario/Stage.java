package org.gridgate.sim.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridgate.config.GateConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.config.Transport;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.roster.Resident;
import org.gridgate.sim.bench.BenchGate;
import org.gridgate.sim.bench.Presenter;
import org.gridgate.sim.bench.Visit;
import org.gridgate.sim.demo.Demo;
import org.gridgate.sim.devices.SimulatedHardware;
import org.gridgate.sim.devices.SimulatedScanner;
import org.gridgate.sim.devices.SimulatedThermometer;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.sim.pass.PassCommand;
import org.gridgate.sim.server.CommunityServer;
import org.gridgate.sim.server.EmbeddedBroker;
import org.gridgate.timing.ExecutorScheduler;

/**
 * Everything a scenario plays against: the real daemon with simulated devices (an entry and an exit
 * scanner, the thermometer, mock GPIO), an embedded broker that can go down and come back on the
 * same port, the community-server stand-in, and a community key for issuing passes at run time.
 */
final class Stage implements AutoCloseable {
    static final Duration ROSTER_TIMEOUT = Duration.ofSeconds(20);

    private final Clock clock;
    private final CommunityKey key = CommunityKey.generate();
    private final ExecutorScheduler deviceTimers = new ExecutorScheduler("scenario-devices");
    private final SimulatedHardware hw = new SimulatedHardware();
    private final Map<String, String> ports = new HashMap<>();
    private final int brokerPort;
    private EmbeddedBroker broker;
    private CommunityServer server;
    private BenchGate gate;
    private Presenter presenter;
    private CommunityPassIssuer issuer;
    private CommunityPassIssuer forger;
    private LocalDate today;

    private Stage(Clock clock, int brokerPort) {
        this.clock = clock;
        this.brokerPort = brokerPort;
    }

    static Stage start(Scenario s, Path state, Clock clock) throws Exception {
        Stage st = new Stage(clock, EmbeddedBroker.freePort());
        try {
            st.open(s, state);
            return st;
        } catch (Exception | Error e) {
            st.close();
            throw e;
        }
    }

    private void open(Scenario s, Path state) throws Exception {
        broker = EmbeddedBroker.start(brokerPort);
        GateConfig base = Demo.simConfig(state, broker.uri(), key.anchor());
        List<ScannerConfig> scanners = new ArrayList<>(base.scanners());
        if (scanners.stream().noneMatch(sc -> sc.direction() == ScannerConfig.Direction.EXIT)) {
            ScannerConfig in = scanners.get(0);
            scanners.add(new ScannerConfig("scanner-out", ScannerConfig.Direction.EXIT, Transport.SIMULATED,
                    "sim:scanner-out", in.baud(), in.terminator(), in.maxLength()));
        }
        GateConfig config = base.withDevices(base.thermometer(), scanners);
        String prefix = config.credentials().communityPrefix();
        issuer = new CommunityPassIssuer(prefix, config.gate().community(), key.pair().getPrivate(), key.kid());
        // Someone who knows the key id but not the key.
        forger = new CommunityPassIssuer(prefix, "forger", CommunityKey.generate().pair().getPrivate(), key.kid());
        today = LocalDate.now(clock.withZone(config.gate().zone()));

        SimulatedThermometer thermometer = new SimulatedThermometer(deviceTimers);
        hw.plug(config.thermometer().port(), thermometer);
        ports.put(config.thermometer().id(), config.thermometer().port());
        Map<ScannerConfig.Direction, SimulatedScanner> byDirection = new EnumMap<>(ScannerConfig.Direction.class);
        for (ScannerConfig sc : config.scanners()) {
            SimulatedScanner scanner = new SimulatedScanner(sc.terminator());
            hw.plug(sc.port(), scanner);
            ports.put(sc.id(), sc.port());
            byDirection.put(sc.direction(), scanner);
        }
        server = new CommunityServer(broker.uri(), config.mqtt().orElseThrow().topicRoot(), config.gate().community());
        server.signWith(key.kid(), key.pair().getPrivate());
        server.publishRoster(roster(s));
        gate = BenchGate.start(config, hw, hw, clock);
        presenter = new Presenter(gate, thermometer, byDirection);
        if (!gate.awaitRoster(ROSTER_TIMEOUT)) {
            throw new IOException("the gate received no roster within " + ROSTER_TIMEOUT.toSeconds() + " s");
        }
    }

    private List<Resident> roster(Scenario s) {
        return s.roster().stream().map(m -> new Resident(m.subject(), m.kind(), m.unit(),
                m.kind() == org.gridgate.credential.HealthCredential.PersonKind.VISITOR ? "" : m.unit(), m.status(),
                today.plusDays(m.validFromDays()), today.plusDays(m.validToDays()))).toList();
    }

    /** The person as the devices will present them, with a pass issued now. */
    Visit visit(Scenario.Person p) {
        Instant now = clock.instant();
        return new Visit(p.code().map(c -> switch (c) {
            case Scenario.Code.Raw raw -> raw.text();
            case Scenario.Code.Pass pass -> {
                PassCommand.Request r = new PassCommand.Request(pass.subject(), pass.colour(), pass.kind(), "",
                        pass.validFor());
                CommunityPass cp = PassCommand.pass(r, pass.expired() ? now.minus(pass.validFor()).minusSeconds(600) : now);
                yield (pass.forged() ? forger : issuer).issue(cp);
            }
        }), p.skinC(), p.ambientC(), p.mask(), p.direction());
    }

    String port(String device) {
        String port = ports.get(device);
        if (port == null) {
            throw new IllegalArgumentException("no device '" + device + "' (devices: " + ports.keySet() + ")");
        }
        return port;
    }

    void brokerDown() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    void brokerUp() throws IOException {
        if (broker == null) {
            broker = EmbeddedBroker.start(brokerPort);
        }
    }

    SimulatedHardware hardware() {
        return hw;
    }

    BenchGate gate() {
        return gate;
    }

    Presenter presenter() {
        return presenter;
    }

    CommunityServer server() {
        return server;
    }

    @Override
    public void close() {
        if (gate != null) {
            gate.close();
        }
        if (server != null) {
            server.close();
        }
        brokerDown();
        deviceTimers.close();
    }
}
