package org.gridgate.sim.perf.decision;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG of a latency distribution: histogram on top, cumulative distribution below, p50 and p99
 * marked on both and the target drawn as a dashed line. Drawn with java.awt in headless mode.
 */
final class LatencyPlot {
    private static final int W = 1000;
    private static final int H = 760;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int BINS = 100;

    private LatencyPlot() {}

    static void write(Path file, Latencies l, String title, String subtitle, String subtitle2, double targetMs) throws IOException {
        System.setProperty("java.awt.headless", "true");
        // x axis to half again the p99 (or a little past the target): the rare outliers beyond are
        // counted under the plot, not drawn, so the bins stay fine where the passages are
        double upTo = niceCeil(Math.max(l.percentileMs(99) * 1.5, targetMs * 1.2));
        Latencies.Histogram h = l.histogram(BINS, upTo);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title, LEFT, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(subtitle, LEFT, 50);
            g.drawString(subtitle2, LEFT, 66);
            Panel hist = new Panel(LEFT, 90, W - LEFT - RIGHT, 270, upTo);
            Panel cdf = new Panel(LEFT, 430, W - LEFT - RIGHT, 270, upTo);
            drawHistogram(g, hist, h);
            drawCdf(g, cdf, l);
            for (Panel p : new Panel[] {hist, cdf}) {
                marker(g, p, l.percentileMs(50), new Color(0, 120, 0), "p50 " + fmt(l.percentileMs(50)) + " ms", 0);
                marker(g, p, l.percentileMs(99), new Color(200, 0, 0), "p99 " + fmt(l.percentileMs(99)) + " ms", 16);
                target(g, p, targetMs);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString("samples beyond " + fmt(upTo) + " ms (not drawn): " + h.overflow() + "; max "
                    + fmt(l.maxMs()) + " ms", LEFT, H - 12);
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private record Panel(int x, int y, int w, int h, double upToMs) {
        int px(double ms) {
            return x + (int) Math.round(Math.min(ms, upToMs) / upToMs * w);
        }
    }

    private static void drawHistogram(Graphics2D g, Panel p, Latencies.Histogram h) {
        long max = Math.max(1, h.maxCount());
        g.setColor(new Color(70, 110, 180));
        for (int b = 0; b < h.counts().length; b++) {
            int x0 = p.px(b * h.widthMs());
            int x1 = p.px((b + 1) * h.widthMs());
            int bh = (int) Math.round((double) h.counts()[b] / max * p.h());
            g.fillRect(x0, p.y() + p.h() - bh, Math.max(1, x1 - x0 - 1), bh);
        }
        axes(g, p, "passages per " + fmt(h.widthMs()) + " ms bin", 0, max, false);
    }

    private static void drawCdf(Graphics2D g, Panel p, Latencies l) {
        double[] s = l.sortedMs();
        g.setColor(new Color(70, 110, 180));
        g.setStroke(new BasicStroke(2f));
        int prevX = p.px(0);
        int prevY = p.y() + p.h();
        for (int i = 0; i < s.length; i++) {
            int x = p.px(s[i]);
            int y = p.y() + p.h() - (int) Math.round((i + 1.0) / s.length * p.h());
            g.drawLine(prevX, prevY, x, prevY);
            g.drawLine(x, prevY, x, y);
            prevX = x;
            prevY = y;
        }
        g.setStroke(new BasicStroke(1f));
        axes(g, p, "fraction of passages at or below", 0, 1, true);
    }

    private static void axes(Graphics2D g, Panel p, String yLabel, double yMin, double yMax, boolean fraction) {
        g.setColor(Color.BLACK);
        g.drawLine(p.x(), p.y() + p.h(), p.x() + p.w(), p.y() + p.h());
        g.drawLine(p.x(), p.y(), p.x(), p.y() + p.h());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 10; i++) {
            double ms = p.upToMs() * i / 10;
            int x = p.px(ms);
            g.drawLine(x, p.y() + p.h(), x, p.y() + p.h() + 4);
            g.drawString(fmt(ms), x - 10, p.y() + p.h() + 17);
        }
        for (int i = 0; i <= 4; i++) {
            double v = yMin + (yMax - yMin) * i / 4;
            int y = p.y() + p.h() - p.h() * i / 4;
            g.drawLine(p.x() - 4, y, p.x(), y);
            g.drawString(fraction ? String.format(Locale.ROOT, "%.2f", v) : Long.toString(Math.round(v)), p.x() - 40, y + 4);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("latency, ms (last scanner byte written -> lock output written)", p.x() + p.w() / 2 - 170,
                p.y() + p.h() + 34);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(yLabel, -(p.y() + p.h() / 2 + 90), p.x() - 48);
        r.dispose();
    }

    private static void marker(Graphics2D g, Panel p, double ms, Color c, String label, int dy) {
        int x = p.px(ms);
        g.setColor(c);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(x, p.y(), x, p.y() + p.h());
        g.setStroke(new BasicStroke(1f));
        g.drawString(label, x + 4, p.y() + 14 + dy);
    }

    private static void target(Graphics2D g, Panel p, double ms) {
        int x = p.px(ms);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        g.drawLine(x, p.y(), x, p.y() + p.h());
        g.setStroke(new BasicStroke(1f));
        g.drawString("target p99 " + fmt(ms) + " ms", x + 4, p.y() + 46);
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code v}. */
    static double niceCeil(double v) {
        double pow = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * pow >= v) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }
}
