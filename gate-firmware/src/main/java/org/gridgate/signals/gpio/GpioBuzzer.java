package org.gridgate.signals.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import java.util.List;
import org.gridgate.config.GpioConfig;
import org.gridgate.signals.Buzzer;
import org.gridgate.timing.Scheduler;

/** An active (DC) buzzer: each pattern is a timed on/off sequence run on the scheduler. */
public final class GpioBuzzer implements Buzzer {
    public static final String IO_ID = "buzzer";

    private final DigitalOutput out;
    private final boolean activeLow;
    private final Scheduler scheduler;
    private long generation;

    public GpioBuzzer(Context ctx, GpioConfig.Output config, Scheduler scheduler) {
        this.out = Outputs.create(ctx, IO_ID, config.pin(), config.activeLow(), false);
        this.activeLow = config.activeLow();
        this.scheduler = scheduler;
    }

    /** Alternating on/off durations in milliseconds, starting with "on". */
    static List<Integer> steps(Pattern p) {
        return switch (p) {
            case GRANTED -> List.of(120);
            case DENIED -> List.of(120, 100, 120);
            case PROMPT -> List.of(40);
            case FEVER_ALARM -> List.of(600, 200, 600, 200, 600, 200, 600);
            case DOOR_ALARM -> List.of(300, 300, 300, 300, 300, 300, 300, 300, 300);
        };
    }

    @Override
    public synchronized void play(Pattern pattern) {
        long gen = ++generation;
        List<Integer> steps = steps(pattern);
        Outputs.set(out, true, activeLow);
        long at = 0;
        for (int i = 0; i < steps.size(); i++) {
            at += steps.get(i);
            boolean on = i % 2 == 1; // after an "on" step comes "off", and so on
            scheduler.schedule(Duration.ofMillis(at), () -> step(gen, on));
        }
    }

    private synchronized void step(long gen, boolean on) {
        if (gen == generation) {
            Outputs.set(out, on, activeLow);
        }
    }

    @Override
    public synchronized void silence() {
        generation++;
        Outputs.set(out, false, activeLow);
    }
}
