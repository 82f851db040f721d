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
}
