package org.gridgate.credential.qr;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * An 8-bit luminance picture, row by row: what a camera's Y plane or {@code -pix_fmt gray} delivers,
 * and what every picture becomes before decoding. The array is not copied: the owner hands it over.
 */
public record GreyImage(byte[] pixels, int width, int height) {
    public GreyImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0 || (long) width * height > pixels.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " picture needs " + (long) width * height
                    + " bytes, got " + pixels.length);
        }
    }

    public int at(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    /**
     * The picture's luminance with any transparency flattened onto white, as a phone shows a code with
     * a transparent background (ZXing alone treats only fully transparent pixels as white; a
     * half-transparent anti-aliased edge would come out dark).
     */
    public static GreyImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int a = argb >>> 24;
                int lum = (306 * ((argb >> 16) & 0xff) + 601 * ((argb >> 8) & 0xff) + 117 * (argb & 0xff)) >> 10;
                out[y * w + x] = (byte) ((lum * a + 255 * (255 - a)) / 255);
            }
        }
        return new GreyImage(out, w, h);
    }

    /** The rectangle {@code (x, y, w, h)} of this picture, clipped to it (a camera's region of interest). */
    public GreyImage crop(int x, int y, int w, int h) {
        int x0 = Math.max(0, Math.min(x, width - 1));
        int y0 = Math.max(0, Math.min(y, height - 1));
        int cw = Math.min(w, width - x0);
        int ch = Math.min(h, height - y0);
        if (x0 == 0 && y0 == 0 && cw == width && ch == height) {
            return this;
        }
        byte[] out = new byte[cw * ch];
        for (int r = 0; r < ch; r++) {
            System.arraycopy(pixels, (y0 + r) * width + x0, out, r * cw, cw);
        }
        return new GreyImage(out, cw, ch);
    }

    /** Light modules on dark made dark on light. */
    GreyImage inverted() {
        byte[] out = new byte[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (255 - (pixels[i] & 0xff));
        }
        return new GreyImage(out, width, height);
    }

    /** This picture inside a white border of {@code border} pixels: the quiet zone an edge-to-edge code lacks. */
    GreyImage padded(int border) {
        int w = width + 2 * border;
        int h = height + 2 * border;
        byte[] out = new byte[w * h];
        java.util.Arrays.fill(out, (byte) 255);
        for (int r = 0; r < height; r++) {
            System.arraycopy(pixels, r * width, out, (r + border) * w + border, width);
        }
        return new GreyImage(out, w, h);
    }

    /**
     * Enlarged {@code factor} times with bilinear interpolation: a module of one or two pixels, or of a
     * fractional size whose edges fell between pixels (a code scaled by an app), becomes runs long
     * enough for the finder's ratio check, with its edges back at their sub-pixel places.
     */
    GreyImage upscaled(int factor) {
        int w = width * factor;
        int h = height * factor;
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, (y + 0.5) / factor - 0.5);
            int y0 = Math.min(height - 1, (int) fy);
            int y1 = Math.min(height - 1, y0 + 1);
            double ty = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, (x + 0.5) / factor - 0.5);
                int x0 = Math.min(width - 1, (int) fx);
                int x1 = Math.min(width - 1, x0 + 1);
                double tx = fx - x0;
                double top = at(x0, y0) * (1 - tx) + at(x1, y0) * tx;
                double bottom = at(x0, y1) * (1 - tx) + at(x1, y1) * tx;
                out[y * w + x] = (byte) (int) Math.round(top * (1 - ty) + bottom * ty);
            }
        }
        return new GreyImage(out, w, h);
    }

    /** Unsharp masking: each pixel pushed away from its neighbourhood's mean, steepening blurred module edges. */
    GreyImage sharpened() {
        GreyImage mean = smoothed();
        byte[] out = new byte[width * height];
        for (int i = 0; i < out.length; i++) {
            int v = 2 * (pixels[i] & 0xff) - (mean.pixels[i] & 0xff);
            out[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return new GreyImage(out, width, height);
    }

    /**
     * Grey opening then closing with a 3x3 square: bright and dark lines up to two pixels wide (cracks
     * in the glass, scratches) are removed, modules of three pixels and more stay.
     */
    GreyImage mended() {
        return filter3x3(false).filter3x3(true).filter3x3(true).filter3x3(false);
    }

    /** The 3x3 minimum (erosion of the bright) or maximum (dilation), edges clamped. */
    private GreyImage filter3x3(boolean max) {
        byte[] out = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int best = max ? 0 : 255;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = Math.max(0, Math.min(height - 1, y + dy)) * width;
                    for (int dx = -1; dx <= 1; dx++) {
                        int v = pixels[yy + Math.max(0, Math.min(width - 1, x + dx))] & 0xff;
                        best = max ? Math.max(best, v) : Math.min(best, v);
                    }
                }
                out[y * width + x] = (byte) best;
            }
        }
        return new GreyImage(out, width, height);
    }

    /**
     * The mean of each {@code factor}x{@code factor} block: a huge photo made small enough to search
     * quickly, and a low-pass filter that averages away a screen's moiré and sensor noise.
     */
    GreyImage downscaled(int factor) {
        int w = width / factor;
        int h = height / factor;
        if (w < 1 || h < 1) {
            return this;
        }
        byte[] out = new byte[w * h];
        int area = factor * factor;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int base = (y * factor + dy) * width + x * factor;
                    for (int dx = 0; dx < factor; dx++) {
                        sum += pixels[base + dx] & 0xff;
                    }
                }
                out[y * w + x] = (byte) (sum / area);
            }
        }
        return new GreyImage(out, w, h);
    }

    /** Each pixel replaced by the mean of its 3x3 neighbourhood (edges clamp): moiré and JPEG ringing softened. */
    GreyImage smoothed() {
        byte[] out = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int sum = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = Math.max(0, Math.min(height - 1, y + dy)) * width;
                    for (int dx = -1; dx <= 1; dx++) {
                        sum += pixels[yy + Math.max(0, Math.min(width - 1, x + dx))] & 0xff;
                    }
                }
                out[y * width + x] = (byte) (sum / 9);
            }
        }
        return new GreyImage(out, width, height);
    }

    /**
     * The picture with one side stretched back: {@code side} 0 top, 1 right, 2 bottom, 3 left was seen
     * {@code shrink} (0..1) shorter than the opposite one, as when the phone leans away from the lens.
     * ZXing corrects perspective only through one alignment pattern it must find first; undoing most
     * of a strong keystone beforehand leaves it an easy one.
     */
    GreyImage keystoned(int side, double shrink) {
        double w = width;
        double h = height;
        double dx = w * shrink / 2;
        double dy = h * shrink / 2;
        double[][] out = {{0, 0}, {w, 0}, {w, h}, {0, h}};
        double[][] seen = switch (side) {
            case 0 -> new double[][] {{dx, 0}, {w - dx, 0}, {w, h}, {0, h}};
            case 1 -> new double[][] {{0, 0}, {w, dy}, {w, h - dy}, {0, h}};
            case 2 -> new double[][] {{0, 0}, {w, 0}, {w - dx, h}, {dx, h}};
            default -> new double[][] {{0, dy}, {w, 0}, {w, h}, {0, h - dy}};
        };
        double[] toSeen = Homography.between(out, seen);
        byte[] px = new byte[width * height];
        double[] p = new double[2];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                Homography.apply(toSeen, x + 0.5, y + 0.5, p);
                int sx = (int) Math.floor(p[0]);
                int sy = (int) Math.floor(p[1]);
                px[y * width + x] = sx >= 0 && sy >= 0 && sx < width && sy < height ? pixels[sy * width + sx] : (byte) 255;
            }
        }
        return new GreyImage(px, width, height);
    }

    /** The picture turned by {@code degrees} about its centre, on a canvas big enough to hold it, corners white. */
    GreyImage rotated(double degrees) {
        double a = Math.toRadians(degrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        int w = (int) Math.ceil(Math.abs(width * cos) + Math.abs(height * sin));
        int h = (int) Math.ceil(Math.abs(width * sin) + Math.abs(height * cos));
        byte[] out = new byte[w * h];
        double cx = width / 2.0;
        double cy = height / 2.0;
        for (int y = 0; y < h; y++) {
            double ry = y - h / 2.0;
            for (int x = 0; x < w; x++) {
                double rx = x - w / 2.0;
                int sx = (int) Math.floor(cos * rx + sin * ry + cx);
                int sy = (int) Math.floor(-sin * rx + cos * ry + cy);
                out[y * w + x] = sx >= 0 && sy >= 0 && sx < width && sy < height ? pixels[sy * width + sx] : (byte) 255;
            }
        }
        return new GreyImage(out, w, h);
    }
}
