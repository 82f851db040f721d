package org.gridgate.sim.perf.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void medianOfOddAndEvenCountsAndNothing() {
        Samples s = new Samples(1);
        assertTrue(Double.isNaN(s.median()));
        for (long v : new long[] {9, 1, 5}) {
            s.add(v);
        }
        assertEquals(5.0, s.median());
        s.add(7);
        assertEquals(6.0, s.median());
    }

    @Test
    void growsPastItsCapacityAndIgnoresOutliers() {
        Samples s = new Samples(16);
        for (int i = 0; i < 1000; i++) {
            s.add(i == 500 ? 1_000_000_000L : 100);
        }
        assertEquals(1000, s.size());
        assertEquals(100.0, s.median());
    }
}
