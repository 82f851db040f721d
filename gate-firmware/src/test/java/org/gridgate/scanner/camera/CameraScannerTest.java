package org.gridgate.scanner.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.gridgate.config.CameraConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.config.Transport;
import org.gridgate.credential.qr.QrCodes;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.DeviceStatus;
import org.gridgate.device.pipe.PipeLink;
import org.gridgate.scanner.ScannedCode;
import org.gridgate.testing.Await;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Test;

/** The camera scanner fed frames through an in-process pipe, as a frame grabber would write them. */
class CameraScannerTest {
    static final int W = 640;
    static final int H = 480;
    static final Duration WAIT = Duration.ofSeconds(20);

    static ScannerConfig config(CameraConfig.Source source, int fps) {
        return new ScannerConfig("cam-in", ScannerConfig.Direction.ENTRY, Transport.CAMERA, "camera:cam-in", 0,
                ScannerConfig.Terminator.CR, 4096, ScannerConfig.Trigger.NONE, 0, true,
                Optional.of(new CameraConfig(source, "command", W, H, fps, "mjpeg", Optional.empty(), List.of("QR_CODE"),
                        List.of("true"), Duration.ofSeconds(2))));
    }

    /** A grey 640x480 frame: mid-grey, with a QR code of {@code text} at (160, 90) when given. */
    static byte[] frame(String text) {
        byte[] f = new byte[W * H];
        java.util.Arrays.fill(f, (byte) 128);
        if (text != null) {
            BufferedImage code = QrCodes.encode(text, 300);
            for (int y = 0; y < 300; y++) {
                for (int x = 0; x < 300; x++) {
                    f[(y + 90) * W + x + 160] = (byte) (code.getRGB(x, y) & 0xff);
                }
            }
        }
        return f;
    }

    static final class Seen implements DeviceListener<ScannedCode> {
        final List<ScannedCode> codes = new CopyOnWriteArrayList<>();
        final AtomicReference<DeviceStatus> status = new AtomicReference<>();

        @Override
        public void accept(ScannedCode value) {
            codes.add(value);
        }

        @Override
        public void status(DeviceStatus s) {
            status.set(s);
        }
    }

    @Test
    void theSameCodeInConsecutiveFramesIsOneScanAndAGrabberThatDiesIsAFaultThenRestarted() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T08:00:00Z"));
        ManualScheduler timers = new ManualScheduler(clock);
        AtomicReference<PipeLink> device = new AtomicReference<>();
        Seen seen = new Seen();
        CameraScanner cam = new CameraScanner(config(CameraConfig.Source.COMMAND, 15), (port, baud) -> {
            PipeLink[] pair = PipeLink.pair(port);
            device.set(pair[1]);
            return pair[0];
        }, clock, timers);
        try {
            cam.start(seen);
            Await.until(WAIT, "the grabber started", () -> device.get() != null && seen.status.get() != null);
            assertTrue(seen.status.get().isOk());
            byte[] code = frame("GG1:PASS-ONE");
            for (int i = 0; i < 6; i++) {
                device.get().write(code);
                int n = i;
                // Each frame is taken before the next one is written: none is dropped, all are decoded.
                Await.until(WAIT, "frame " + n + " decoded", () -> cam.stats().decoded() == n + 1);
                clock.advance(Duration.ofMillis(66));
            }
            assertEquals(1, seen.codes.size(), "six frames of one code: one scan");
            ScannedCode scan = seen.codes.get(0);
            assertEquals("GG1:PASS-ONE", scan.text());
            assertEquals(org.gridgate.passage.Direction.ENTRY, scan.direction());
            assertEquals("cam-in", scan.scannerId());

            // The phone is taken away, then shown again after the gap: a second scan.
            device.get().write(frame(null));
            clock.advance(Duration.ofSeconds(3));
            device.get().write(code);
            Await.until(WAIT, "the second showing", () -> seen.codes.size() == 2);
            assertTrue(cam.stats().toString().contains("last code GG1:…(12 chars)"), cam.stats().toString());

            // The grabber exits: a device fault, and the session starts it again with backoff.
            PipeLink first = device.get();
            first.close();
            Await.until(WAIT, "fault reported", () -> !seen.status.get().isOk());
            Await.until(WAIT, "restarted", () -> {
                timers.advance(Duration.ofMillis(100)); // the retry is scheduled when the reader sees the end
                return device.get() != first && seen.status.get().isOk();
            });
            device.get().write(frame("GG1:PASS-TWO"));
            Await.until(WAIT, "a code from the restarted grabber", () -> seen.codes.size() == 3);
            assertEquals("GG1:PASS-TWO", seen.codes.get(2).text());
        } finally {
            cam.close();
        }
    }

    @Test
    void aGrabberThatHangsIsRestartedByTheWatchdog() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T08:00:00Z"));
        ManualScheduler timers = new ManualScheduler(clock);
        List<PipeLink> opened = new CopyOnWriteArrayList<>();
        Seen seen = new Seen();
        CameraScanner cam = new CameraScanner(config(CameraConfig.Source.COMMAND, 15), (port, baud) -> {
            PipeLink[] pair = PipeLink.pair(port);
            opened.add(pair[1]);
            return pair[0];
        }, clock, timers);
        try {
            cam.start(seen);
            Await.until(WAIT, "the grabber started", () -> opened.size() == 1);
            timers.advance(CameraScanner.STALL.plusSeconds(1));
            Await.until(WAIT, "a fault for the silent camera", () -> seen.status.get() != null && !seen.status.get().isOk());
            assertTrue(seen.status.get().reason().contains("no frame"), seen.status.get().reason());
            Await.until(WAIT, "restarted", () -> {
                timers.advance(Duration.ofMillis(100));
                return opened.size() == 2 && seen.status.get().isOk();
            });
        } finally {
            cam.close();
        }
    }
}
