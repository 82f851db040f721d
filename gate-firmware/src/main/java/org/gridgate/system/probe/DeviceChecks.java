package org.gridgate.system.probe;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.DeviceStatus;
import org.gridgate.scanner.ScannedCode;
import org.gridgate.signals.GateInput;
import org.gridgate.signals.serial.SerialMaskLine;
import org.gridgate.scanner.Scanner;
import org.gridgate.thermometer.TemperatureReading;
import org.gridgate.thermometer.Thermometer;
import org.gridgate.timing.Scheduler;

/** Exercises one input device through its real adapter until it delivers something or time runs out. */
final class DeviceChecks {
    static final Duration ASK_EVERY = Duration.ofMillis(500);

    private DeviceChecks() {}

    /** Collects the first value and the latest fault; the adapter keeps running until closed. */
    private static final class Catch<T> implements DeviceListener<T> {
        final CountDownLatch got = new CountDownLatch(1);
        final AtomicReference<T> value = new AtomicReference<>();
        final AtomicReference<DeviceStatus> fault = new AtomicReference<>();

        @Override
        public void accept(T v) {
            value.compareAndSet(null, v);
            got.countDown();
        }

        @Override
        public void status(DeviceStatus s) {
            fault.set(s.isOk() ? null : s);
        }

        boolean await(Duration timeout) throws InterruptedException {
            return got.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        String failure(String nothing) {
            DeviceStatus f = fault.get();
            return f != null ? f.reason() : nothing;
        }
    }

    static Outcome thermometer(Thermometer t, Duration timeout, Scheduler scheduler) throws InterruptedException {
        Catch<TemperatureReading> c = new Catch<>();
        try (t) {
            t.start(c);
            keepAsking(t::requestReading, c, scheduler);
            if (c.await(timeout)) {
                TemperatureReading r = c.value.get();
                return Outcome.ok(t.id(), String.format("object %.2f °C, ambient %.2f °C%s", r.objectC(), r.ambientC(),
                        r.raw().isEmpty() ? "" : " [" + r.raw() + "]"));
            }
            return Outcome.fail(t.id(), c.failure("no reading within " + timeout.toSeconds() + " s"));
        }
    }

    static Outcome scanner(Scanner s, Duration timeout, Scheduler scheduler) throws InterruptedException {
        Catch<ScannedCode> c = new Catch<>();
        try (s) {
            s.start(c);
            keepAsking(s::trigger, c, scheduler);
            if (c.await(timeout)) {
                // The content may be personal data: the length is enough to show decoding works.
                return Outcome.ok(s.id(), "read a code of " + c.value.get().text().length() + " chars"
                        + (s instanceof org.gridgate.scanner.camera.CameraScanner cam ? "; " + cam.stats() : ""));
            }
            return Outcome.fail(s.id(), c.failure("no code read within " + timeout.toSeconds()
                    + " s (present a code while probing)"
                    + (s instanceof org.gridgate.scanner.camera.CameraScanner cam ? "; " + cam.stats() : "")));
        }
    }

    static Outcome maskLine(SerialMaskLine m, Duration timeout) throws InterruptedException {
        Catch<GateInput> c = new Catch<>();
        try (m) {
            m.start(c);
            if (c.await(timeout)) {
                return Outcome.ok(m.id(), "reported mask " + (c.value.get().asserted() ? "present" : "absent"));
            }
            return Outcome.fail(m.id(), c.failure("no line within " + timeout.toSeconds()
                    + " s (step in front of the detector while probing)"));
        }
    }

    private static void keepAsking(Runnable ask, Catch<?> c, Scheduler scheduler) {
        ask.run();
        scheduler.schedule(ASK_EVERY, () -> {
            if (c.got.getCount() > 0) {
                keepAsking(ask, c, scheduler);
            }
        });
    }
}
