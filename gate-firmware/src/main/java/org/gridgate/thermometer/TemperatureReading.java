package org.gridgate.thermometer;

import java.time.Instant;

/** One reading of an IR thermometer: object (skin) and ambient temperature in °C, as measured. */
public record TemperatureReading(String sensorId, double objectC, double ambientC, Instant at) {}
