package org.gridgate.sim.perf.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyPlotTest {
    @Test
    void axisEndsAtOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(10.0, LatencyPlot.niceCeil(6.9), 1e-12);
        assertEquals(2.0, LatencyPlot.niceCeil(1.2), 1e-12);
        assertEquals(5.0, LatencyPlot.niceCeil(5.0), 1e-12);
        assertEquals(0.5, LatencyPlot.niceCeil(0.31), 1e-12);
        assertEquals(20.0, LatencyPlot.niceCeil(13.8), 1e-12);
    }
}
