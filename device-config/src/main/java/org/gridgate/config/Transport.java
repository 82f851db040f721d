package org.gridgate.config;

/**
 * How a device is reached. {@code SIMULATED} devices are played by the gridgate simulator; a
 * {@code CAMERA} scanner decodes frames from a webcam or the Pi camera itself.
 */
public enum Transport { SERIAL, I2C, EVDEV, SIMULATED, CAMERA }
