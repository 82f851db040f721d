package org.gridgate.signals.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import java.time.Duration;
import java.util.List;
import org.gridgate.config.GpioConfig;
import org.gridgate.signals.Buzzer;
import org.gridgate.timing.Scheduler;

/**
 * The buzzer: each pattern is a timed on/off sequence run on the scheduler. An active buzzer is
 * switched by a digital output; a passive one gets a square-wave tone (50 % duty) from a hardware
 * PWM channel while "on" and none while "off".
 */
public final class GpioBuzzer implements Buzzer {
    public static final String IO_ID = "buzzer";
    static final int DUTY_PERCENT = 50;

    private final Sounder sounder;
    private final Scheduler scheduler;
    private long generation;

    /** How a buzzer makes sound; switched only under this object's lock. */
    private interface Sounder {
        void sound(boolean on);
    }

    public GpioBuzzer(Context ctx, GpioConfig.Buzzer config, Scheduler scheduler) {
        this.scheduler = scheduler;
        this.sounder = config.tone().isPresent() ? tone(ctx, config.tone().get()) : dc(ctx, config);
    }

    private static Sounder dc(Context ctx, GpioConfig.Buzzer config) {
        DigitalOutput out = Outputs.create(ctx, IO_ID, config.pin(), config.activeLow(), false);
        return on -> Outputs.set(out, on, config.activeLow());
    }

    private static Sounder tone(Context ctx, GpioConfig.Tone tone) {
        Pwm pwm = ctx.create(Pwm.newConfigBuilder(ctx)
                .id(IO_ID)
                .name(IO_ID)
                .address(tone.pwmChannel())
                .pwmType(PwmType.HARDWARE)
                .frequency(tone.hz())
                .dutyCycle(DUTY_PERCENT)
                .initial(0)
                .shutdown(0)
                .build());
        pwm.off();
        return on -> {
            if (on) {
                pwm.on(DUTY_PERCENT, tone.hz());
            } else {
                pwm.off();
            }
        };
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
        sounder.sound(true);
        long at = 0;
        for (int i = 0; i < steps.size(); i++) {
            at += steps.get(i);
            boolean on = i % 2 == 1; // after an "on" step comes "off", and so on
            scheduler.schedule(Duration.ofMillis(at), () -> step(gen, on));
        }
    }

    private synchronized void step(long gen, boolean on) {
        if (gen == generation) {
            sounder.sound(on);
        }
    }

    @Override
    public synchronized void silence() {
        generation++;
        sounder.sound(false);
    }
}
