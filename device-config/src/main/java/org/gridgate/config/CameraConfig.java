package org.gridgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A camera that reads codes off residents' phones ({@code transport: camera}). Frames reach the gate
 * as raw 8-bit grey from a supervised subprocess: {@code ffmpeg} for a UVC webcam through V4L2,
 * {@code rpicam-vid} for the Raspberry Pi camera module (its YUV 4:2:0 Y plane), or any {@code command}
 * that writes {@code width x height} grey frames to its standard output (the simulator's virtual camera).
 *
 * @param device V4L2 node ({@code /dev/video0}, better {@code /dev/v4l/by-id/...}), or the libcamera
 *     camera index for rpicam ("0")
 * @param inputFormat V4L2 pixel format asked of the webcam ({@code mjpeg} or {@code yuyv422})
 * @param region the part of the frame searched for a code; empty: all of it
 * @param formats symbologies accepted (ZXing names: QR_CODE, DATA_MATRIX, AZTEC, PDF_417)
 * @param command for {@code source: command}, the program and its arguments
 * @param sameCodeGap the same code seen again after this long without it is a new scan; while it stays
 *     in view it is one scan
 */
public record CameraConfig(
        Source source,
        String device,
        int width,
        int height,
        int fps,
        String inputFormat,
        Optional<Region> region,
        List<String> formats,
        List<String> command,
        Duration sameCodeGap) {

    public enum Source { V4L2, RPICAM, COMMAND }

    /** A rectangle of the frame in pixels. */
    public record Region(int x, int y, int width, int height) {}

    public CameraConfig {
        formats = List.copyOf(formats);
        command = List.copyOf(command);
    }

    /** Bytes the source writes per frame: grey for ffmpeg and commands, YUV 4:2:0 (Y plane first) for rpicam. */
    public int frameBytes() {
        int luma = width * height;
        return source == Source.RPICAM ? luma + 2 * (((width + 1) / 2) * ((height + 1) / 2)) : luma;
    }
}
