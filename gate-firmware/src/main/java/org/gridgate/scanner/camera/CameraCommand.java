package org.gridgate.scanner.camera;

import java.util.List;
import org.gridgate.config.CameraConfig;

/** The program that delivers a camera's frames as raw grey (or YUV 4:2:0) on its standard output. */
final class CameraCommand {
    private CameraCommand() {}

    static List<String> argv(CameraConfig c) {
        String size = c.width() + "x" + c.height();
        return switch (c.source()) {
            // -input_format asks the webcam for MJPEG: raw YUYV at 640x480 exceeds many USB 2.0 webcams'
            // bandwidth at 15 fps and beyond; ffmpeg decodes and converts to 8-bit grey.
            case V4L2 -> List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                    "-f", "v4l2", "-input_format", c.inputFormat(), "-video_size", size,
                    "-framerate", Integer.toString(c.fps()), "-i", c.device(),
                    "-vf", "scale=" + c.width() + ":" + c.height(),
                    "-f", "rawvideo", "-pix_fmt", "gray", "-");
            // libcamera's YUV 4:2:0: the Y plane first, which is the grey picture; the chroma is skipped.
            case RPICAM -> List.of("rpicam-vid", "-t", "0", "-n", "--camera", c.device(), "--codec", "yuv420",
                    "--width", Integer.toString(c.width()), "--height", Integer.toString(c.height()),
                    "--framerate", Integer.toString(c.fps()), "-o", "-");
            case COMMAND -> c.command();
        };
    }
}
