package org.gridgate.scanner;

import org.gridgate.device.DeviceListener;

/** A barcode/QR scanner. Codes arrive on the listener; adapters reconnect on their own after a fault. */
public interface Scanner extends AutoCloseable {
    String id();

    void start(DeviceListener<ScannedCode> listener);

    /**
     * Asks a command-mode scanner to scan now (a passage is waiting for a code). Scanners that scan
     * on their own ignore it. Never blocks.
     */
    default void trigger() {}

    @Override
    void close();
}
