package org.gridgate.config;

/** How a device is reached. {@code SIMULATED} devices are played by the gridgate simulator. */
public enum Transport { SERIAL, I2C, EVDEV, SIMULATED }
