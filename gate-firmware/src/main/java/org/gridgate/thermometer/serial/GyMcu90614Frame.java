package org.gridgate.thermometer.serial;

/** One decoded GY-MCU90614 temperature frame, in °C, with the signed raw words (hundredths of °C). */
public record GyMcu90614Frame(double objectC, double ambientC, short rawObject, short rawAmbient) {
    GyMcu90614Frame(double objectC, double ambientC) {
        this(objectC, ambientC, (short) Math.round(objectC * 100), (short) Math.round(ambientC * 100));
    }

    String rawHex() {
        return String.format("obj=%04X amb=%04X", rawObject & 0xFFFF, rawAmbient & 0xFFFF);
    }
}
