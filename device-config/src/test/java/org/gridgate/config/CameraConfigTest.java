package org.gridgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transport: camera} scanners and their {@code camera:} section. */
class CameraConfigTest {
    static final String SIM_SCANNER = "    transport: simulated\n    baud: 115200\n    terminator: CR\n";

    @Test
    void aWebcamWithRegionAndFormats(@TempDir Path dir) throws Exception {
        Path f = DeviceKeysTest.variant(dir, SIM_SCANNER, "    transport: camera\n    camera:\n"
                + "      device: /dev/v4l/by-id/usb-046d_C270-video-index0\n      width: 800\n      height: 600\n"
                + "      fps: 20\n      region: {x: 100, y: 50, width: 600, height: 500}\n"
                + "      formats: [qr_code, data_matrix]\n      sameCodeGapMs: 3000\n");
        ScannerConfig s = ConfigLoader.load(f).scanners().get(0);
        assertEquals(Transport.CAMERA, s.transport());
        CameraConfig c = s.camera().orElseThrow();
        assertEquals(CameraConfig.Source.V4L2, c.source());
        assertEquals("/dev/v4l/by-id/usb-046d_C270-video-index0", s.port(), "the device is the port: one scanner a device");
        assertEquals(800 * 600, c.frameBytes());
        assertEquals(Optional.of(new CameraConfig.Region(100, 50, 600, 500)), c.region());
        assertEquals(List.of("QR_CODE", "DATA_MATRIX"), c.formats());
        assertEquals(Duration.ofSeconds(3), c.sameCodeGap());
        assertEquals("mjpeg", c.inputFormat());
    }

    @Test
    void thePiCameraDeliversYuv420AndACommandSourceItsArgv(@TempDir Path dir) throws Exception {
        Path pi = DeviceKeysTest.variant(dir, SIM_SCANNER, "    transport: camera\n    camera: {source: rpicam}\n");
        CameraConfig c = ConfigLoader.load(pi).scanners().get(0).camera().orElseThrow();
        assertEquals("0", c.device());
        assertEquals(640 * 480 * 3 / 2, c.frameBytes(), "Y plane then two quarter-size chroma planes");
        assertEquals(List.of("QR_CODE"), c.formats());
        Path cmd = DeviceKeysTest.variant(dir, SIM_SCANNER, "    transport: camera\n    camera:\n      source: command\n"
                + "      command: [ffmpeg, -re, -i, film.mkv, -f, rawvideo, -pix_fmt, gray, '-']\n");
        ScannerConfig s = ConfigLoader.load(cmd).scanners().get(0);
        assertEquals(List.of("ffmpeg", "-re", "-i", "film.mkv", "-f", "rawvideo", "-pix_fmt", "gray", "-"),
                s.camera().orElseThrow().command());
        assertEquals("camera:scanner-in", s.port());
    }

    @Test
    void mistakesAreReportedAtTheirField(@TempDir Path dir) throws Exception {
        Path f = DeviceKeysTest.variant(dir, SIM_SCANNER, "    transport: camera\n    camera:\n      source: command\n"
                + "      width: 640\n      region: {x: 600, y: 0, width: 100, height: 100}\n      formats: [qr, ean_13]\n"
                + "      zoom: 2\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        List<String> paths = e.problems().stream().map(ConfigProblem::path).toList();
        assertTrue(paths.contains("scanners[0].camera.command"), e.getMessage());
        assertTrue(paths.contains("scanners[0].camera.region.width"), e.getMessage());
        assertTrue(paths.contains("scanners[0].camera.formats"), e.getMessage());
        assertTrue(paths.contains("scanners[0].camera.zoom"), e.getMessage());
        Path noDevice = DeviceKeysTest.variant(dir, SIM_SCANNER, "    transport: camera\n");
        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(noDevice));
        assertTrue(missing.problems().stream().anyMatch(p -> p.path().equals("scanners[0].camera.device")),
                missing.getMessage());
        Path notCamera = DeviceKeysTest.variant(dir, SIM_SCANNER, SIM_SCANNER + "    camera: {fps: 10}\n");
        ConfigException stray = assertThrows(ConfigException.class, () -> ConfigLoader.load(notCamera));
        assertTrue(stray.problems().stream().anyMatch(p -> p.path().equals("scanners[0].camera")), stray.getMessage());
    }
}
