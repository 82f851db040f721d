package org.gridgate.sim.perf.micro;

import java.util.Arrays;

/** Per-call timings, in nanoseconds, their median and percentiles. */
final class Samples {
    private long[] values;
    private int size;

    Samples(int capacity) {
        values = new long[Math.max(16, capacity)];
    }

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** The median (for an even count, the mean of the two middle values); NaN when empty. */
    double median() {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int mid = size / 2;
        return size % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /** The nearest-rank percentile ({@code p} in (0, 100]); NaN when empty. */
    double percentile(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.min(size, Math.max(1, rank)) - 1];
    }
}
