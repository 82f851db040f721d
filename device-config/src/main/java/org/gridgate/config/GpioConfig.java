package org.gridgate.config;

import java.util.Optional;

/**
 * GPIO wiring, BCM numbering. The lock's safe state is stated, never assumed: it is what the
 * daemon drives at start, at stop and after a fault.
 */
public record GpioConfig(
        Provider provider,
        Lock lock,
        Optional<Output> buzzer,
        Optional<Output> greenLight,
        Optional<Output> redLight,
        Optional<Output> amberLight,
        Optional<Input> door,
        Optional<Input> exitButton,
        Optional<Input> maskDetector) {

    public enum Provider { GPIOD, MOCK }

    public enum SafeState { LOCKED, RELEASED }

    public record Output(int pin, boolean activeLow) {}

    public record Lock(int pin, boolean activeLow, SafeState safeState) {}

    /** A digital input; {@code activeLow} means the signal is asserted when the pin reads low. */
    public record Input(int pin, boolean activeLow, int debounceMs) {}
}
