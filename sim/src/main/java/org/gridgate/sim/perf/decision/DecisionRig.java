package org.gridgate.sim.perf.decision;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.gridgate.config.GateConfig;
import org.gridgate.config.GpioConfig;
import org.gridgate.config.PolicyConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.config.ScannerConfig.Direction;
import org.gridgate.config.ThermometerConfig;
import org.gridgate.config.Transport;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.device.ByteLink;
import org.gridgate.device.serial.JSerialCommLink;
import org.gridgate.journal.JournalEntry;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateObserver;
import org.gridgate.roster.Resident;
import org.gridgate.roster.RosterUpdate;
import org.gridgate.roster.sqlite.SqliteRosterStore;
import org.gridgate.signals.GateInput;
import org.gridgate.signals.gpio.GpioLock;
import org.gridgate.signals.gpio.Pi4jContexts;
import org.gridgate.sim.demo.Demo;
import org.gridgate.sim.devices.PtyPair;
import org.gridgate.sim.devices.SimulatedHardware;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.system.GateApp;
import org.gridgate.system.Hardware;
import org.gridgate.system.ServiceManager;

/**
 * The real gate ({@link GateApp}, the simulator config) in this process with its thermometer and both
 * scanners on socat pseudo-terminals opened through jSerialComm, GPIO on Pi4J's mock provider, the
 * journal on disk. No uplink and no console: neither is on the decision path, and a broker would
 * only add noise. Every passage is a different resident, so anti-passback never denies one.
 */
final class DecisionRig implements AutoCloseable {
    /** Short, so the lock is locked again before the next passage (Pi4J reports changes only). */
    static final Duration LOCK_RELEASE = Duration.ofMillis(5);
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    static final double SKIN_C = 36.4;
    static final double AMBIENT_C = 22.5;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final BlockingQueue<Decision> decisions = new LinkedBlockingQueue<>();
    private final Map<Direction, ByteLink> scanners = new EnumMap<>(Direction.class);
    private final SimulatedHardware gpio = new SimulatedHardware();
    private GateConfig config;
    private GateApp app;
    private LockProbe lock;
    private TimedThermometer thermometer;
    private CommunityPassIssuer issuer;
    private byte[] terminator;
    private long passes;

    /** Where one passage's time went, in nanoseconds. */
    record Sample(long total, long afterReading, Direction direction) {}

    static DecisionRig start(Path dir, String socat, int residents) throws Exception {
        return start(dir, socat, residents, false);
    }

    /** @param console also serve the volunteer console on a free loopback port ({@link #consoleUrl}) */
    static DecisionRig start(Path dir, String socat, int residents, boolean console) throws Exception {
        DecisionRig r = new DecisionRig();
        r.withConsole = console;
        try {
            r.startGate(dir, socat, residents);
            return r;
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
    }

    private void startGate(Path dir, String socat, int residents) throws Exception {
        CommunityKey key = CommunityKey.generate();
        GateConfig base = Demo.simConfig(dir, "tcp://127.0.0.1:1", key.anchor());
        Map<String, PtyPair> ptys = new java.util.HashMap<>();
        for (String id : ids(base)) {
            PtyPair p = PtyPair.start(socat, dir, id);
            open.add(p);
            ptys.put(id, p);
        }
        config = rewire(base, ptys);
        if (withConsole) {
            config = config.withConsole(base.console());
        }
        issuer = new CommunityPassIssuer(config.credentials().communityPrefix(), config.gate().community(),
                key.pair().getPrivate(), key.kid());
        seedRoster(residents);
        AtomicReference<Context> ctx = new AtomicReference<>();
        Hardware hw = new Hardware(JSerialCommLink::open, gpioConfig -> {
            Context c = Pi4jContexts.create(GpioConfig.Provider.MOCK);
            gpio.gpio(c);
            ctx.set(c);
            return c;
        });
        app = GateApp.start(config, hw, Clock.systemUTC(), ServiceManager.NONE);
        open.add(app);
        lock = new LockProbe((DigitalOutput) ctx.get().registry().get(GpioLock.IO_ID), config.gpio().lock().activeLow());
        app.loop().addObserver(new GateObserver() {
            @Override
            public void decided(Decision d, JournalEntry e, String masked) {
                decisions.add(d);
            }
        });
        ThermometerConfig t = config.thermometer();
        ByteLink thermoEnd = JSerialCommLink.open(ptys.get(t.id()).device().toString(), t.baud());
        thermometer = new TimedThermometer(thermoEnd);
        open.add(thermometer);
        thermometer.start();
        for (ScannerConfig sc : config.scanners()) {
            ByteLink l = JSerialCommLink.open(ptys.get(sc.id()).device().toString(), sc.baud());
            open.add(l::close);
            scanners.put(sc.direction(), l);
            terminator = sc.terminator().bytes();
        }
        awaitReady(residents);
    }

    private static List<String> ids(GateConfig c) {
        List<String> ids = new ArrayList<>();
        ids.add(c.thermometer().id());
        c.scanners().forEach(s -> ids.add(s.id()));
        return ids;
    }

    /** Devices moved onto the ptys, the lock released only briefly, no uplink, no console. */
    private static GateConfig rewire(GateConfig c, Map<String, PtyPair> ptys) {
        ThermometerConfig t = c.thermometer();
        ThermometerConfig thermo = new ThermometerConfig(t.id(), t.model(), Transport.SERIAL,
                ptys.get(t.id()).gate().toString(), t.baud(), ThermometerConfig.Mode.QUERY, t.i2cBus(), t.i2cAddress(),
                t.offsetC(), t.k());
        List<ScannerConfig> scs = c.scanners().stream().map(sc -> new ScannerConfig(sc.id(), sc.direction(),
                Transport.SERIAL, ptys.get(sc.id()).gate().toString(), sc.baud(), sc.terminator(), sc.maxLength()))
                .toList();
        PolicyConfig p = c.policy();
        PolicyConfig policy = new PolicyConfig(p.feverThresholdC(), p.plausibleSkinMinC(), p.plausibleSkinMaxC(),
                p.mask(), p.passageWindow(), p.maskGrace(), LOCK_RELEASE, p.exitQuotaPersons(), p.exitQuotaPeriod(),
                p.antiPassback(), p.antiPassbackDenies(), p.assistedPass(), p.maskConfirmByVolunteer(),
                p.doorHeldOpen(), p.doorPreAlarm());
        return c.withPolicy(policy).withDevices(thermo, scs).withMqtt(Optional.empty()).withConsole(Optional.empty());
    }

    private void seedRoster(int residents) throws Exception {
        LocalDate today = LocalDate.now(Clock.systemUTC().withZone(config.gate().zone()));
        List<Resident> roster = new ArrayList<>(residents);
        for (int i = 0; i < residents; i++) {
            // one household each: the exit quota (one person per household) never denies an exit
            roster.add(new Resident(subject(i), PersonKind.RESIDENT, "1-101", "h" + i, Resident.Status.NORMAL,
                    today.minusYears(1), today.plusYears(1)));
        }
        try (SqliteRosterStore store = new SqliteRosterStore(config.storage().journal().resolveSibling("roster.db"))) {
            store.apply(RosterUpdate.seed(roster));
        }
    }

    private void awaitReady(int residents) throws Exception {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        List<String> ids = ids(config);
        while (true) {
            var s = app.loop().snapshot();
            boolean devicesOk = ids.stream().allMatch(id -> s.devices().containsKey(id) && s.devices().get(id).isOk());
            if (devicesOk && s.rosterSize() == residents) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("gate not ready within " + STEP_TIMEOUT.toSeconds() + " s: devices " + s.devices()
                        + ", roster " + s.rosterSize() + " of " + residents);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    static String subject(int i) {
        return String.format("R-%06d", i);
    }

    GateConfig config() {
        return config;
    }

    /** What the journal's checkpointer has done so far. */
    org.gridgate.journal.sqlite.WalCheckpointer.Counts checkpoints() {
        return ((org.gridgate.journal.sqlite.SqliteJournal) app.journal()).checkpoints();
    }

    private boolean withConsole;

    java.net.URI consoleUrl() {
        return app.consoleUrl().orElseThrow();
    }

    /**
     * One passage of resident {@code i}: mask on and the thermometer seeing skin first, then the
     * code. The payload goes into the pty first and the terminator a moment later, as a scanner's
     * line delivers it: the clock starts when the terminator (the last byte) is written.
     */
    Sample pass(int i, Direction direction) throws Exception {
        Instant now = Instant.now();
        String code = issuer.issue(new CommunityPass(Colour.GREEN, subject(i), PersonKind.RESIDENT, "", "b" + (++passes),
                now.minusSeconds(30), now.plus(Duration.ofMinutes(10))));
        ByteLink scanner = scanners.get(direction);
        thermometer.present(SKIN_C, AMBIENT_C);
        gpio.input(GateInput.Kind.MASK_PRESENT, true, config.gpio().maskDetector().orElseThrow().activeLow());
        awaitLoopIdle();
        scanner.write(code.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        TimeUnit.MILLISECONDS.sleep(2); // the gate's reader has the payload before the line ends
        long releasesBefore = lock.releases();
        long t0 = System.nanoTime();
        scanner.write(terminator);
        long t1 = lock.awaitRelease(releasesBefore, STEP_TIMEOUT);
        Decision d = decisions.poll(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (d == null || !d.granted() || t1 < 0) {
            throw new IOException("passage " + i + " (" + direction + ") was not granted: "
                    + (d == null ? "no decision" : d.outcome() + " " + d.denialReasons()));
        }
        long reply = thermometer.replyWrittenNanos();
        long afterReading = direction == Direction.ENTRY && reply > t0 ? t1 - reply : t1 - t0;
        if (!lock.awaitLocked(STEP_TIMEOUT)) {
            throw new IOException("the lock was not locked again after passage " + i);
        }
        gpio.input(GateInput.Kind.MASK_PRESENT, false, config.gpio().maskDetector().orElseThrow().activeLow());
        thermometer.present(AMBIENT_C, AMBIENT_C);
        awaitLoopIdle();
        return new Sample(t1 - t0, afterReading, direction);
    }

    /** Returns once the gate loop has handled everything queued so far (its post-decision work too). */
    private void awaitLoopIdle() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        app.loop().submit(done::countDown);
        if (!done.await(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("the gate loop did not turn within " + STEP_TIMEOUT.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                // closing what is left; the run's result is already known
            }
        }
    }
}
