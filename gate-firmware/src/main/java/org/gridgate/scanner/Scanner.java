package org.gridgate.scanner;

import org.gridgate.device.DeviceListener;

/** A barcode/QR scanner. Codes arrive on the listener; adapters reconnect on their own after a fault. */
public interface Scanner extends AutoCloseable {
    String id();

    void start(DeviceListener<ScannedCode> listener);

    @Override
    void close();
}
