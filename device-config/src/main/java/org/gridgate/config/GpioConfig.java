package org.gridgate.config;

import java.util.Optional;

/**
 * GPIO wiring, BCM numbering. The lock's safe state is stated, never assumed: it is what the
 * daemon drives at start, at stop and after a fault.
 */
public record GpioConfig(
        Provider provider,
        Lock lock,
        Optional<Buzzer> buzzer,
        Optional<Output> greenLight,
        Optional<Output> redLight,
        Optional<Output> amberLight,
        Optional<Input> door,
        Optional<Input> exitButton,
        Optional<Input> maskDetector,
        int pwmChip) {

    public enum Provider { GPIOD, MOCK }

    public enum SafeState { LOCKED, RELEASED }

    public record Output(int pin, boolean activeLow) {}

    /**
     * The buzzer. An active buzzer beeps on DC (a plain output); a passive one needs a tone, made
     * by a hardware PWM channel at {@code tone.hz} with 50 % duty.
     */
    public record Buzzer(int pin, boolean activeLow, Optional<Tone> tone) {
        public static Buzzer active(int pin, boolean activeLow) {
            return new Buzzer(pin, activeLow, Optional.empty());
        }
    }

    /** A passive buzzer's tone: frequency and the PWM channel of {@code /sys/class/pwm/pwmchipN}. */
    public record Tone(int hz, int pwmChannel) {}

    /** Hardware PWM channel of a BCM pin on a Pi 4 (GPIO 12/18 = PWM0, 13/19 = PWM1); -1 if none. */
    public static int pwmChannelOf(int pin) {
        return switch (pin) {
            case 12, 18 -> 0;
            case 13, 19 -> 1;
            default -> -1;
        };
    }

    public record Lock(int pin, boolean activeLow, SafeState safeState) {}

    /** A digital input; {@code activeLow} means the signal is asserted when the pin reads low. */
    public record Input(int pin, boolean activeLow, int debounceMs) {}
}
