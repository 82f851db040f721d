package org.gridgate.thermometer;

import org.gridgate.device.DeviceListener;

/** An IR thermometer. Readings arrive on the listener; adapters reconnect on their own after a fault. */
public interface Thermometer extends AutoCloseable {
    String id();

    /** Starts reading on the adapter's own thread. Called once. */
    void start(DeviceListener<TemperatureReading> listener);

    /** Asks for a fresh reading now (query-mode devices); continuous devices may ignore it. Never blocks. */
    void requestReading();

    @Override
    void close();
}
