package org.gridgate.passage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.gridgate.device.DeviceStatus;

/** The gate's mode, policy in force, device health and open alarms; owned by the gate loop thread. */
final class GateState {
    GateMode mode = GateMode.NORMAL;
    /** Replaced as a whole by a config reload; a passage decides with the policy in force at that moment. */
    volatile Policy policy;
    final Map<String, DeviceStatus> devices = new LinkedHashMap<>();
    final Map<Long, String> openAlarms = new TreeMap<>();
}
