package org.gridgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.gridgate.config.CameraConfig.Region;
import org.gridgate.config.CameraConfig.Source;

/** Reads a camera scanner's {@code camera:} section. */
final class CameraSection {
    /** The symbologies the decoder can be asked for (ZXing names), all 2D: what a phone pass is. */
    static final Set<String> FORMATS = Set.of("QR_CODE", "DATA_MATRIX", "AZTEC", "PDF_417");

    private CameraSection() {}

    static CameraConfig read(Section s) {
        Source source = s.choice("source", Source.class, Source.V4L2, false);
        String device = s.string("device", source == Source.RPICAM ? "0" : source == Source.V4L2 ? "" : "command");
        if (device.isEmpty()) {
            s.problem("device", "missing required field (the V4L2 node, e.g. /dev/v4l/by-id/usb-...-video-index0)");
        }
        int width = (int) s.integer("width", 640, 64, 4096);
        int height = (int) s.integer("height", 480, 48, 3072);
        int fps = (int) s.integer("fps", 15, 1, 120);
        String inputFormat = s.string("inputFormat", "mjpeg");
        if (!inputFormat.matches("[a-z0-9_]+")) {
            s.problem("inputFormat", "a V4L2 pixel format name such as mjpeg or yuyv422");
        }
        Optional<Region> region = s.optSection("region").map(r -> {
            Region v = new Region((int) r.integer("x", 0, 0, 4095), (int) r.integer("y", 0, 0, 3071),
                    (int) r.integer("width", width, 32, 4096), (int) r.integer("height", height, 32, 3072));
            if (v.x() + v.width() > width || v.y() + v.height() > height) {
                r.problem("width", "the region " + v.x() + "," + v.y() + " " + v.width() + "x" + v.height()
                        + " does not fit the " + width + "x" + height + " frame");
            }
            r.finish();
            return v;
        });
        List<String> formats = s.strings("formats").stream().map(f -> f.trim().toUpperCase(Locale.ROOT)).toList();
        if (formats.isEmpty()) {
            formats = List.of("QR_CODE");
        }
        for (String f : formats) {
            if (!FORMATS.contains(f)) {
                s.problem("formats", "unknown format '" + f + "': one of " + String.join(", ", FORMATS.stream().sorted().toList()));
            }
        }
        List<String> command = s.strings("command");
        if (source == Source.COMMAND && command.isEmpty()) {
            s.problem("command", "source command needs the program and its arguments (it writes "
                    + width + "x" + height + " grey frames to its standard output)");
        } else if (source != Source.COMMAND && !command.isEmpty()) {
            s.problem("command", "only for source: command");
        }
        if (source == Source.RPICAM && (width % 2 != 0 || height % 2 != 0)) {
            s.problem("width", "rpicam-vid's YUV 4:2:0 needs an even width and height");
        }
        long gapMs = s.integer("sameCodeGapMs", 2000, 200, 60_000);
        s.finish();
        return new CameraConfig(source, device, width, height, fps, inputFormat, region, formats, command,
                Duration.ofMillis(gapMs));
    }
}
