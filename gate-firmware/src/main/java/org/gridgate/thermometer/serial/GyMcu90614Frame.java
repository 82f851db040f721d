package org.gridgate.thermometer.serial;

/** One decoded GY-MCU90614 temperature frame, in °C. */
record GyMcu90614Frame(double objectC, double ambientC) {}
