package org.gridgate.config;

import java.util.Optional;
import org.gridgate.config.GpioConfig.Input;
import org.gridgate.config.GpioConfig.Output;

/** The {@code gpio} section: provider, lock, buzzer (active or passive), lights, inputs, PWM chip. */
final class GpioSection {
    private GpioSection() {}

    static GpioConfig read(Section s, Claims claims) {
        GpioConfig.Provider provider = s.choice("provider", GpioConfig.Provider.class, GpioConfig.Provider.GPIOD, true);
        Section l = s.section("lock");
        int lockPin = pin(l, "pin", claims, true);
        boolean lockLow = l.bool("activeLow", false);
        GpioConfig.SafeState safe = l.choice("safeState", GpioConfig.SafeState.class, GpioConfig.SafeState.LOCKED, true);
        l.finish();
        Optional<GpioConfig.Buzzer> buzzer = buzzer(s, claims);
        Section lights = s.sectionOrEmpty("lights");
        Optional<Output> green = output(lights, "green", claims);
        Optional<Output> red = output(lights, "red", claims);
        Optional<Output> amber = output(lights, "amber", claims);
        lights.finish();
        Optional<Input> door = input(s, "door", claims);
        Optional<Input> exit = input(s, "exitButton", claims);
        Optional<Input> mask = input(s, "maskDetector", claims);
        int pwmChip = (int) s.integer("pwmChip", 0, 0, 15);
        s.finish();
        return new GpioConfig(provider, new GpioConfig.Lock(lockPin, lockLow, safe), buzzer, green, red, amber,
                door, exit, mask, pwmChip);
    }

    /** {@code type: active} (default, DC) or {@code passive} (a PWM tone on a hardware PWM pin). */
    private static Optional<GpioConfig.Buzzer> buzzer(Section parent, Claims claims) {
        return parent.optSection("buzzer").map(s -> {
            int pin = pin(s, "pin", claims, true);
            boolean activeLow = s.bool("activeLow", false);
            String type = s.string("type", "active");
            Optional<GpioConfig.Tone> tone = Optional.empty();
            if (type.equals("passive")) {
                int hz = (int) s.integer("toneHz", 2700, 100, 10_000);
                int defaultChannel = GpioConfig.pwmChannelOf(pin);
                int channel = (int) s.integer("pwmChannel", Math.max(defaultChannel, 0), 0, 7);
                if (defaultChannel < 0 && !s.has("pwmChannel")) {
                    s.problem("pin", "a passive buzzer needs a hardware PWM pin (GPIO 12, 13, 18 or 19), or set "
                            + "pwmChannel for your board");
                }
                if (activeLow) {
                    s.problem("activeLow", "a passive buzzer is driven by a PWM tone; activeLow does not apply");
                }
                tone = Optional.of(new GpioConfig.Tone(hz, channel));
            } else if (!type.equals("active")) {
                s.problem("type", "must be active or passive, not '" + type + "'");
            } else {
                for (String k : new String[] {"toneHz", "pwmChannel"}) {
                    if (s.has(k)) {
                        s.optString(k); // read: reported here, not again as an unknown key
                        s.problem(k, "only for type: passive");
                    }
                }
            }
            s.finish();
            return new GpioConfig.Buzzer(pin, activeLow, tone);
        });
    }

    private static int pin(Section s, String key, Claims claims, boolean required) {
        int pin = required ? s.requiredInt(key, 0, 27) : (int) s.integer(key, 0, 0, 27);
        claims.pin(s, key, pin);
        return pin;
    }

    private static Optional<Output> output(Section parent, String key, Claims claims) {
        return parent.optSection(key).map(s -> {
            Output o = new Output(pin(s, "pin", claims, true), s.bool("activeLow", false));
            s.finish();
            return o;
        });
    }

    private static Optional<Input> input(Section parent, String key, Claims claims) {
        return parent.optSection(key).map(s -> {
            Input i = new Input(pin(s, "pin", claims, true), s.bool("activeLow", true),
                    (int) s.integer("debounceMs", 30, 0, 1000));
            s.finish();
            return i;
        });
    }
}
