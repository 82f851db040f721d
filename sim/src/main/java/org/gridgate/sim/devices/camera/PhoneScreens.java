package org.gridgate.sim.devices.camera;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import org.gridgate.credential.qr.Homography;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Pictures of a code as real ones arrive: issuers' picture files, and camera frames of a phone held
 * up to the gate, each with one {@link Degradation}. Deterministic for a seed. The simulator's
 * virtual camera films these; the decoder's hard corpus is made of them.
 */
public final class PhoneScreens {
    public static final int FRAME_WIDTH = 640;
    public static final int FRAME_HEIGHT = 480;

    private PhoneScreens() {}

    /** The picture for {@code d}: a camera frame (grey 640x480) or a picture file (grey or RGBA). */
    public static BufferedImage picture(String text, Degradation d, long seed) {
        Random r = new Random(seed * 31 + d.ordinal());
        return switch (d) {
            // Issuers' pictures are resized to a round pixel size: modules of a fractional width.
            case NO_QUIET_ZONE -> draw(matrix(text, 0, 0, ErrorCorrectionLevel.M), 2.5 + r.nextDouble() * 5, false);
            case ONE_PIXEL_MODULES -> draw(matrix(text, 0, r.nextInt(5), ErrorCorrectionLevel.M), 1, false);
            case DENSE -> draw(matrix(text, 0, r.nextInt(5), ErrorCorrectionLevel.M),
                    r.nextBoolean() ? 2 : 2.2 + r.nextDouble() * 1.5, false);
            case INVERTED -> draw(matrix(text, 0, r.nextInt(5), ErrorCorrectionLevel.M), 2 + r.nextDouble() * 5, true);
            case TRANSPARENT -> transparent(matrix(text, 0, r.nextInt(3), ErrorCorrectionLevel.M), 2 + r.nextInt(5), r);
            default -> frame(text, d, r);
        };
    }

    /** A camera frame of a phone showing {@code text}, as the virtual camera films it. */
    public static BufferedImage frame(String text, Degradation d, long seed) {
        return frame(text, d.cameraFrame() ? d : Degradation.CLEAN, new Random(seed * 31 + d.ordinal()));
    }

    /** A camera frame of the phone with its screen off or showing no code (a resident walking up). */
    public static BufferedImage emptyFrame(long seed) {
        return render(null, Degradation.CLEAN, new Random(seed));
    }

    static BitMatrix matrix(String text, int version, int margin, ErrorCorrectionLevel ecc) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ecc);
        hints.put(EncodeHintType.MARGIN, margin);
        if (version > 0) {
            hints.put(EncodeHintType.QR_VERSION, version);
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a version " + version + " QR code", e);
        }
    }

    /** The matrix at {@code module} pixels a module; a fractional size is anti-aliased (4x4 samples a pixel). */
    private static BufferedImage draw(BitMatrix m, double module, boolean inverted) {
        int size = (int) Math.round(m.getWidth() * module);
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int dark = 0;
                for (int k = 0; k < 16; k++) {
                    int mx = Math.min(m.getWidth() - 1, (int) ((x + 0.125 + 0.25 * (k & 3)) / module));
                    int my = Math.min(m.getHeight() - 1, (int) ((y + 0.125 + 0.25 * (k >> 2)) / module));
                    dark += m.get(mx, my) != inverted ? 1 : 0;
                }
                out.getRaster().setSample(x, y, 0, 255 - dark * 255 / 16);
            }
        }
        return out;
    }

    /** Black modules on a fully transparent background (RGB 0 there, as many encoders write it). */
    private static BufferedImage transparent(BitMatrix m, int module, Random r) {
        int size = m.getWidth() * module;
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        int ink = r.nextBoolean() ? 0x000000 : 0x1a2b3c;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                // Coverage of the pixel by dark modules, sampled 2x2: module edges are half transparent.
                int covered = 0;
                for (int s = 0; s < 4; s++) {
                    double fx = (x + 0.25 + 0.5 * (s & 1) + 0.3) / module;
                    double fy = (y + 0.25 + 0.5 * (s >> 1) + 0.3) / module;
                    int mx = Math.min(m.getWidth() - 1, (int) fx);
                    int my = Math.min(m.getHeight() - 1, (int) fy);
                    covered += m.get(mx, my) ? 1 : 0;
                }
                int alpha = covered * 255 / 4;
                out.setRGB(x, y, (alpha << 24) | (alpha == 0 ? 0 : ink));
            }
        }
        return out;
    }

    private static BufferedImage frame(String text, Degradation d, Random r) {
        BufferedImage f = render(text, d, r);
        return d == Degradation.JPEG ? jpeg(f, 0.12f + r.nextFloat() * 0.2f) : f;
    }

    /**
     * Renders the scene by inverse mapping: for each frame pixel, where on the phone's screen it
     * looks (a homography: the phone's position, turn and tilt), then what is there (code, screen,
     * bezel or desk), then the optics and the sensor (blur, glare, moiré, cracks, light fall-off, noise).
     */
    private static BufferedImage render(String text, Degradation d, Random r) {
        BitMatrix m = text == null ? null : matrix(text, 0, 4, ErrorCorrectionLevel.M);
        // The screen's own coordinates: width 1, the code centred in its upper half.
        double screenH = 1.9;
        double codeSide = 0.86;
        double codeTop = 0.35;
        // The code's side in the frame: large enough to resolve, as a resident holds the phone close.
        double sidePx = 250 + r.nextInt(120);
        double scale = sidePx / codeSide;
        double angle = switch (d) {
            case ROTATED -> Math.toRadians((5 + r.nextDouble() * 40) * (r.nextBoolean() ? 1 : -1));
            default -> Math.toRadians(r.nextGaussian() * 2);
        };
        double cx = FRAME_WIDTH / 2.0 + r.nextGaussian() * 20;
        double cy = FRAME_HEIGHT / 2.0 + r.nextGaussian() * 15;
        double codeCx = 0.5;
        double codeCy = codeTop + codeSide / 2;
        double[][] screen = {{0, 0}, {1, 0}, {1, screenH}, {0, screenH}};
        double[][] quad = new double[4][2];
        double tilt = d == Degradation.PERSPECTIVE ? 0.12 + r.nextDouble() * 0.16 : 0.0;
        int tiltSide = r.nextInt(4);
        for (int i = 0; i < 4; i++) {
            double sx = (screen[i][0] - codeCx) * scale;
            double sy = (screen[i][1] - codeCy) * scale;
            // Keystone: one side of the screen further from the lens looks shorter.
            double shrink = 1.0;
            if (tilt > 0) {
                boolean far = switch (tiltSide) {
                    case 0 -> screen[i][1] == 0;
                    case 1 -> screen[i][0] == 1;
                    case 2 -> screen[i][1] == screenH;
                    default -> screen[i][0] == 0;
                };
                shrink = far ? 1 - tilt : 1 + tilt * 0.3;
            }
            double px = tiltSide % 2 == 0 ? sx * shrink : sx;
            double py = tiltSide % 2 == 1 ? sy * shrink : sy;
            quad[i][0] = cx + px * Math.cos(angle) - py * Math.sin(angle);
            quad[i][1] = cy + px * Math.sin(angle) + py * Math.cos(angle);
        }
        double[] toScreen = Homography.between(quad, screen);
        double[][] img = new double[FRAME_HEIGHT][FRAME_WIDTH];
        double bezel = 0.07;
        double screenLight = 205 + r.nextInt(40);
        double ink = 20 + r.nextInt(25);
        double deskBase = 90 + r.nextInt(60);
        double[] s = new double[2];
        for (int y = 0; y < FRAME_HEIGHT; y++) {
            for (int x = 0; x < FRAME_WIDTH; x++) {
                // 2x2 supersampling: edges of modules fall between pixels as in a real lens.
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    Homography.apply(toScreen, x + 0.25 + 0.5 * (k & 1), y + 0.25 + 0.5 * (k >> 1), s);
                    sum += scene(m, s[0], s[1], screenH, codeSide, codeTop, bezel, screenLight, ink, deskBase, x, y);
                }
                img[y][x] = sum / 4;
            }
        }
        Optics.apply(img, d, r, cx, cy, sidePx, m == null ? 4 : sidePx / m.getWidth());
        BufferedImage out = new BufferedImage(FRAME_WIDTH, FRAME_HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < FRAME_HEIGHT; y++) {
            for (int x = 0; x < FRAME_WIDTH; x++) {
                double light = 0.8 + 0.2 * (1 - (x + y) / (double) (FRAME_WIDTH + FRAME_HEIGHT));
                int v = (int) Math.round(img[y][x] * light + r.nextGaussian() * 5);
                out.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        return out;
    }

    private static double scene(BitMatrix m, double u, double v, double screenH, double codeSide, double codeTop,
            double bezel, double screenLight, double ink, double deskBase, int x, int y) {
        boolean onScreen = u >= 0 && u <= 1 && v >= 0 && v <= screenH;
        boolean onPhone = u >= -bezel && u <= 1 + bezel && v >= -bezel * 2 && v <= screenH + bezel * 2;
        if (!onPhone) {
            // A desk or a sleeve: some texture, nothing square.
            return deskBase + 25 * Math.sin(x / 37.0 + y / 53.0) + 10 * Math.cos(x / 11.0 - y / 29.0);
        }
        if (!onScreen) {
            return 25;
        }
        if (m != null) {
            double cu = (u - (1 - codeSide) / 2) / codeSide;
            double cv = (v - codeTop) / codeSide;
            if (cu >= 0 && cu < 1 && cv >= 0 && cv < 1) {
                return m.get((int) (cu * m.getWidth()), (int) (cv * m.getHeight())) ? ink : screenLight;
            }
        }
        // The rest of the pass page: a header band and a few lines of text-like grey.
        if (v > 0.08 && v < 0.22) {
            return screenLight * 0.55;
        }
        if (v > codeTop + codeSide + 0.08 && ((int) (v * 40)) % 3 == 0 && u > 0.1 && u < 0.8) {
            return screenLight * 0.7;
        }
        return screenLight;
    }

    /** The frame through a JPEG encoder at {@code quality} (0..1) and back. */
    static BufferedImage jpeg(BufferedImage frame, float quality) {
        try {
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                w.setOutput(out);
                ImageWriteParam p = w.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(quality);
                w.write(null, new IIOImage(frame, null, null), p);
            } finally {
                w.dispose();
            }
            return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
