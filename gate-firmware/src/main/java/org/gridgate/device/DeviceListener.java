package org.gridgate.device;

/**
 * Where an input device delivers what it reads. Implementations must not block: the gate loop's
 * implementation only enqueues.
 */
public interface DeviceListener<T> {
    void accept(T value);

    void status(DeviceStatus status);
}
