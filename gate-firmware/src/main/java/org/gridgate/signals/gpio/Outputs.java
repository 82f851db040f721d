package org.gridgate.signals.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;

/** Creates digital outputs that speak in "energised or not", hiding active-low wiring. */
final class Outputs {
    private Outputs() {}

    static DigitalState level(boolean energised, boolean activeLow) {
        return energised ^ activeLow ? DigitalState.HIGH : DigitalState.LOW;
    }

    /** An output that starts, and is left by Pi4J's shutdown, de-energised unless told otherwise. */
    static DigitalOutput create(Context ctx, String id, int pin, boolean activeLow, boolean energisedAtRest) {
        DigitalState rest = level(energisedAtRest, activeLow);
        return ctx.create(DigitalOutput.newConfigBuilder(ctx)
                .id(id)
                .name(id)
                .address(pin)
                .initial(rest)
                .shutdown(rest));
    }

    static void set(DigitalOutput out, boolean energised, boolean activeLow) {
        out.state(level(energised, activeLow));
    }
}
