package org.gridgate.sim.devices;

import org.gridgate.device.ByteLink;

/** A simulated device plugged into the device end of a byte link (a pipe or a pseudo-terminal). */
public interface DeviceEnd {
    /** The gate opened its end: start serving this link. */
    void attach(ByteLink link);

    /** Pull the plug: the gate's reads fail as on a real unplug. */
    void detach();
}
