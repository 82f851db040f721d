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
import org.gridgate.config.ThermometerConfig;
import org.gridgate.config.Transport;
import org.gridgate.console.ClockStatus;
import org.gridgate.console.Console;
import org.gridgate.credential.CredentialVerifier;
import org.gridgate.journal.IdentityProtector;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.passage.GateLoop;
import org.gridgate.passage.Policy;
import org.gridgate.passage.Pseudonyms;
import org.gridgate.passage.Signals;
import org.gridgate.passage.sqlite.SqliteHistory;
import org.gridgate.roster.sqlite.SqliteRosterStore;
import org.gridgate.scanner.Scanner;
import org.gridgate.scanner.evdev.EvdevScanner;
import org.gridgate.scanner.serial.SerialScanner;
import org.gridgate.signals.Buzzer;
import org.gridgate.signals.Lock;
import org.gridgate.signals.gpio.GpioBuzzer;
import org.gridgate.signals.gpio.GpioInputs;
import org.gridgate.signals.gpio.GpioLights;
import org.gridgate.signals.gpio.GpioLock;
import org.gridgate.signals.serial.SerialMaskLine;
import org.gridgate.thermometer.Thermometer;
import org.gridgate.thermometer.i2c.Mlx90614Thermometer;
import org.gridgate.thermometer.serial.GyMcu90614Thermometer;
import org.gridgate.timing.ExecutorScheduler;
import org.gridgate.system.notify.WatchdogPetter;
import org.gridgate.command.CommandHandler;
import org.gridgate.journal.JournalEntry;
import org.gridgate.uplink.DailySummary;
import org.gridgate.uplink.StatusReporter;
import org.gridgate.uplink.Uplink;
import org.gridgate.uplink.mqtt.PahoUplink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the whole gate from its config, wiring by constructor. The simulator
 * and the tests build the same graph with other {@link Hardware}.
 */
public final class GateApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GateApp.class);
    static final Duration PRUNE_EVERY = Duration.ofHours(1);

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
    static final int RESEND_MAX = 10_000;
    private Inbox inbox;
    private StatusReporter status;
    private DailySummary summary;

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
            Pseudonyms pseudonyms = new Pseudonyms() {
                @Override
                public String hash(String identity) {
                    return identities.hash(identity);
                }

                @Override
                public String mask(String identity) {
                    return IdentityProtector.mask(identity);
                }
            };
            Buzzer buzzer = config.gpio().buzzer().<Buzzer>map(b -> new GpioBuzzer(gpio, b, scheduler))
                    .orElse(Silent.BUZZER);
            Signals signals = new Signals(lock, buzzer, new GpioLights(gpio, config.gpio()));
            GpioInputs inputs = new GpioInputs(gpio, config.gpio(), clock, scheduler);
            Thermometer thermometer = thermometer(config.thermometer(), hardware, clock, scheduler);
            List<Scanner> scanners = new ArrayList<>();
            for (ScannerConfig sc : config.scanners()) {
                scanners.add(scanner(sc, hardware, clock, scheduler));
            }
            Inbox inbox = Inbox.open(config, clock);
            CredentialVerifier verifier;
            try {
                verifier = Credentials.verifier(config.credentials(), inbox.lists());
            } catch (StartupException e) {
                inbox.close();
                throw e;
            }
            Optional<PahoUplink> paho = config.mqtt().map(m -> new PahoUplink(m, config.gate(), journal, scheduler, clock, PahoUplink.Tuning.DEFAULTS));
            Optional<Uplink> uplink = paho.map(u -> u);
            Runnable wake = uplink.<Runnable>map(u -> u::wake).orElse(() -> { });
            SqliteHistory history = new SqliteHistory(config.storage().journal().resolveSibling("history.db"),
                    identities::hash, Duration.ofDays(60));
            GateLoop loop = new GateLoop(new GateLoop.Parts(Policy.from(config), verifier, thermometer, signals, inputs,
                    journal, wake, pseudonyms, history, clock, scheduler));
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
            paho.ifPresent(u -> app.startUplink(u, rosters));
            app.startConsole();
            app.schedulePrune();
            app.record(RecordKind.EVENT, Map.of("event", "started"));
            LOG.info("gate {} of {} up: {} scanner(s), lock safe state {}", config.gate().id(),
                    config.gate().community(), scanners.size(), config.gpio().lock().safeState());
            service.ready("gate " + config.gate().id() + " ready");
            return app;
        } catch (IOException | java.sql.SQLException e) {
            lock.toSafeState();
            journal.close();
            gpio.shutdown();
            scheduler.close();
            if (e instanceof org.gridgate.storage.NewerSchemaException newer) {
                throw new StartupException(ExitCodes.CONFIG, newer.getMessage(), e);
            }
            throw new StartupException(ExitCodes.CANT_CREATE, "cannot open the identity key or trust.db: "
                    + e.getMessage(), e);
        } catch (StartupException e) {
            lock.toSafeState();
            journal.close();
            gpio.shutdown();
            scheduler.close();
            throw e;
        }
    }

    /** The adapter for the configured thermometer; also used by the technician's probe. */
    public static Thermometer thermometer(ThermometerConfig tc, Hardware hw, Clock clock, ExecutorScheduler s)
            throws StartupException {
        return switch (tc.model()) {
            case GY_MCU90614 -> new GyMcu90614Thermometer(tc, hw.serial(), clock, s);
            case MLX90614 -> Mlx90614Thermometer.linuxfs(tc, clock, s);
        };
    }

    /** The adapter for a configured scanner; also used by the technician's probe. */
    public static Scanner scanner(ScannerConfig sc, Hardware hw, Clock clock, ExecutorScheduler s)
            throws StartupException {
        if (sc.transport() == Transport.EVDEV) {
            return EvdevScanner.linux(sc, clock, s);
        }
        return new SerialScanner(sc, hw.serial(), clock, s);
    }

    /** The volunteer console, when configured; a port that cannot be bound stops the start. */
    private void startConsole() throws StartupException {
        if (config.console().isEmpty()) {
            return;
        }
        try {
            Console c = Console.start(config.console().get(), new Console.Parts(loop, loop::residentsOfUnit,
                    journal::stats, this::uplinkConnected, this::lastTrustUpdate,
                    new ClockStatus(clock, ClockStatus.TIMESYNC_FLAG), clock, config.gate().zone()));
            loop.addObserver(c.observer());
            console = Optional.of(c);
            scheduler.schedule(Duration.ZERO, () -> {
                try {
                    c.countToday(journal);
                } catch (RuntimeException e) {
                    LOG.warn("console: could not read today's passages back from the journal: {}", e.getMessage());
                }
            });
        } catch (IOException | RuntimeException e) {
            loop.close();
            uplink.ifPresent(Uplink::close);
            scanners.forEach(Scanner::close);
            thermometer.close();
            throw new StartupException(ExitCodes.UNAVAILABLE, "cannot start the console: " + e.getMessage(), e);
        }
    }

    /** Where the volunteer console answers, when it is configured. */
    public Optional<java.net.URI> consoleUrl() {
        return console.map(Console::url);
    }

    private void schedulePrune() {
        scheduler.schedule(PRUNE_EVERY, () -> loop.submit(() -> {
            if (closed) {
                return;
            }
            try {
                Journal.Pruned p = journal.prune(clock.instant());
                if (p.lostUndelivered()) {
                    loop.raiseAlarm("storage_dropped", Map.of("alarm", "storage_dropped", "count", p.droppedUndelivered(),
                            "firstSeq", p.firstDroppedSeq(), "lastSeq", p.lastDroppedSeq()));
                }
            } catch (JournalException e) {
                LOG.error("journal pruning failed: {}", e.getMessage());
            }
            schedulePrune();
        }));
    }

    private void record(RecordKind kind, Map<String, Object> body) {
        try {
            journal.append(kind, clock.instant(), body);
            uplink.ifPresent(Uplink::wake);
        } catch (JournalException e) {
            LOG.error("cannot record {}: {}", kind, e.getMessage());
        }
    }

    /** Inbound routing, signed commands, the status and the daily summary: all need the uplink. */
    private void startUplink(PahoUplink u, SqliteRosterStore rosters) {
        CommandHandler commands = new CommandHandler(config.gate().id(), inbox.rootKeys(), inbox.db(), loop,
                new CommandHandler.Actions() {
                    @Override
                    public String resend(long fromSeq, long toSeq) {
                        List<JournalEntry> entries = journal.range(fromSeq, toSeq, RESEND_MAX);
                        u.republish(entries);
                        return entries.size() + " record(s) of " + fromSeq + ".." + toSeq + " re-published"
                                + (entries.size() == RESEND_MAX ? " (capped; ask again from the next seq)" : "");
                    }

                    @Override
                    public String reloadConfig() {
                        synchronized (GateApp.this) {
                            Reload.Outcome r = Reload.apply(config, loop::replacePolicy);
                            config = r.inForce();
                            return r.message();
                        }
                    }
                }, journal, u::wake, u::publishCommandResult, clock);
        u.start(new InboundRouter(loop, rosters, inbox.rootKeys(), inbox.lists(), commands,
                body -> record(RecordKind.EVENT, body), new org.gridgate.uplink.Rejections(clock)));
        status = new StatusReporter(loop, journal, inbox.trustAge(), BuildInfo.version(), u::publishStatus, scheduler, clock);
        status.start();
        summary = new DailySummary(journal, config.gate().zone(), scheduler, clock, u::wake);
        summary.start();
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
        if (watchdog != null) {
            watchdog.close();
        }
        service.stopping("gate stopping");
        console.ifPresent(Console::close);
        if (status != null) {
            status.stop(); // before the loop stops answering its snapshots
            summary.stop();
        }
        loop.close();
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
