package org.gridgate.sim.perf.micro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Optional;
import org.gridgate.credential.qr.QrCodes;
import org.junit.jupiter.api.Test;

class CameraFramesTest {
    private static final String CODE = "GG1:" + "6BFOXN*TS0BI$ZD.P9UOL97O4-2HH77HRM3DSPTLRR+%3".repeat(4);

    @Test
    void aGrayCameraSizedFrameThatZxingReads() {
        BufferedImage f = CameraFrames.frame(CODE, 640, 480, 7);
        assertEquals(640, f.getWidth());
        assertEquals(480, f.getHeight());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, f.getType());
        assertEquals(Optional.of(CODE), QrCodes.decode(f));
    }

    @Test
    void theSameSeedGivesTheSameFrame() {
        assertArrayEquals(pixels(CameraFrames.frame(CODE, 320, 240, 3)), pixels(CameraFrames.frame(CODE, 320, 240, 3)));
    }

    private static byte[] pixels(BufferedImage img) {
        return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }
}
