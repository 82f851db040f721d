package org.gridgate.scanner.camera;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the technician's self-test shows of a camera: frames per second received, decode time, frames
 * dropped because the decoder was busy, and the last code read (masked: its prefix and length only).
 */
public final class CameraStats {
    private static final int WINDOW = 256;

    private final long[] decodeNanos = new long[WINDOW];
    private final long[] frameMillis = new long[WINDOW];
    private long frames;
    private long decoded;
    private long codes;
    private long dropped;
    private String lastCode = "";

    synchronized void frameArrived(long atMillis) {
        frameMillis[(int) (frames % WINDOW)] = atMillis;
        frames++;
    }

    synchronized void decodedIn(long nanos, boolean found) {
        decodeNanos[(int) (decoded % WINDOW)] = nanos;
        decoded++;
        if (found) {
            codes++;
        }
    }

    synchronized void dropped(long total) {
        dropped = total;
    }

    synchronized void lastCode(String text) {
        lastCode = mask(text);
    }

    /** A code's prefix (up to the first ':') and length: enough to see that it reads, nothing of its content. */
    static String mask(String text) {
        int colon = text.indexOf(':');
        String prefix = colon > 0 && colon <= 8 ? text.substring(0, colon + 1) : "";
        return prefix + "…(" + text.length() + " chars)";
    }

    /** A consistent snapshot. */
    public synchronized Snapshot snapshot() {
        int n = (int) Math.min(frames, WINDOW);
        double fps = 0;
        if (n >= 2) {
            long newest = frameMillis[(int) ((frames - 1) % WINDOW)];
            long oldest = frameMillis[(int) ((frames - n) % WINDOW)];
            fps = newest > oldest ? (n - 1) * 1000.0 / (newest - oldest) : 0;
        }
        int m = (int) Math.min(decoded, WINDOW);
        long[] sorted = Arrays.copyOf(decodeNanos, m);
        Arrays.sort(sorted);
        return new Snapshot(frames, decoded, codes, dropped, fps, percentile(sorted, 0.5), percentile(sorted, 0.99),
                lastCode);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** Counts since start; fps and decode times over the last 256 frames. */
    public record Snapshot(long frames, long decoded, long codes, long dropped, double fps, double decodeMsP50,
            double decodeMsP99, String lastCode) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f fps, decode p50 %.1f ms p99 %.1f ms, %d frames (%d decoded, %d dropped)%s",
                    fps, decodeMsP50, decodeMsP99, frames, decoded, dropped,
                    lastCode.isEmpty() ? ", no code yet" : ", last code " + lastCode);
        }
    }
}
