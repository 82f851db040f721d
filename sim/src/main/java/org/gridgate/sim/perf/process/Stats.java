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

    /**
     * A least-squares line with what it is worth: {@code halfWidth95} is the half-width of the slope's
     * 95 % confidence interval (Student's t with n - 2 degrees of freedom), {@code r2} the share of
     * the variance the line explains. NaNs where the data cannot give them.
     */
    record Fit(double slope, double halfWidth95, double r2, int n) {}

    static Fit fit(double[] x, double[] y) {
        int n = x.length;
        double b = slope(x, y);
        if (Double.isNaN(b) || n < 3) {
            return new Fit(b, Double.NaN, Double.NaN, n);
        }
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxx = 0;
        double syy = 0;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
            double e = y[i] - (my + b * (x[i] - mx));
            sse += e * e;
        }
        double se = Math.sqrt(sse / (n - 2) / sxx);
        return new Fit(b, t975(n - 2) * se, syy == 0 ? Double.NaN : 1 - sse / syy, n);
    }

    /** Student's t, two-sided 95 %, for {@code df} degrees of freedom (tabled to 30, then 1.96 +). */
    static double t975(int df) {
        double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
            2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
            2.052, 2.048, 2.045, 2.042};
        if (df < 1) {
            return Double.NaN;
        }
        return df <= table.length ? table[df - 1] : 1.96 + 2.4 / df;
    }
}
