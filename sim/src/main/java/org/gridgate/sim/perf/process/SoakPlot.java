package org.gridgate.sim.perf.process;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** The soak's samples as {@code soak.csv} and a PNG: heap after GC and RSS (MB) over passages. */
final class SoakPlot {
    private static final int W = 900;
    private static final int H = 500;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private SoakPlot() {}

    static String csv(List<PipelineRun.Sample> samples) {
        StringBuilder b = new StringBuilder("time_s,passages,heap_after_gc_mb,rss_mb\n");
        samples.forEach(s -> b.append(row(s)));
        return b.toString();
    }

    static String row(PipelineRun.Sample s) {
        return String.format(Locale.ROOT, "%.3f,%d,%s,%.1f\n", s.millis() / 1000.0, s.passages(),
                Double.isNaN(s.heapAfterGcMb()) ? "" : String.format(Locale.ROOT, "%.2f", s.heapAfterGcMb()), s.rssMb());
    }

    /** Rewrites {@code csv} whole (the same rows the run appended) and draws {@code png}. */
    static void write(List<PipelineRun.Sample> samples, Path csv, Path png) throws IOException {
        Files.writeString(csv, csv(samples), StandardCharsets.UTF_8);
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            double maxX = Math.max(1, samples.stream().mapToLong(PipelineRun.Sample::passages).max().orElse(1));
            double maxY = niceCeiling(samples.stream().mapToDouble(PipelineRun.Sample::rssMb).max().orElse(1));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            axes(g, maxX, maxY);
            line(g, samples, PipelineRun.Sample::rssMb, maxX, maxY, new Color(0x1f77b4));
            line(g, samples, PipelineRun.Sample::heapAfterGcMb, maxX, maxY, new Color(0xd62728));
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("gridgate soak: memory over passages", LEFT, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(new Color(0x1f77b4));
            g.drawString("RSS (MB)", W - RIGHT - 200, 24);
            g.setColor(new Color(0xd62728));
            g.drawString("heap after full GC (MB)", W - RIGHT - 130, 24);
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", png.toFile());
    }

    private static void axes(Graphics2D g, double maxX, double maxY) {
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
        for (int i = 0; i <= 5; i++) {
            double vx = maxX * i / 5;
            int x = px(vx, maxX);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x, TOP, x, H - BOTTOM - 1);
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%,.0f", vx);
            int width = g.getFontMetrics().stringWidth(label);
            g.drawString(label, Math.min(x - width / 2, W - width - 2), H - BOTTOM + 18); // the last stays inside
            double vy = maxY * i / 5;
            int y = py(vy, maxY);
            g.setColor(new Color(0xeeeeee));
            g.drawLine(LEFT + 1, y, W - RIGHT, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f", vy), LEFT - 35, y + 4);
        }
        g.drawString("passages", (W - LEFT - RIGHT) / 2 + LEFT - 25, H - 20);
        g.drawString("MB", 20, TOP + (H - TOP - BOTTOM) / 2);
    }

    private static void line(Graphics2D g, List<PipelineRun.Sample> samples, ToDoubleFunction<PipelineRun.Sample> y,
            double maxX, double maxY, Color c) {
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        int px = -1;
        int py = -1;
        for (PipelineRun.Sample s : samples) {
            double v = y.applyAsDouble(s);
            if (Double.isNaN(v)) {
                continue;
            }
            int x = px(s.passages(), maxX);
            int yy = py(v, maxY);
            if (px >= 0) {
                g.drawLine(px, py, x, yy);
            }
            px = x;
            py = yy;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static int px(double v, double maxX) {
        return LEFT + (int) Math.round(v / maxX * (W - LEFT - RIGHT));
    }

    private static int py(double v, double maxY) {
        return H - BOTTOM - (int) Math.round(v / maxY * (H - TOP - BOTTOM));
    }

    /** The next multiple of 20 above {@code v}: round axis labels. */
    static double niceCeiling(double v) {
        return Math.max(20, Math.ceil(v / 20) * 20);
    }
}
