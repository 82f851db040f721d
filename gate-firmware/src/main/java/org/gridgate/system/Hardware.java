package org.gridgate.system;

import com.pi4j.context.Context;
import java.util.function.Function;
import org.gridgate.config.GpioConfig;
import org.gridgate.device.ByteLinkFactory;
import org.gridgate.device.serial.JSerialCommLink;
import org.gridgate.signals.gpio.Pi4jContexts;

/**
 * Where the gate's devices are: real ports and GPIO on a terminal, pipes and Pi4J's mock in the
 * simulator. The composition root asks this for links and the GPIO context; nothing else differs.
 */
public record Hardware(ByteLinkFactory serial, Function<GpioConfig, Context> gpio) {
    /** Serial ports through jSerialComm, GPIO through the provider the config names. */
    public static Hardware real() {
        return new Hardware(JSerialCommLink::open, Pi4jContexts::create);
    }
}
