package org.gridgate.sim.perf.process;

import java.util.Arrays;
import java.util.List;

/** The small bits of statistics the process suites report. */
final class Stats {
    private Stats() {}

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile ({@code p} in 0..100) of a non-empty list. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of 0..100: " + p);
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (p == 50 && v.length % 2 == 0) {
            return (v[v.length / 2 - 1] + v[v.length / 2]) / 2; // the usual median of an even count
        }
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, rank - 1)];
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /**
     * Least-squares slope of y over x; NaN with fewer than two distinct x. The soak uses it as heap
     * growth per passage: a leak shows as a steady positive slope, noise as one near zero.
     */
    static double slope(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }
}
