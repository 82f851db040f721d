package org.gridgate.sim.perf.decision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatenciesTest {
    private static long ms(double v) {
        return Math.round(v * 1_000_000);
    }

    @Test
    void percentilesAreNearestRankOfTheSortedSamples() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = ms(100 - i); // 100 .. 1 ms, unsorted on purpose
        }
        Latencies l = Latencies.of(samples);
        assertEquals(50.0, l.percentileMs(50), 1e-9);
        assertEquals(99.0, l.percentileMs(99), 1e-9);
        assertEquals(100.0, l.percentileMs(100), 1e-9);
        assertEquals(1.0, l.percentileMs(0.5), 1e-9);
        assertEquals(100.0, l.maxMs(), 1e-9);
        assertEquals(1.0, l.minMs(), 1e-9);
    }

    @Test
    void aSmallSetRoundsTheRankUp() {
        Latencies l = Latencies.of(new long[] {ms(3), ms(1), ms(2)});
        assertEquals(2.0, l.percentileMs(50), 1e-9); // rank ceil(1.5) = 2
        assertEquals(3.0, l.percentileMs(99), 1e-9); // rank ceil(2.97) = 3
        assertEquals(1.0, l.percentileMs(33), 1e-9); // rank ceil(0.99) = 1
    }

    @Test
    void oneOutlierMovesTheP99OfAHundredOnlyAtTheTop() {
        long[] s = new long[100];
        java.util.Arrays.fill(s, ms(2));
        s[7] = ms(40);
        Latencies l = Latencies.of(s);
        assertEquals(2.0, l.percentileMs(99), 1e-9);
        assertEquals(40.0, l.maxMs(), 1e-9);
    }

    @Test
    void histogramBinsByWidthAndCountsOverflowSeparately() {
        Latencies l = Latencies.of(new long[] {ms(0.1), ms(0.9), ms(1.0), ms(1.5), ms(3.99), ms(4.0), ms(9)});
        Latencies.Histogram h = l.histogram(4, 4.0);
        assertEquals(1.0, h.widthMs(), 1e-12);
        assertArrayEquals(new long[] {2, 2, 0, 1}, h.counts());
        assertEquals(2, h.overflow());
        assertEquals(2, h.maxCount());
    }

    @Test
    void rejectsNoSamplesAndBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Latencies.of(new long[0]));
        Latencies l = Latencies.of(new long[] {1});
        assertThrows(IllegalArgumentException.class, () -> l.percentileMs(0));
        assertThrows(IllegalArgumentException.class, () -> l.percentileMs(101));
        assertThrows(IllegalArgumentException.class, () -> l.histogram(0, 1));
    }

    @Test
    void theRunIsSplitIntoTenthsInPassageOrder() {
        long[] s = new long[100];
        java.util.Arrays.fill(s, ms(1));
        for (int i = 90; i < 100; i++) {
            s[i] = ms(7); // the last tenth was slow
        }
        assertEquals("1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 7.000 ms", DecisionSuite.byTenth(s));
        assertEquals("too few samples", DecisionSuite.byTenth(new long[50]));
    }
}
