package org.gridgate.sim.perf.micro;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.gridgate.credential.qr.QrCodes;

/**
 * A camera-like grayscale frame holding a QR code: the code a little rotated and off-centre, on a
 * background with uneven light, contrast short of black and white, and sensor noise. Deterministic
 * for a seed.
 */
final class CameraFrames {
    private CameraFrames() {}

    static BufferedImage frame(String text, int width, int height, long seed) {
        Random random = new Random(seed);
        int codeSize = Math.min(width, height) * 3 / 5;
        BufferedImage code = QrCodes.encode(text, codeSize);
        // Where each frame pixel comes from in the code picture: rotate by a few degrees about the code's centre.
        double angle = Math.toRadians(4 + random.nextDouble() * 4);
        double cx = width * 0.45 + random.nextInt(Math.max(1, width / 20));
        double cy = height * 0.5 + random.nextInt(Math.max(1, height / 20));
        AffineTransform toCode = new AffineTransform();
        toCode.translate(codeSize / 2.0, codeSize / 2.0);
        toCode.rotate(-angle);
        toCode.translate(-cx, -cy);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        double[] p = new double[2];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Light falls off towards one corner; print and screen are never pure black or white.
                double light = 0.75 + 0.25 * (1 - (x + y) / (double) (width + height));
                double base = 150 + 30 * Math.sin(x / 47.0) * Math.cos(y / 61.0);
                p[0] = x;
                p[1] = y;
                toCode.transform(p, 0, p, 0, 1);
                int u = (int) Math.floor(p[0]);
                int v = (int) Math.floor(p[1]);
                if (u >= 0 && v >= 0 && u < codeSize && v < codeSize) {
                    base = (code.getRGB(u, v) & 0xFF) < 128 ? 35 : 215;
                }
                int value = (int) Math.round(base * light + random.nextGaussian() * 10);
                int g = Math.max(0, Math.min(255, value));
                out.getRaster().setSample(x, y, 0, g);
            }
        }
        return out;
    }
}
