package org.gridgate.sim.perf.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecisionNotesTest {
    static final long MS = 1_000_000;

    @Test
    void theSlowestPassagesComeFirstWithWhatHappenedDuringThem() {
        long[] samples = {2 * MS, 9 * MS, 3 * MS, 7 * MS};
        String[] during = {"", " gc", "", " checkpoint"};
        assertEquals("#1 9.000 ms (gc), #3 7.000 ms (checkpoint), #2 3.000 ms", DecisionSuite.slowest(samples, during, 3));
    }

    @Test
    void theQuietP99LeavesOutPassagesWithACollectionOrACheckpoint() {
        long[] samples = new long[200];
        String[] during = new String[200];
        for (int i = 0; i < 200; i++) {
            samples[i] = 2 * MS;
            during[i] = "";
        }
        samples[10] = 50 * MS;
        during[10] = " gc";
        samples[20] = 40 * MS;
        during[20] = " checkpoint";
        samples[30] = 30 * MS;
        during[30] = " gc checkpoint";
        assertEquals(2.0, DecisionSuite.quietP99(samples, during), 1e-9);
        during[20] = "";
        assertEquals(2.0, DecisionSuite.quietP99(samples, during), 1e-9, "1 of 198 is above the p99 rank");
        during[10] = "";
        assertEquals(40.0, DecisionSuite.quietP99(samples, during), 1e-9);
        assertTrue(Double.isNaN(DecisionSuite.quietP99(new long[] {MS}, new String[] {" gc"})));
    }

    @Test
    void theLoadedRunsFiguresAndNotesAreRenamed() {
        assertEquals("decision_loaded_p99_ms", ShippedJvm.rename("decision_p99_ms", ShippedJvm.LOADED));
        assertEquals("decision_p99_ms", ShippedJvm.rename("decision_p99_ms", "decision_"));
        assertEquals("decision_loaded_fsync_p99_ms", ShippedJvm.rename("fsync_p99_ms", ShippedJvm.LOADED));
    }
}
