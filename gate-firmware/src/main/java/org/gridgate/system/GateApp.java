package org.gridgate.system;

import com.pi4j.context.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridgate.config.GateConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.console.Console;
import org.gridgate.credential.CredentialVerifier;
import org.gridgate.journal.IdentityProtector;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.passage.GateLoop;
import org.gridgate.passage.Policy;
import org.gridgate.passage.Signals;
import org.gridgate.passage.sqlite.SqliteHistory;
import org.gridgate.roster.sqlite.SqliteRosterStore;
import org.gridgate.scanner.Scanner;
import org.gridgate.signals.Buzzer;
import org.gridgate.signals.Lock;
import org.gridgate.signals.gpio.GpioBuzzer;
import org.gridgate.signals.gpio.GpioInputs;
import org.gridgate.signals.gpio.GpioLights;
import org.gridgate.signals.gpio.GpioLock;
import org.gridgate.signals.serial.SerialMaskLine;
import org.gridgate.thermometer.Thermometer;
import org.gridgate.timing.ExecutorScheduler;
import org.gridgate.system.notify.WatchdogPetter;
import org.gridgate.uplink.Uplink;
import org.gridgate.uplink.mqtt.PahoUplink;
import org.gridgate.uplink.mqtt.UplinkTuning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the whole gate from its config, wiring by constructor. The simulator
 * and the tests build the same graph with other {@link Hardware}. A feature with wiring of its own
 * is built beside it and started from here: the device adapters ({@link DeviceAdapters}), what runs
 * over the uplink ({@link UplinkServices}), the volunteer console ({@link ConsoleWiring}), the
 * resident's outputs ({@link ResidentOutputs}) and the journal's upkeep ({@link JournalPruner}).
 */
public final class GateApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GateApp.class);

    /** The config in force: the loaded one, with the policy of the last successful reload. */
    private volatile GateConfig config;
    private final ExecutorScheduler scheduler;
    private final Context gpio;
    private final Lock lock;
    private final Journal journal;
    private final Optional<Uplink> uplink;
    private final Thermometer thermometer;
    private final List<Scanner> scanners;
    private final GateLoop loop;
    private final ServiceManager service;
    private final Clock clock;
    private volatile boolean closed;
    private volatile WatchdogPetter watchdog;
    private final List<AutoCloseable> stores;
    private volatile Optional<Console> console = Optional.empty();
    private Inbox inbox;
    private UplinkServices uplinkServices;
    private JournalPruner pruner;
    private ResidentOutputs resident;

    private GateApp(GateConfig config, ExecutorScheduler scheduler, Context gpio, Lock lock, Journal journal,
            Optional<Uplink> uplink, Thermometer thermometer, List<Scanner> scanners, GateLoop loop,
            ServiceManager service, Clock clock, List<AutoCloseable> stores) {
        this.stores = stores;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.gpio = gpio;
        this.lock = lock;
        this.journal = journal;
        this.uplink = uplink;
        this.thermometer = thermometer;
        this.scanners = scanners;
        this.loop = loop;
        this.service = service;
    }

    /** Builds and starts the gate; on failure everything already opened is closed again. */
    public static GateApp start(GateConfig config, Hardware hardware, Clock clock, ServiceManager service)
            throws StartupException {
        ExecutorScheduler scheduler = new ExecutorScheduler("gate-timers");
        Context gpio;
        try {
            gpio = hardware.gpio().apply(config.gpio());
        } catch (RuntimeException e) {
            scheduler.close();
            throw new StartupException(ExitCodes.UNAVAILABLE, "cannot open GPIO (" + config.gpio().provider()
                    .name().toLowerCase() + "): " + e.getMessage(), e);
        }
        // The lock goes to its safe state before anything else can fail.
        GpioLock lock = new GpioLock(gpio, config.gpio().lock(), scheduler);
        Journal journal;
        try {
            StateFiles.secure(config.storage());
            journal = SqliteJournal.open(config.storage(), config.gate(), clock);
        } catch (JournalException | java.io.IOException e) {
            lock.toSafeState();
            gpio.shutdown();
            scheduler.close();
            // A journal from a newer version (a downgrade) is a configuration matter: 78, no restart loop.
            int exit = org.gridgate.storage.NewerSchemaException.in(e).isPresent() ? ExitCodes.CONFIG : ExitCodes.CANT_CREATE;
            throw new StartupException(exit, "cannot open the journal: " + e.getMessage(), e);
        }
        try {
            IdentityProtector identities = IdentityProtector.open(config.storage().identityKeyFile());
            Buzzer buzzer = config.gpio().buzzer().<Buzzer>map(b -> new GpioBuzzer(gpio, b, scheduler))
                    .orElse(Silent.BUZZER);
            Signals signals = new Signals(lock, buzzer, new GpioLights(gpio, config.gpio()));
            GpioInputs inputs = new GpioInputs(gpio, config.gpio(), clock, scheduler);
            Thermometer thermometer = DeviceAdapters.thermometer(config.thermometer(), hardware, clock, scheduler);
            List<Scanner> scanners = new ArrayList<>();
            for (ScannerConfig sc : config.scanners()) {
                scanners.add(DeviceAdapters.scanner(sc, hardware, clock, scheduler));
            }
            Inbox inbox = Inbox.open(config, clock);
            CredentialVerifier verifier;
            try {
                verifier = Credentials.verifier(config.credentials(), inbox.lists());
            } catch (StartupException e) {
                inbox.close();
                throw e;
            }
            Optional<PahoUplink> paho = config.mqtt().map(m -> new PahoUplink(m, config.gate(), journal, scheduler, clock, UplinkTuning.DEFAULTS));
            Optional<Uplink> uplink = paho.map(u -> u);
            Runnable wake = uplink.<Runnable>map(u -> u::wake).orElse(() -> { });
            SqliteHistory history = new SqliteHistory(config.storage().journal().resolveSibling("history.db"),
                    identities::hash, Duration.ofDays(60));
            GateLoop loop = new GateLoop(new GateLoop.Parts(Policy.from(config), verifier, thermometer, signals, inputs,
                    journal, wake, new KeyedPseudonyms(identities), history, clock, scheduler));
            SqliteRosterStore rosters = new SqliteRosterStore(config.storage().journal().resolveSibling("roster.db"));
            if (rosters.version() >= 0) {
                loop.replaceRoster(rosters.entries());
            }
            loop.addObserver(new PassageLog());
            loop.start();
            scanners.forEach(s -> s.start(loop.scannerListener()));
            Optional<SerialMaskLine> maskLine = config.maskLine().map(m -> new SerialMaskLine(m, hardware.serial(),
                    clock, scheduler));
            maskLine.ifPresent(m -> m.start(loop.inputListener()));
            GateApp app = new GateApp(config, scheduler, gpio, lock, journal, uplink, thermometer, scanners, loop,
                    service, clock, maskLine.<List<AutoCloseable>>map(m -> List.of(m, history, rosters))
                            .orElse(List.of(history, rosters)));
            app.inbox = inbox;
            paho.ifPresent(u -> app.uplinkServices = UplinkServices.start(u, config, inbox, loop, journal, rosters,
                    app::reloadConfig, body -> app.record(RecordKind.EVENT, body), scheduler, clock));
            app.startConsole();
            app.resident = ResidentOutputs.start(config, loop, clock, scheduler);
            app.pruner = new JournalPruner(journal, loop, scheduler, clock);
            app.pruner.start();
            app.record(RecordKind.EVENT, Map.of("event", "started"));
            LOG.info("gate {} of {} up: {} scanner(s), lock safe state {}", config.gate().id(),
                    config.gate().community(), scanners.size(), config.gpio().lock().safeState());
            service.ready("gate " + config.gate().id() + " ready");
            return app;
        } catch (IOException | java.sql.SQLException | StartupException e) {
            lock.toSafeState();
            journal.close();
            gpio.shutdown();
            scheduler.close();
            if (e instanceof StartupException startup) {
                throw startup;
            }
            if (e instanceof org.gridgate.storage.NewerSchemaException newer) {
                throw new StartupException(ExitCodes.CONFIG, newer.getMessage(), e);
            }
            throw new StartupException(ExitCodes.CANT_CREATE, "cannot open the identity key or trust.db: "
                    + e.getMessage(), e);
        }
    }

    /** The volunteer console, when configured; a port that cannot be bound stops the start. */
    private void startConsole() throws StartupException {
        if (config.console().isEmpty()) {
            return;
        }
        try {
            console = Optional.of(ConsoleWiring.start(config.console().get(), loop, journal, this::uplinkConnected,
                    this::lastTrustUpdate, config.gate().zone(), scheduler, clock));
        } catch (IOException | RuntimeException e) {
            loop.close();
            uplink.ifPresent(Uplink::close);
            scanners.forEach(Scanner::close);
            thermometer.close();
            throw new StartupException(ExitCodes.UNAVAILABLE, "cannot start the console: " + e.getMessage(), e);
        }
    }

    /** What the resident sees and hears: the display page (its URL), the LCD, the voice. */
    public ResidentOutputs resident() {
        return resident;
    }

    /** Where the volunteer console answers, when it is configured. */
    public Optional<java.net.URI> consoleUrl() {
        return console.map(Console::url);
    }

    private void record(RecordKind kind, Map<String, Object> body) {
        try {
            journal.append(kind, clock.instant(), body);
            uplink.ifPresent(Uplink::wake);
        } catch (JournalException e) {
            LOG.error("cannot record {}: {}", kind, e.getMessage());
        }
    }

    /** The {@code reload} command: re-reads the config file; the policy in force changes only if it is valid. */
    private synchronized String reloadConfig() {
        Reload.Outcome r = Reload.apply(config, loop::replacePolicy);
        config = r.inForce();
        return r.message();
    }

    /** When the trust list in force was issued; empty before the first one arrived. */
    public Optional<java.time.Instant> lastTrustUpdate() {
        return inbox.lists().lastTrustUpdate();
    }

    /** Pets the service manager's watchdog every half interval, but only while the gate loop turns. */
    public void startWatchdog(Duration interval) {
        WatchdogPetter w = new WatchdogPetter(service, interval, loop::turns, scheduler);
        watchdog = w;
        w.start();
    }

    public GateLoop loop() {
        return loop;
    }

    public Journal journal() {
        return journal;
    }

    public GateConfig config() {
        return config;
    }

    public boolean uplinkConnected() {
        return uplink.map(Uplink::connected).orElse(false);
    }

    /** Stops in order: no new passages, lock to its safe state, devices, uplink, journal. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pruner != null) {
            pruner.stop();
        }
        if (watchdog != null) {
            watchdog.close();
        }
        service.stopping("gate stopping");
        console.ifPresent(Console::close);
        if (uplinkServices != null) {
            uplinkServices.stop(); // before the loop stops answering its snapshots
        }
        loop.close();
        if (resident != null) {
            resident.close();
        }
        lock.toSafeState();
        scanners.forEach(Scanner::close);
        thermometer.close();
        record(RecordKind.EVENT, Map.of("event", "stopped", "lock", lock.isReleased() ? "released" : "locked"));
        uplink.ifPresent(Uplink::close);
        inbox.close();
        journal.close();
        for (AutoCloseable s : stores) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", s.getClass().getSimpleName(), e.getMessage());
            }
        }
        scheduler.close();
        gpio.shutdown();
        LOG.info("gate stopped; lock in its safe state");
    }
}
