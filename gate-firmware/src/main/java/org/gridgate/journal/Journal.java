package org.gridgate.journal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The durable record of everything the gate decided, and the outbox of the uplink. Thread-safe: the
 * gate loop appends, the uplink reads and marks delivered.
 */
public interface Journal extends AutoCloseable {
    /**
     * Assigns the next sequence number and a fresh id, wraps {@code body} into the versioned payload
     * ({@code v, id, seq, gate, community, kind, at} + body) and commits it durably before returning.
     *
     * @param body JSON-compatible values (String, Number, Boolean, null, List, Map)
     */
    JournalEntry append(RecordKind kind, Instant at, Map<String, Object> body) throws JournalException;

    /** Up to {@code max} undelivered records with sequence number above {@code afterSeq}, in sequence order. */
    List<JournalEntry> undelivered(long afterSeq, int max);

    /**
     * Up to {@code max} records (delivered or not) with {@code fromSeq <= seq <= toSeq}, in sequence
     * order: what a resend command re-publishes. Records already pruned are simply absent.
     */
    List<JournalEntry> range(long fromSeq, long toSeq, int max);

    /** Marks records delivered (the broker acknowledged them); one transaction for the batch. */
    void markDelivered(Collection<Long> seqs);

    Stats stats();

    /**
     * Applies retention: deletes delivered records older than the retention period, then, while the
     * journal is over its disk budget, the oldest delivered records and, only if that is not enough,
     * the oldest undelivered ones. Undelivered records dropped are counted durably (see
     * {@link Stats#dropped()}) and returned, so the caller raises an alarm: loss is never silent.
     */
    Pruned prune(Instant now) throws JournalException;

    /** @param dropped undelivered records ever dropped for lack of space (they never reached the server) */
    record Stats(long total, long undelivered, long lastSeq, long dropped) {}

    /**
     * What one {@link #prune} removed.
     *
     * @param deletedDelivered delivered records deleted (by age or budget): nothing lost
     * @param droppedUndelivered undelivered records deleted because of the disk budget: lost to the server
     * @param firstDroppedSeq lowest sequence number dropped, 0 if none
     * @param lastDroppedSeq highest sequence number dropped, 0 if none
     */
    record Pruned(long deletedDelivered, long droppedUndelivered, long firstDroppedSeq, long lastDroppedSeq) {
        public static final Pruned NOTHING = new Pruned(0, 0, 0, 0);

        public boolean lostUndelivered() {
            return droppedUndelivered > 0;
        }
    }

    @Override
    void close();
}
