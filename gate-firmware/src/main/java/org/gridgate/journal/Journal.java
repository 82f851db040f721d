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

    /** Marks records delivered (the broker acknowledged them); one transaction for the batch. */
    void markDelivered(Collection<Long> seqs);

    Stats stats();

    record Stats(long total, long undelivered, long lastSeq, long dropped) {}

    @Override
    void close();
}
