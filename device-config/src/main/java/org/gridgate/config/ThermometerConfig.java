package org.gridgate.config;

/**
 * The IR thermometer.
 *
 * @param port serial device path (stable {@code /dev/serial/by-id/...} preferred); empty for I2C
 * @param offsetC calibration offset added to the skin reading
 * @param k ambient coefficient: {@code body = skin + offset + k * (skin - ambient)}
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
        double k) {

    public enum Model { GY_MCU90614, MLX90614 }

    public enum Mode { QUERY, CONTINUOUS }
}
