package org.gridgate.sim.devices.camera;

import java.util.Random;

/** What the lens and the glass do to a frame: focus blur, a reflection, screen moiré, cracks. */
final class Optics {
    private Optics() {}

    /**
     * Degrades {@code img} (rows of luminance) in place; the code is centred at (cx, cy), {@code side}
     * pixels wide, {@code module} pixels a module.
     */
    static void apply(double[][] img, Degradation d, Random r, double cx, double cy, double side, double module) {
        switch (d) {
            // Up to 0.45 of a module: beyond about half a module neighbouring modules merge and the
            // information is gone for any decoder; the resident moves the phone until it is sharp.
            case BLUR -> blur(img, Math.max(0.8, module * (0.2 + r.nextDouble() * 0.2)));
            case HEAVY_BLUR -> blur(img, module * (0.5 + r.nextDouble() * 0.2));
            case GLARE -> glare(img, r, cx, cy, side, false);
            case GLARE_ON_FINDER -> glare(img, r, cx, cy, side, true);
            case MOIRE -> moire(img, r);
            case CRACKED -> cracks(img, r, cx, cy, side);
            default -> blur(img, 0.5);
        }
    }

    /** Separable Gaussian blur with standard deviation {@code sigma} pixels. */
    static void blur(double[][] img, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int h = img.length;
        int w = img[0].length;
        double[] line = new double[Math.max(w, h)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (int i = -radius; i <= radius; i++) {
                    v += k[i + radius] * img[y][Math.max(0, Math.min(w - 1, x + i))];
                }
                line[x] = v;
            }
            System.arraycopy(line, 0, img[y], 0, w);
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                double v = 0;
                for (int i = -radius; i <= radius; i++) {
                    v += k[i + radius] * img[Math.max(0, Math.min(h - 1, y + i))][x];
                }
                line[y] = v;
            }
            for (int y = 0; y < h; y++) {
                img[y][x] = line[y];
            }
        }
    }

    /**
     * A reflection: an elliptical spot whose centre saturates to white, over a part of the code that
     * error correction can carry (a spot over a finder pattern or half the code is unreadable by any
     * decoder, so a resident tilts the phone).
     */
    private static void glare(double[][] img, Random r, double cx, double cy, double side, boolean onFinder) {
        double a = side * (0.08 + r.nextDouble() * 0.05);
        double b = a * (0.5 + r.nextDouble() * 0.4);
        // Away from the three finder patterns (towards the bottom-right quarter or the middle), or on
        // the top-left one. The code is turned by at most a few degrees here.
        double gx = onFinder ? cx - side * 0.4 : cx + side * (r.nextDouble() * 0.25);
        double gy = onFinder ? cy - side * 0.4 : cy + side * (r.nextDouble() * 0.25);
        double theta = r.nextDouble() * Math.PI;
        for (int y = 0; y < img.length; y++) {
            for (int x = 0; x < img[0].length; x++) {
                double dx = x - gx;
                double dy = y - gy;
                double u = (dx * Math.cos(theta) + dy * Math.sin(theta)) / a;
                double v = (-dx * Math.sin(theta) + dy * Math.cos(theta)) / b;
                double q = u * u + v * v;
                if (q < 4) {
                    double strength = q < 1 ? 1 : Math.exp(-(q - 1) * 2);
                    img[y][x] = img[y][x] + (275 - img[y][x]) * strength;
                }
            }
        }
        blur(img, 0.5);
    }

    /** Two gratings close to the sensor's pitch, beating into broad fringes, as a phone screen photographs. */
    private static void moire(double[][] img, Random r) {
        double period = 2.6 + r.nextDouble() * 0.8;
        double theta = Math.toRadians(r.nextDouble() * 12 - 6);
        double depth = 0.18 + r.nextDouble() * 0.1;
        for (int y = 0; y < img.length; y++) {
            for (int x = 0; x < img[0].length; x++) {
                double phase = 2 * Math.PI * (x * Math.cos(theta) + y * Math.sin(theta)) / period;
                double phase2 = 2 * Math.PI * (-x * Math.sin(theta) + y * Math.cos(theta)) / (period * 1.07);
                img[y][x] *= 1 - depth * (0.5 + 0.25 * Math.sin(phase) + 0.25 * Math.sin(phase2));
            }
        }
        blur(img, 0.6);
    }

    /** Three to five cracks: hairlines from one edge of the code region to another, dark or catching light. */
    private static void cracks(double[][] img, Random r, double cx, double cy, double side) {
        int n = 3 + r.nextInt(3);
        for (int c = 0; c < n; c++) {
            double x0 = cx + (r.nextDouble() - 0.5) * side * 1.4;
            double y0 = cy - side * 0.8;
            double x1 = cx + (r.nextDouble() - 0.5) * side * 1.4;
            double y1 = cy + side * 0.8;
            if (r.nextBoolean()) {
                double t = x0;
                x0 = cx - side * 0.8;
                x1 = cx + side * 0.8;
                y0 = cy + (t - cx);
                y1 = cy + (r.nextDouble() - 0.5) * side * 1.4;
            }
            double value = r.nextBoolean() ? 10 : 250;
            int steps = (int) Math.hypot(x1 - x0, y1 - y0) * 2;
            for (int i = 0; i <= steps; i++) {
                double t = i / (double) steps;
                // A crack wanders a little.
                int x = (int) Math.round(x0 + (x1 - x0) * t + Math.sin(t * 17 + c) * 3);
                int y = (int) Math.round(y0 + (y1 - y0) * t);
                if (y >= 0 && y < img.length && x >= 0 && x < img[0].length) {
                    img[y][x] = value;
                }
            }
        }
        blur(img, 0.5);
    }
}
