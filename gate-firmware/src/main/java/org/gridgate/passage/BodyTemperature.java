package org.gridgate.passage;

/**
 * A forehead (skin) reading converted to a body estimate; the raw readings travel with it so that a
 * calibration can be audited later.
 */
public record BodyTemperature(double skinC, double ambientC, double bodyC, int readings) {}
