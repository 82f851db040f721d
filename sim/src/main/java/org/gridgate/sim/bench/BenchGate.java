package org.gridgate.sim.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridgate.config.GateConfig;
import org.gridgate.config.GpioConfig;
import org.gridgate.device.ByteLinkFactory;
import org.gridgate.device.DeviceStatus;
import org.gridgate.journal.JournalEntry;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateControl;
import org.gridgate.passage.GateObserver;
import org.gridgate.signals.GateInput;
import org.gridgate.sim.devices.SimulatedHardware;
import org.gridgate.system.GateApp;
import org.gridgate.system.Hardware;
import org.gridgate.system.ServiceManager;
import org.gridgate.system.StartupException;

/**
 * The real daemon ({@link GateApp}) started in the bench's process, so the bench can drive its GPIO
 * inputs on Pi4J's mock provider and watch what it decides. Serial devices come from {@code serial}:
 * in-process pipes, or pseudo-terminals opened through jSerialComm.
 */
public final class BenchGate implements AutoCloseable {
    private final GateApp app;
    private final SimulatedHardware gpio;
    private final BlockingQueue<Decision> decisions = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> alarms = new LinkedBlockingQueue<>();
    private final BlockingQueue<DeviceStatus> devices = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> rosters = new LinkedBlockingQueue<>();

    private BenchGate(GateApp app, SimulatedHardware gpio) {
        this.app = app;
        this.gpio = gpio;
    }

    /** Starts the gate; GPIO always runs on the mock provider so the bench can drive it. */
    public static BenchGate start(GateConfig config, ByteLinkFactory serial, SimulatedHardware gpio, Clock clock)
            throws StartupException {
        Hardware hardware = gpio.hardware(serial);
        GateApp app = GateApp.start(config, hardware, clock, ServiceManager.NONE);
        BenchGate b = new BenchGate(app, gpio);
        app.loop().addObserver(new GateObserver() {
            @Override
            public void decided(Decision d, JournalEntry e, String masked) {
                b.decisions.add(d);
            }

            @Override
            public void alarm(String code, JournalEntry entry) {
                b.alarms.add(code);
            }

            @Override
            public void device(DeviceStatus status) {
                b.devices.add(status);
            }

            @Override
            public void rosterReplaced(int size) {
                b.rosters.add(size);
            }
        });
        return b;
    }

    public GateControl control() {
        return app.loop();
    }

    public GateConfig config() {
        return app.config();
    }

    public GateApp app() {
        return app;
    }

    /** The next decision, or empty when none came within {@code timeout}. */
    public Optional<Decision> awaitDecision(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(decisions.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Waits until everything the gate loop had queued is done, then hands over the alarms raised so far. */
    public List<String> alarmsSoFar() {
        app.loop().snapshot();
        List<String> out = new ArrayList<>();
        alarms.drainTo(out);
        return out;
    }

    /** Waits until a status of {@code deviceId} reports {@code ok}; false at the deadline. */
    public boolean awaitDevice(String deviceId, boolean ok, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        DeviceStatus last = app.loop().snapshot().devices().get(deviceId);
        if (last != null && last.isOk() == ok) {
            return true;
        }
        while (System.nanoTime() < deadline) {
            DeviceStatus s = devices.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (s != null && s.deviceId().equals(deviceId) && s.isOk() == ok) {
                return true;
            }
        }
        return false;
    }

    /** Waits for the roster to arrive (or to be there already); false at the deadline. */
    public boolean awaitRoster(Duration timeout) throws InterruptedException {
        return app.loop().rosterSize() > 0 || rosters.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    /** Drives a GPIO input as the wiring would; false when the config has no such input. */
    public boolean input(GateInput.Kind kind, boolean asserted) {
        GpioConfig g = app.config().gpio();
        Optional<GpioConfig.Input> in = switch (kind) {
            case MASK_PRESENT -> g.maskDetector();
            case DOOR_OPEN -> g.door();
            case EXIT_REQUEST -> g.exitButton();
        };
        in.ifPresent(i -> gpio.input(kind, asserted, i.activeLow()));
        return in.isPresent();
    }

    @Override
    public void close() {
        app.close();
    }
}
