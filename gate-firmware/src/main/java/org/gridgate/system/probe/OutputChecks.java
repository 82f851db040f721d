package org.gridgate.system.probe;

import com.pi4j.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gridgate.config.GpioConfig;
import org.gridgate.signals.Buzzer;
import org.gridgate.signals.Lights;
import org.gridgate.signals.gpio.GpioBuzzer;
import org.gridgate.signals.gpio.GpioLights;
import org.gridgate.signals.gpio.GpioLock;
import org.gridgate.timing.Scheduler;

/**
 * Pulses the outputs so the technician can see and hear them: the lock releases for
 * {@link #LOCK_PULSE} (only ever an unlock, then back to its safe state), the buzzer chirps, the
 * lights step green, red, amber. OK means the lines were driven; whether the relay clicked is for
 * the technician to confirm.
 */
final class OutputChecks {
    static final Duration LOCK_PULSE = Duration.ofSeconds(1);
    static final Duration LIGHT_STEP = Duration.ofMillis(400);

    private OutputChecks() {}

    static List<Outcome> pulse(Context ctx, GpioConfig config, Scheduler scheduler) throws InterruptedException {
        List<Outcome> out = new ArrayList<>();
        GpioLock lock;
        try {
            lock = new GpioLock(ctx, config.lock(), scheduler);
            lock.release(LOCK_PULSE);
            out.add(Outcome.ok("lock", "GPIO " + config.lock().pin() + " released for " + LOCK_PULSE.toMillis()
                    + " ms, then " + config.lock().safeState().name().toLowerCase(java.util.Locale.ROOT)));
        } catch (RuntimeException e) {
            out.add(Outcome.fail("lock", "GPIO " + config.lock().pin() + ": " + e.getMessage()));
            return out;
        }
        config.buzzer().ifPresent(b -> {
            try {
                new GpioBuzzer(ctx, b, scheduler).play(Buzzer.Pattern.PROMPT);
                out.add(Outcome.ok("buzzer", "GPIO " + b.pin() + " chirped"));
            } catch (RuntimeException e) {
                out.add(Outcome.fail("buzzer", "GPIO " + b.pin() + ": " + e.getMessage()));
            }
        });
        try {
            Lights lights = new GpioLights(ctx, config);
            Lights.Indication[] steps = {Lights.Indication.GRANTED, Lights.Indication.DENIED,
                Lights.Indication.WAITING, Lights.Indication.IDLE};
            for (int i = 0; i < steps.length; i++) {
                Lights.Indication step = steps[i];
                scheduler.schedule(LIGHT_STEP.multipliedBy(i), () -> lights.show(step));
            }
            out.add(Outcome.ok("lights", "green, red, amber in turn"));
        } catch (RuntimeException e) {
            out.add(Outcome.fail("lights", e.getMessage()));
        }
        CountDownLatch done = new CountDownLatch(1);
        scheduler.schedule(LOCK_PULSE.plus(LIGHT_STEP.multipliedBy(4)), done::countDown);
        done.await(10, TimeUnit.SECONDS);
        lock.toSafeState();
        return out;
    }
}
