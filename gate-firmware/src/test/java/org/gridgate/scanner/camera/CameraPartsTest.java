package org.gridgate.scanner.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The camera's pure parts: cutting frames, the newest-frame hand-off, one scan per showing, masking. */
class CameraPartsTest {
    @Test
    void framesAreCutAcrossReadsAndTheChromaOfYuvIsSkipped() {
        List<byte[]> out = new ArrayList<>();
        // 4x2 frames of YUV 4:2:0: 8 bytes of Y, then 2 + 2 of chroma.
        FrameAssembler a = new FrameAssembler(12, 8, out::add);
        byte[] stream = new byte[30];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (byte) i;
        }
        a.feed(stream, 0, 5);
        a.feed(stream, 5, 10);
        a.feed(stream, 15, 15);
        assertEquals(2, out.size());
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, out.get(0));
        assertArrayEquals(new byte[] {12, 13, 14, 15, 16, 17, 18, 19}, out.get(1));
        // 6 bytes of a third frame are pending; a restart drops them and starts clean.
        a.reset();
        a.feed(stream, 0, 12);
        assertEquals(3, out.size());
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7}, out.get(2));
        assertThrows(IllegalArgumentException.class, () -> new FrameAssembler(4, 8, f -> {}));
    }

    @Test
    void theDecoderGetsTheNewestFrameAndTheRestAreDroppedNotQueued() throws Exception {
        LatestFrame<String> slot = new LatestFrame<>();
        assertNull(slot.take(0), "nothing yet");
        slot.offer("f1");
        slot.offer("f2");
        slot.offer("f3");
        assertEquals("f3", slot.take(0));
        assertNull(slot.take(0), "the older frames are gone, not queued");
        assertEquals(2, slot.dropped());
        slot.close();
        assertNull(slot.take(10_000), "a closed slot does not wait");
    }

    @Test
    void aCodeHeldUpIsOneScanShownAgainAfterTheGapItIsANewOne() {
        SameCode same = new SameCode(Duration.ofSeconds(2));
        Instant t = Instant.parse("2026-05-01T08:00:00Z");
        assertEquals(Optional.of("A"), same.seen("A", t));
        for (int i = 1; i <= 30; i++) {
            // 30 frames at 15 fps (2 s) of the same code, the phone held still: one scan.
            assertEquals(Optional.empty(), same.seen("A", t.plusMillis(i * 66L)), "frame " + i);
        }
        assertEquals(Optional.of("B"), same.seen("B", t.plusMillis(2100)), "another code: a new scan at once");
        assertEquals(Optional.of("A"), same.seen("A", t.plusMillis(2200)), "back to A after B");
        assertEquals(Optional.empty(), same.seen("A", t.plusMillis(4100)), "1.9 s unseen: the same showing");
        assertEquals(Optional.of("A"), same.seen("A", t.plusMillis(6200)), "2.1 s unseen: shown again");
    }

    @Test
    void theTechniciansLastCodeShowsThePrefixAndLengthOnly() {
        assertEquals("HC1:…(12 chars)", CameraStats.mask("HC1:NCFOXN%T"));
        assertEquals("…(6 chars)", CameraStats.mask("R-0001"));
        CameraStats s = new CameraStats();
        for (int i = 0; i < 16; i++) {
            s.frameArrived(1000 + i * 100L);
            s.decodedIn(5_000_000L + i * 1_000_000L, i == 15);
        }
        s.lastCode("GG1:SECRET-PAYLOAD");
        CameraStats.Snapshot snap = s.snapshot();
        assertEquals(10.0, snap.fps(), 0.01);
        assertEquals(12.0, snap.decodeMsP50(), 0.01);
        assertEquals(20.0, snap.decodeMsP99(), 0.01);
        assertEquals(1, snap.codes());
        assertTrue(snap.toString().contains("GG1:…(18 chars)") && !snap.toString().contains("SECRET"), snap.toString());
    }

    @Test
    void theSlowPassesRunWhileTheSceneMovesAndStopOnAStillEmptyGate() {
        Activity a = new Activity(4000);
        byte[] still = new byte[64 * 48];
        byte[] moved = still.clone();
        java.util.Arrays.fill(moved, 0, moved.length / 2, (byte) 40);
        assertTrue(a.active(still, 64, 48, 0), "the first frame");
        assertTrue(a.active(still, 64, 48, 3000), "within the hold time");
        assertEquals(false, a.active(still, 64, 48, 4100), "nothing moved for 4 s: fast pass only");
        assertTrue(a.active(moved, 64, 48, 5000), "a phone comes up");
        assertTrue(a.active(moved, 64, 48, 8900));
        assertEquals(false, a.active(moved, 64, 48, 9100));
        a.codeSeen(9200);
        assertTrue(a.active(moved, 64, 48, 9300), "a code was just read");
    }

    @Test
    void theGrabberCommandForAWebcamAndForThePiCamera() {
        var webcam = new org.gridgate.config.CameraConfig(org.gridgate.config.CameraConfig.Source.V4L2, "/dev/video2",
                800, 600, 20, "mjpeg", Optional.empty(), List.of("QR_CODE"), List.of(), Duration.ofSeconds(2));
        String v4l2 = String.join(" ", CameraCommand.argv(webcam));
        assertTrue(v4l2.startsWith("ffmpeg ") && v4l2.contains("-f v4l2 -input_format mjpeg -video_size 800x600 -framerate 20 -i /dev/video2")
                && v4l2.endsWith("-f rawvideo -pix_fmt gray -"), v4l2);
        var pi = new org.gridgate.config.CameraConfig(org.gridgate.config.CameraConfig.Source.RPICAM, "0",
                640, 480, 15, "mjpeg", Optional.empty(), List.of("QR_CODE"), List.of(), Duration.ofSeconds(2));
        assertEquals(List.of("rpicam-vid", "-t", "0", "-n", "--camera", "0", "--codec", "yuv420", "--width", "640",
                "--height", "480", "--framerate", "15", "-o", "-"), CameraCommand.argv(pi));
        assertEquals(640 * 480 + 2 * 320 * 240, pi.frameBytes());
    }
}
