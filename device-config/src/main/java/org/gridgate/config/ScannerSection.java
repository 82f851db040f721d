package org.gridgate.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code scanners} list: at least one scanner, at most one per direction, each with the
 * settings its transport (serial, evdev, camera, simulated) takes.
 */
final class ScannerSection {
    private ScannerSection() {}

    static List<ScannerConfig> readAll(Section top, Claims claims) {
        List<ScannerConfig> scanners = top.list("scanners", s -> scanner(s, claims));
        if (scanners.isEmpty()) {
            top.problem("scanners", top.has("scanners") ? "needs at least one scanner" : "missing required field");
        }
        checkOnePerDirection(top, scanners);
        return scanners;
    }

    private static ScannerConfig scanner(Section s, Claims claims) {
        String id = s.string("id");
        ScannerConfig.Direction dir = s.choice("direction", ScannerConfig.Direction.class,
                ScannerConfig.Direction.ENTRY, true);
        Transport transport = s.choice("transport", Transport.class, Transport.SERIAL, true);
        if (transport == Transport.I2C) {
            s.problem("transport", "a scanner is reached over serial, evdev, camera or simulated");
        }
        Optional<CameraConfig> camera = transport == Transport.CAMERA
                ? Optional.of(s.optSection("camera").map(CameraSection::read)
                        .orElseGet(() -> CameraSection.read(s.emptyChild("camera"))))
                : Optional.empty();
        if (transport != Transport.CAMERA && s.has("camera")) {
            s.problem("camera", "only for transport: camera");
        }
        String port = s.string("port", transport == Transport.SIMULATED ? "sim:" + id
                : camera.map(c -> c.source() == CameraConfig.Source.COMMAND ? "camera:" + id : c.device()).orElse(""));
        if (port.isEmpty()) {
            s.problem("port", "missing required field");
        }
        int baud = (int) s.integer("baud", 9600, 1200, 921_600);
        ScannerConfig.Terminator term = s.choice("terminator", ScannerConfig.Terminator.class,
                ScannerConfig.Terminator.CR, false);
        int max = (int) s.integer("maxLength", 4096, 16, 65_536);
        ScannerConfig.Trigger trigger = s.choice("trigger", ScannerConfig.Trigger.class,
                ScannerConfig.Trigger.NONE, false);
        if (trigger != ScannerConfig.Trigger.NONE && transport == Transport.EVDEV) {
            s.problem("trigger", "a keyboard (evdev) scanner cannot be triggered: use trigger none");
        }
        int recordSize = (int) s.integer("recordSize", 0, 0, 24);
        if (recordSize != 0 && recordSize != 16 && recordSize != 24) {
            s.problem("recordSize", "struct input_event is 16 (32-bit) or 24 (64-bit) bytes, got " + recordSize);
        }
        boolean grab = s.bool("grab", true);
        claims.port(s, "port", port);
        return new ScannerConfig(id, dir, transport, port, baud, term, max, trigger, recordSize, grab, camera);
    }

    private static void checkOnePerDirection(Section top, List<ScannerConfig> scanners) {
        Map<ScannerConfig.Direction, String> seen = new HashMap<>();
        for (ScannerConfig sc : scanners) {
            String before = seen.putIfAbsent(sc.direction(), sc.id());
            if (before != null) {
                top.problem("scanners", "scanners '" + before + "' and '" + sc.id() + "' both read direction "
                        + sc.direction().name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
