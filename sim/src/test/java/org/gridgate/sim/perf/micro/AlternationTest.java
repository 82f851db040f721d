package org.gridgate.sim.perf.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlternationTest {
    /** A side that takes a fixed time per row and logs its blocks. */
    private static Alternation.Side side(String name, long nanosPerRow, List<String> log) {
        return rows -> {
            log.add(name + rows);
            return rows * nanosPerRow;
        };
    }

    @Test
    void stopsEachSideAtItsRowCapAndComputesRates() throws Exception {
        List<String> log = new ArrayList<>();
        Alternation.Result r = new Alternation(Long.MAX_VALUE, 250, 100)
                .run(side("a", 2_000_000, log), side("b", 1_000_000, log));
        assertEquals(250, r.a().rows());
        assertEquals(250, r.b().rows());
        assertEquals(500.0, r.a().ratePerSecond(), 1e-9);
        assertEquals(1000.0, r.b().ratePerSecond(), 1e-9);
        assertEquals(0.5, r.ratio(), 1e-12);
        // The last block is cut to the cap, and the first side swaps every round.
        assertEquals(List.of("a100", "b100", "b100", "a100", "a50", "b50"), log);
        assertEquals(3, r.rounds());
    }

    @Test
    void stopsEachSideAtItsTimeBudgetIndependently() throws Exception {
        List<String> log = new ArrayList<>();
        // Budget 1 ms: the slow side (10 us a row) is done after one block of 100, the fast one after 10.
        Alternation.Result r = new Alternation(1_000_000, Long.MAX_VALUE, 100)
                .run(side("slow", 10_000, log), side("fast", 1_000, log));
        assertEquals(100, r.a().rows());
        assertEquals(1000, r.b().rows());
        assertEquals(10, r.rounds());
        assertEquals(11, log.size());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Alternation(0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new Alternation(10, 10, 0));
    }
}
