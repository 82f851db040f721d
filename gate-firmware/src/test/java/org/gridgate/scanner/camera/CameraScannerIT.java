package org.gridgate.scanner.camera;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gridgate.config.CameraConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.config.Transport;
import org.gridgate.testing.Await;
import org.gridgate.timing.ExecutorScheduler;
import org.junit.jupiter.api.Test;

/** The camera's frame grabber as a real subprocess: its frames, its exit and what it said as it died. */
class CameraScannerIT {
    static ScannerConfig camera(List<String> command) {
        return new ScannerConfig("cam-in", ScannerConfig.Direction.ENTRY, Transport.CAMERA, "camera:cam-in", 0,
                ScannerConfig.Terminator.CR, 4096, ScannerConfig.Trigger.NONE, 0, true,
                Optional.of(new CameraConfig(CameraConfig.Source.COMMAND, "command", 64, 48, 15, "mjpeg", Optional.empty(),
                        List.of("QR_CODE"), command, Duration.ofSeconds(2))));
    }

    @Test
    void framesFromTheProgramAreDecodedAndItsDeathIsAFaultWithItsLastWords() throws Exception {
        // Three 64x48 grey frames, then the program complains and exits, as ffmpeg does when a webcam goes.
        List<String> grabber = List.of("sh", "-c", "head -c 9216 /dev/zero; echo 'Cannot open video device: No such device' >&2; exit 1");
        CameraScannerTest.Seen seen = new CameraScannerTest.Seen();
        try (ExecutorScheduler timers = new ExecutorScheduler("it-camera");
                CameraScanner cam = CameraScanner.of(camera(grabber), Clock.systemUTC(), timers)) {
            cam.start(seen);
            Await.until(Duration.ofSeconds(20), "three frames decoded", () -> cam.stats().decoded() >= 3
                    || cam.stats().frames() >= 3);
            Await.until(Duration.ofSeconds(20), "a fault naming the cause",
                    () -> seen.status.get() != null && !seen.status.get().isOk());
            String reason = seen.status.get().reason();
            assertTrue(reason.contains("exited with status 1") && reason.contains("No such device"), reason);
            // Supervised: the program is started again (and dies again) with backoff, frames keep coming.
            long before = cam.stats().frames();
            Await.until(Duration.ofSeconds(20), "restarted", () -> cam.stats().frames() > before);
        }
    }

    @Test
    void aProgramThatCannotBeStartedIsAFault() throws Exception {
        CameraScannerTest.Seen seen = new CameraScannerTest.Seen();
        try (ExecutorScheduler timers = new ExecutorScheduler("it-camera");
                CameraScanner cam = CameraScanner.of(camera(List.of("/nonexistent/ffmpeg")), Clock.systemUTC(), timers)) {
            cam.start(seen);
            Await.until(Duration.ofSeconds(20), "a fault", () -> seen.status.get() != null && !seen.status.get().isOk());
            assertTrue(seen.status.get().reason().contains("cannot start /nonexistent/ffmpeg"), seen.status.get().reason());
        }
    }
}
