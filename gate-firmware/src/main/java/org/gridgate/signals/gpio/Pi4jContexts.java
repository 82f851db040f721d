package org.gridgate.signals.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.gridgate.config.GpioConfig;

/** Builds a Pi4J context with exactly the providers the config names: no auto-detection surprises. */
public final class Pi4jContexts {
    private Pi4jContexts() {}

    public static Context create(GpioConfig.Provider provider) {
        return switch (provider) {
            case GPIOD -> Pi4J.newContextBuilder()
                    .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                    .build();
            case MOCK -> Pi4J.newContextBuilder()
                    .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                    .build();
        };
    }
}
