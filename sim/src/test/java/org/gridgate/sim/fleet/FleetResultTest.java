package org.gridgate.sim.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetResultTest {
    @Test
    void theSummaryLineHasTheDocumentedShape() {
        List<Double> times = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            times.add(i / 10.0); // 0.1 .. 10.0 s, given out of order below
        }
        java.util.Collections.shuffle(times, new java.util.Random(1));
        FleetResult r = new FleetResult(1000, 30_000, 30_000, 0, 0, times, List.of());
        assertEquals(5.0, r.failover(50));
        assertEquals(9.9, r.failover(99));
        assertEquals("fleet: 1000 gates, 30000 records, 30000 delivered, 0 lost, 0 duplicated, failover p99 9.90 s",
                r.line());
        assertTrue(r.ok());
    }

    @Test
    void lossDoublesOrProblemsFailTheRunAndNoFailoverIsADash() {
        assertFalse(new FleetResult(2, 10, 9, 1, 0, List.of(), List.of()).ok());
        assertFalse(new FleetResult(2, 10, 10, 0, 1, List.of(), List.of()).ok());
        assertFalse(new FleetResult(2, 10, 10, 0, 0, List.of(), List.of("gate x never failed over")).ok());
        assertEquals("fleet: 2 gates, 10 records, 10 delivered, 0 lost, 0 duplicated, failover p99 - s",
                new FleetResult(2, 10, 10, 0, 0, List.of(), List.of()).line());
    }

    @Test
    void gatesStartOnDifferentNodesAndListEveryNode() {
        List<String> nodes = List.of("a", "b", "c");
        assertEquals(List.of("a", "b", "c"), Fleet.rotate(nodes, 0));
        assertEquals(List.of("b", "c", "a"), Fleet.rotate(nodes, 1));
        assertEquals(List.of("a", "b", "c"), Fleet.rotate(nodes, 3));
    }
}
