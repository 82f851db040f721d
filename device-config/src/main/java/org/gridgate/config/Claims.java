package org.gridgate.config;

import java.util.HashMap;
import java.util.Map;

/** Which config field took each GPIO pin and device port: two devices on one is a problem. */
final class Claims {
    private final Map<String, String> taken = new HashMap<>();

    void pin(Section s, String key, int pin) {
        claim(s, key, "GPIO " + pin);
    }

    void port(Section s, String key, String port) {
        if (port.matches("(?i)COM\\d+:?")) {
            s.problem(key, "'" + port + "' is a Windows port name; the gate runs on Linux: use the device's "
                    + "/dev/serial/by-id/... name (ls /dev/serial/by-id/), or /dev/ttyUSB0, /dev/ttyACM0, /dev/serial0");
            return;
        }
        if (!port.isEmpty()) {
            claim(s, key, port);
        }
    }

    private void claim(Section s, String key, String resource) {
        String path = s.child(key);
        String before = taken.putIfAbsent(resource, path);
        if (before != null) {
            s.problem(key, resource + " is already used by " + before);
        }
    }
}
