package org.gridgate.sim.perf.decision;

import java.util.Arrays;

/**
 * A set of latency samples (nanoseconds) and what the bench reports of them: nearest-rank
 * percentiles, the maximum and a histogram. Percentiles are nearest-rank (the smallest sample with
 * at least p % of all samples at or below it), so a reported p99 is always a latency that happened.
 */
public final class Latencies {
    private final long[] sorted;

    private Latencies(long[] sorted) {
        this.sorted = sorted;
    }

    public static Latencies of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        return new Latencies(s);
    }

    public int count() {
        return sorted.length;
    }

    /** Nearest-rank percentile, {@code 0 < p <= 100}, in milliseconds. */
    public double percentileMs(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return ms(sorted[Math.max(1, Math.min(rank, sorted.length)) - 1]);
    }

    public double maxMs() {
        return ms(sorted[sorted.length - 1]);
    }

    public double minMs() {
        return ms(sorted[0]);
    }

    /** The samples in milliseconds, ascending. */
    public double[] sortedMs() {
        double[] out = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            out[i] = ms(sorted[i]);
        }
        return out;
    }

    /**
     * {@code bins} equal bins from 0 to {@code upToMs}; a sample at or beyond the upper edge is
     * counted as overflow (a plot shows how many, rather than stretching its axis for one outlier).
     */
    public Histogram histogram(int bins, double upToMs) {
        if (bins <= 0 || !(upToMs > 0)) {
            throw new IllegalArgumentException("need bins > 0 and a positive range");
        }
        double width = upToMs / bins;
        long[] counts = new long[bins];
        long overflow = 0;
        for (long n : sorted) {
            double v = ms(n);
            int b = (int) Math.floor(v / width);
            if (b >= bins) {
                overflow++;
            } else {
                counts[Math.max(0, b)]++;
            }
        }
        return new Histogram(width, counts, overflow);
    }

    /** Counts per bin of width {@code widthMs} starting at 0, plus the samples beyond the last bin. */
    public record Histogram(double widthMs, long[] counts, long overflow) {
        public long maxCount() {
            long m = 0;
            for (long c : counts) {
                m = Math.max(m, c);
            }
            return m;
        }
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
