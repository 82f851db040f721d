package org.gridgate.signals.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import org.gridgate.config.GpioConfig;

/**
 * Builds a Pi4J context with exactly the providers the config names: no auto-detection surprises.
 * Digital I/O through gpiod; a passive buzzer's tone through the kernel's PWM sysfs
 * ({@code /sys/class/pwm/pwmchipN}, enabled by {@code dtoverlay=pwm} or {@code pwm-2chan}).
 */
public final class Pi4jContexts {
    static final String PWM_SYSFS = "/sys/class/pwm";

    private Pi4jContexts() {}

    public static Context create(GpioConfig config) {
        return create(config.provider(), config.pwmChip());
    }

    /** A context with PWM on {@code pwmchip0}. */
    public static Context create(GpioConfig.Provider provider) {
        return create(provider, 0);
    }

    public static Context create(GpioConfig.Provider provider, int pwmChip) {
        return switch (provider) {
            case GPIOD -> Pi4J.newContextBuilder()
                    .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
                            LinuxFsPwmProvider.newInstance(PWM_SYSFS, pwmChip))
                    .build();
            case MOCK -> Pi4J.newContextBuilder()
                    .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
                            MockPwmProvider.newInstance())
                    .build();
        };
    }
}
