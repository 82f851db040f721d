package org.gridgate.config;

import java.time.Duration;

/**
 * The IR thermometer.
 *
 * @param port serial device path (stable {@code /dev/serial/by-id/...} preferred); empty for I2C
 * @param offsetC calibration offset added to the skin reading
 * @param k ambient coefficient: {@code body = skin + offset + k * (skin - ambient)}
 * @param frameTimeout continuous mode: no frame for this long is a fault (the board went silent)
 * @param pollInterval I2C: how often the sensor is read
 */
public record ThermometerConfig(
        String id,
        Model model,
        Transport transport,
        String port,
        int baud,
        Mode mode,
        int i2cBus,
        int i2cAddress,
        double offsetC,
        double k,
        Duration frameTimeout,
        Duration pollInterval) {

    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    /** The shape before frame timeout and poll interval existed; both take their defaults. */
    public ThermometerConfig(String id, Model model, Transport transport, String port, int baud, Mode mode,
            int i2cBus, int i2cAddress, double offsetC, double k) {
        this(id, model, transport, port, baud, mode, i2cBus, i2cAddress, offsetC, k, DEFAULT_FRAME_TIMEOUT,
                DEFAULT_POLL_INTERVAL);
    }

    public enum Model { GY_MCU90614, MLX90614 }

    public enum Mode { QUERY, CONTINUOUS }
}
