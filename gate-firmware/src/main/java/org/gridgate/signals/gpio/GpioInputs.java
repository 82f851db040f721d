package org.gridgate.signals.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.gridgate.config.GpioConfig;
import org.gridgate.signals.GateInput;
import org.gridgate.signals.GateInput.Kind;
import org.gridgate.signals.GateInputs;
import org.gridgate.timing.Scheduler;

/**
 * Door contact, exit button and mask signal on GPIO, debounced here (not in the provider) so the
 * timing is the same on every provider and testable by advancing a clock: a level counts once it
 * has held for the configured debounce time.
 */
public final class GpioInputs implements GateInputs {
    public static String ioId(Kind kind) {
        return switch (kind) {
            case DOOR_OPEN -> "door";
            case EXIT_REQUEST -> "exit-button";
            case MASK_PRESENT -> "mask-detector";
        };
    }

    private final Map<Kind, Line> lines = new EnumMap<>(Kind.class);
    private final Clock clock;
    private final Scheduler scheduler;
    private volatile Consumer<GateInput> listener = x -> {};

    public GpioInputs(Context ctx, GpioConfig config, Clock clock, Scheduler scheduler) {
        this.clock = clock;
        this.scheduler = scheduler;
        add(ctx, Kind.DOOR_OPEN, config.door());
        add(ctx, Kind.EXIT_REQUEST, config.exitButton());
        add(ctx, Kind.MASK_PRESENT, config.maskDetector());
    }

    private void add(Context ctx, Kind kind, Optional<GpioConfig.Input> cfg) {
        cfg.ifPresent(c -> {
            DigitalInput in = ctx.create(DigitalInput.newConfigBuilder(ctx)
                    .id(ioId(kind))
                    .name(ioId(kind))
                    .address(c.pin())
                    .pull(c.activeLow() ? PullResistance.PULL_UP : PullResistance.PULL_DOWN));
            Line line = new Line(kind, c, in);
            lines.put(kind, line);
            in.addListener(e -> line.raw(e.state()));
        });
    }

    @Override
    public void start(Consumer<GateInput> listener) {
        this.listener = listener;
    }

    @Override
    public boolean isAsserted(Kind kind) {
        Line l = lines.get(kind);
        return l != null && l.debounced;
    }

    @Override
    public boolean isWired(Kind kind) {
        return lines.containsKey(kind);
    }

    @Override
    public void close() {
        // inputs are released with the Pi4J context
    }

    private final class Line {
        private final Kind kind;
        private final GpioConfig.Input config;
        private boolean debounced;
        private boolean rawAsserted;
        private long changes;

        Line(Kind kind, GpioConfig.Input config, DigitalInput in) {
            this.kind = kind;
            this.config = config;
            DigitalState s = in.state();
            this.rawAsserted = asserted(s);
            this.debounced = rawAsserted;
        }

        private boolean asserted(DigitalState s) {
            boolean high = s == DigitalState.HIGH;
            return high != config.activeLow();
        }

        synchronized void raw(DigitalState state) {
            rawAsserted = asserted(state);
            long seen = ++changes;
            if (config.debounceMs() == 0) {
                settle(seen);
            } else {
                scheduler.schedule(Duration.ofMillis(config.debounceMs()), () -> settle(seen));
            }
        }

        private void settle(long seen) {
            GateInput event;
            synchronized (this) {
                if (seen != changes || rawAsserted == debounced) {
                    return; // bounced again since, or back where it was
                }
                debounced = rawAsserted;
                event = new GateInput(kind, debounced, clock.instant());
            }
            listener.accept(event);
        }
    }
}
