package org.gridgate.thermometer;

import java.time.Instant;

/**
 * One reading of an IR thermometer: object (skin) and ambient temperature in °C, as measured.
 *
 * @param raw the sensor's words as read, in hex ({@code "obj=3AD2 amb=3A9C"}), for calibration and
 *     fault analysis; empty where the source has none (simulated, tests)
 */
public record TemperatureReading(String sensorId, double objectC, double ambientC, Instant at, String raw) {
    public TemperatureReading(String sensorId, double objectC, double ambientC, Instant at) {
        this(sensorId, objectC, ambientC, at, "");
    }
}
