package org.gridgate.journal;

import java.time.Instant;
import java.util.List;

/** Reading helpers over any {@link Journal}. */
public final class Journals {
    private Journals() {}

    /**
     * Where to start reading for the records made at or after {@code t}: a sequence number such that
     * the records before it are older than {@code t}. Records are appended in time order; pruning
     * leaves gaps, which the search steps over. About log2(n) single-row reads.
     */
    public static long firstSeqAtOrAfter(Journal journal, Instant t) {
        long lo = 1;
        long hi = journal.stats().lastSeq() + 1;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            List<JournalEntry> first = journal.range(mid, hi - 1, 1);
            if (first.isEmpty()) {
                hi = mid; // nothing left in [mid, hi): starting at mid reads the same as starting at hi
            } else if (first.get(0).at().isBefore(t)) {
                lo = first.get(0).seq() + 1;
            } else {
                hi = mid; // no record between mid and this one: starting at mid is the same as starting at it
            }
        }
        return lo;
    }

    /**
     * Hands {@code page} the records from {@code fromSeq} through {@code toSeq} in sequence order, a
     * page of at most {@code pageSize} at a time, until it returns false or the range is read.
     */
    public static void pages(Journal journal, long fromSeq, long toSeq, int pageSize,
            java.util.function.Predicate<List<JournalEntry>> page) {
        long next = fromSeq;
        while (next <= toSeq) {
            List<JournalEntry> entries = journal.range(next, toSeq, pageSize);
            if (entries.isEmpty() || !page.test(entries) || entries.size() < pageSize) {
                return;
            }
            next = entries.get(entries.size() - 1).seq() + 1;
        }
    }
}
