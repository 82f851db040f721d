package org.gridgate.passage;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridgate.config.GateIdentity;
import org.gridgate.config.GpioConfig;
import org.gridgate.credential.CredentialVerifier;
import org.gridgate.credential.HealthCredential;
import org.gridgate.credential.Verification;
import org.gridgate.device.DeviceListener;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.roster.Resident;
import org.gridgate.scanner.ScannedCode;
import org.gridgate.signals.GateInput;
import org.gridgate.signals.gpio.GpioBuzzer;
import org.gridgate.signals.gpio.GpioInputs;
import org.gridgate.signals.gpio.GpioLights;
import org.gridgate.signals.gpio.GpioLock;
import org.gridgate.signals.gpio.Pi4jContexts;
import org.gridgate.thermometer.TemperatureReading;
import org.gridgate.thermometer.Thermometer;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;

/**
 * A gate loop on a manual clock with real GPIO (Pi4J mock), a real SQLite journal on disk, and a
 * thermometer the test feeds. Codes are "code:SUBJECT:COLOUR" (the verifier is a test double: the
 * credential pipeline has its own tests).
 */
final class GateHarness implements AutoCloseable {
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final GpioConfig GPIO = new GpioConfig(GpioConfig.Provider.MOCK,
            new GpioConfig.Lock(4, true, GpioConfig.SafeState.LOCKED), Optional.of(GpioConfig.Buzzer.active(27, false)),
            Optional.of(new GpioConfig.Output(22, false)), Optional.of(new GpioConfig.Output(23, false)), Optional.empty(),
            Optional.of(new GpioConfig.Input(5, true, 0)), Optional.of(new GpioConfig.Input(6, true, 0)),
            Optional.of(new GpioConfig.Input(13, false, 0)), 0);

    final ManualClock clock = new ManualClock(START);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final Context gpio = Pi4jContexts.create(GpioConfig.Provider.MOCK);
    final SqliteJournal journal;
    final FakeThermometer thermometer = new FakeThermometer();
    final GateLoop loop;
    final List<String> alarms = new CopyOnWriteArrayList<>();
    final List<Decision> decisions = new CopyOnWriteArrayList<>();
    /** For each code verified, how many readings the gate had asked the thermometer for by then. */
    final List<Integer> thermometerAskedAtVerify = new CopyOnWriteArrayList<>();
    final GpioLock lock;

    GateHarness(Path dir, Policy policy) throws Exception {
        journal = new SqliteJournal(dir.resolve("journal.db"), new GateIdentity("g1", "c1", ZoneId.of("UTC")),
                new SqliteJournal.Limits(Duration.ofDays(30), 100L << 20), clock);
        lock = new GpioLock(gpio, GPIO.lock(), scheduler);
        Signals signals = new Signals(lock, new GpioBuzzer(gpio, GPIO.buzzer().orElseThrow(), scheduler),
                new GpioLights(gpio, GPIO));
        GpioInputs inputs = new GpioInputs(gpio, GPIO, clock, scheduler);
        CredentialVerifier verifier = (text, now) -> {
            thermometerAskedAtVerify.add(thermometer.requests.get());
            String[] p = text.split(":");
            if (p.length != 3 || !p[0].equals("code")) {
                return new Verification.Rejected(Verification.Failure.UNREADABLE, "test code");
            }
            return new Verification.Verified(new HealthCredential(HealthCredential.Format.COMMUNITY_PASS,
                    HealthCredential.Colour.valueOf(p[2]), p[1], HealthCredential.PersonKind.RESIDENT, "", "pass-" + p[1], "k",
                    now.minusSeconds(1), now.plusSeconds(600)));
        };
        Pseudonyms pseudonyms = new Pseudonyms() {
            @Override
            public String hash(String identity) {
                return "h" + identity.hashCode();
            }

            @Override
            public String mask(String identity) {
                return "*" + identity.substring(identity.length() - 1);
            }
        };
        loop = new GateLoop(new GateLoop.Parts(policy, verifier, thermometer, signals, inputs, journal, () -> { },
                pseudonyms, new MemoryHistory(), clock, scheduler));
        loop.addObserver(new GateObserver() {
            @Override
            public void decided(Decision decision, JournalEntry entry, String masked) {
                decisions.add(decision);
            }

            @Override
            public void alarm(String code, JournalEntry entry) {
                alarms.add(code);
            }
        });
        LocalDate from = LocalDate.parse("2026-01-01");
        LocalDate to = LocalDate.parse("2026-12-31");
        loop.replaceRoster(List.of(
                new Resident("R-1", HealthCredential.PersonKind.RESIDENT, "1-101", "1-101", Resident.Status.NORMAL, from, to),
                new Resident("R-2", HealthCredential.PersonKind.RESIDENT, "1-101", "1-101", Resident.Status.NORMAL, from, to),
                new Resident("R-Q", HealthCredential.PersonKind.RESIDENT, "2-202", "2-202",
                        Resident.Status.HOME_QUARANTINE, from, to)));
        loop.start();
        sync();
    }

    static Policy policy(Policy.Movement movement) {
        return new Policy(37.3, 30, 45, true, Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofSeconds(5), 0, 0,
                ZoneId.of("UTC"), movement);
    }

    /** Returns once the loop has handled everything queued so far. */
    void sync() {
        loop.snapshot();
    }

    void advance(Duration d) {
        scheduler.advance(d);
        sync();
    }

    void scan(String text, Direction direction) {
        loop.scannerListener().accept(new ScannedCode("s", direction, text, clock.instant()));
        sync();
    }

    void reading(double skin) {
        thermometer.listener.accept(new TemperatureReading("t", skin, 22.0, clock.instant()));
        sync();
    }

    void input(GateInput.Kind kind, boolean asserted) {
        MockDigitalInput in = (MockDigitalInput) gpio.registry().get(GpioInputs.ioId(kind));
        boolean activeLow = kind != GateInput.Kind.MASK_PRESENT;
        in.mockState(asserted != activeLow ? DigitalState.HIGH : DigitalState.LOW);
        sync();
    }

    DigitalState pin(String id) {
        return ((DigitalOutput) gpio.registry().get(id)).state();
    }

    Decision last() {
        return decisions.get(decisions.size() - 1);
    }

    @Override
    public void close() {
        loop.close();
        journal.close();
        gpio.shutdown();
    }

    static final class FakeThermometer implements Thermometer {
        final AtomicInteger requests = new AtomicInteger();
        volatile DeviceListener<TemperatureReading> listener;

        @Override
        public String id() {
            return "t";
        }

        @Override
        public void start(DeviceListener<TemperatureReading> l) {
            listener = l;
        }

        @Override
        public void requestReading() {
            requests.incrementAndGet();
        }

        @Override
        public void close() {}
    }

    static List<String> kinds(List<JournalEntry> entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.kind().topicLevel()));
        return out;
    }
}
