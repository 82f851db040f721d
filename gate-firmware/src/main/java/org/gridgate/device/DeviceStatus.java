package org.gridgate.device;

import java.time.Instant;

/** Health of one device as its adapter sees it; the gate denies entry while a required one is down. */
public record DeviceStatus(String deviceId, State state, String reason, Instant at) {
    public enum State { OK, FAULT }

    public static DeviceStatus ok(String deviceId, Instant at) {
        return new DeviceStatus(deviceId, State.OK, "", at);
    }

    public static DeviceStatus fault(String deviceId, String reason, Instant at) {
        return new DeviceStatus(deviceId, State.FAULT, reason, at);
    }

    public boolean isOk() {
        return state == State.OK;
    }
}
