package org.gridgate.sim.perf.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Stats.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }

    @Test
    void nearestRankPercentile() {
        List<Double> v = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertEquals(10.0, Stats.percentile(v, 100));
        assertEquals(10.0, Stats.percentile(v, 95));
        assertEquals(9.0, Stats.percentile(v, 90));
        assertEquals(1.0, Stats.percentile(v, 0));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(List.of(), 50));
    }

    @Test
    void slopeOfALineAndOfAFlatSeries() {
        assertEquals(0.5, Stats.slope(new double[] {0, 2, 4, 6}, new double[] {1, 2, 3, 4}), 1e-12);
        assertEquals(0.0, Stats.slope(new double[] {0, 1, 2, 3}, new double[] {7, 8, 7, 8}) , 0.41);
        assertTrue(Double.isNaN(Stats.slope(new double[] {1, 1}, new double[] {2, 3})), "no spread in x");
        assertTrue(Double.isNaN(Stats.slope(new double[] {1}, new double[] {2})), "one point");
    }

    @Test
    void aFitSaysHowSureItIs() {
        Stats.Fit line = Stats.fit(new double[] {0, 1, 2, 3, 4}, new double[] {1, 3, 5, 7, 9});
        assertEquals(2.0, line.slope(), 1e-12);
        assertEquals(0.0, line.halfWidth95(), 1e-9);
        assertEquals(1.0, line.r2(), 1e-12);
        // A sawtooth with no trend: a slope near zero, an interval far wider than it, almost no R^2.
        double[] x = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i * 1000;
            y[i] = 12 + (i % 4) * 0.4;
        }
        Stats.Fit saw = Stats.fit(x, y);
        assertTrue(Math.abs(saw.slope()) < saw.halfWidth95(), saw.toString());
        assertTrue(saw.r2() < 0.1, saw.toString());
        // residuals -0.4 0.6 -0.4 0.6 -0.4 around y = 2x + 0.9: SSE 1.2, se sqrt(1.2 / 3 / 10) = 0.2
        Stats.Fit noisy = Stats.fit(new double[] {-2, -1, 0, 1, 2}, new double[] {-3.5, -0.5, 0.5, 3.5, 4.5});
        assertEquals(2.0, noisy.slope(), 1e-12);
        assertEquals(3.182 * 0.2, noisy.halfWidth95(), 1e-9);
        assertTrue(Double.isNaN(Stats.fit(new double[] {1, 2}, new double[] {1, 2}).halfWidth95()), "two points");
    }
}
