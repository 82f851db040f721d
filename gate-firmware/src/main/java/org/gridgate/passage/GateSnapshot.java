package org.gridgate.passage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gridgate.device.DeviceStatus;

/**
 * The gate's state for the console and the status message.
 *
 * @param openAlarms alarms not yet acknowledged, by journal sequence number, with their code
 */
public record GateSnapshot(
        Instant at,
        GateMode mode,
        Map<String, DeviceStatus> devices,
        int rosterSize,
        boolean passageInProgress,
        Map<Long, String> openAlarms,
        List<String> degraded) {
    public GateSnapshot {
        devices = Map.copyOf(devices);
        openAlarms = Map.copyOf(openAlarms);
        degraded = List.copyOf(degraded);
    }
}
