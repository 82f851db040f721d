package org.gridgate.signals.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.util.Optional;
import org.gridgate.config.GpioConfig;
import org.gridgate.signals.Lights;

/** Green/red/amber LEDs; any of them may be absent. */
public final class GpioLights implements Lights {
    private final Optional<DigitalOutput> green;
    private final Optional<DigitalOutput> red;
    private final Optional<DigitalOutput> amber;
    private final GpioConfig config;

    public GpioLights(Context ctx, GpioConfig config) {
        this.config = config;
        this.green = config.greenLight().map(o -> Outputs.create(ctx, "light-green", o.pin(), o.activeLow(), false));
        this.red = config.redLight().map(o -> Outputs.create(ctx, "light-red", o.pin(), o.activeLow(), false));
        this.amber = config.amberLight().map(o -> Outputs.create(ctx, "light-amber", o.pin(), o.activeLow(), false));
    }

    @Override
    public void show(Indication indication) {
        boolean g = indication == Indication.GRANTED;
        boolean r = indication == Indication.DENIED || indication == Indication.ALARM || indication == Indication.FAULT;
        boolean a = indication == Indication.WAITING || indication == Indication.FAULT;
        green.ifPresent(o -> Outputs.set(o, g, config.greenLight().orElseThrow().activeLow()));
        red.ifPresent(o -> Outputs.set(o, r, config.redLight().orElseThrow().activeLow()));
        amber.ifPresent(o -> Outputs.set(o, a, config.amberLight().orElseThrow().activeLow()));
    }
}
