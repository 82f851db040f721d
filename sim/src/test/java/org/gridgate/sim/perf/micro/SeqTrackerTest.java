package org.gridgate.sim.perf.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SeqTrackerTest {
    private static byte[] record(long seq) {
        return ("{\"v\":1,\"id\":\"6f1c\",\"seq\":" + seq + ",\"gate\":\"g\",\"kind\":\"passage\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheSeqField() {
        assertEquals(42, SeqTracker.seq(record(42)));
        assertEquals(-1, SeqTracker.seq("{\"v\":1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, SeqTracker.seq("{\"seq\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void allInOrderOnlyWhenEveryRecordCameOnceInSequence() {
        SeqTracker t = new SeqTracker(1);
        for (long s = 1; s <= 5; s++) {
            t.arrived(record(s));
        }
        assertTrue(t.allInOrder(5));
        assertFalse(t.allInOrder(6));
    }

    @Test
    void countsDuplicatesAndGaps() {
        SeqTracker dup = new SeqTracker(1);
        for (long s : new long[] {1, 2, 2, 3}) {
            dup.arrived(record(s));
        }
        assertEquals(1, dup.duplicates());
        assertFalse(dup.allInOrder(3));

        SeqTracker gap = new SeqTracker(1);
        for (long s : new long[] {1, 3, 2}) {
            gap.arrived(record(s));
        }
        assertEquals(1, gap.outOfOrder()); // 3 came early; 2 then looks like a repeat
        assertEquals(3, gap.arrived());
        assertFalse(gap.allInOrder(3));
    }

    @Test
    void aRedeliveredCopyStillCountsAsAllOnceInOrderButAGapDoesNot() {
        SeqTracker redelivered = new SeqTracker(1);
        for (long s : new long[] {1, 2, 2, 3}) {
            redelivered.arrived(record(s));
        }
        assertEquals(3, redelivered.inOrder());
        assertTrue(redelivered.allInOrderAtLeastOnce(3));
        assertFalse(redelivered.allInOrderAtLeastOnce(4));

        SeqTracker gap = new SeqTracker(1);
        for (long s : new long[] {1, 3, 2}) {
            gap.arrived(record(s));
        }
        assertFalse(gap.allInOrderAtLeastOnce(3));
    }
}
