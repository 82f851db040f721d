package org.gridgate.journal.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.gridgate.journal.JournalEntry;

/**
 * The delivery marks of acknowledged records, written late. They go with the next append, in its
 * transaction: at a quiet gate a record is acknowledged seconds before the next one is written, and
 * the pages the mark dirties (the record's leaf, the outbox index) are mostly the ones the append
 * writes anyway, so the card sees no commit of its own for a mark. They are written on their own
 * (one {@code synchronous=NORMAL} transaction) when {@link #BATCH} are waiting or the oldest has
 * waited {@link #DELAY}, and on prune and close. A mark lost to a power cut only makes the uplink
 * send the record again, and the server drops the duplicate by id; the outbox and the stats leave
 * waiting marks out.
 *
 * <p>Threading: every method that writes runs under the journal's write lock, on its writer
 * connection; the waiting set is also read by the outbox and the stats, from other threads.
 */
final class DeliveryMarks {
    static final int BATCH = 256;
    static final Duration DELAY = Duration.ofSeconds(30);
    private static final String MARK = "UPDATE record SET delivered_at = ? WHERE seq = ? AND delivered_at IS NULL";

    /** A page of the outbox: up to {@code max} undelivered records after {@code afterSeq}, in order. */
    @FunctionalInterface
    interface OutboxPage {
        List<JournalEntry> read(long afterSeq, int max);
    }

    /** Statements that run inside the marks' transaction. */
    @FunctionalInterface
    interface SqlStep {
        void run() throws SQLException;
    }

    private final Connection writer;
    private final Clock clock;
    /** Acknowledged, not yet written. */
    private final NavigableSet<Long> waiting = new ConcurrentSkipListSet<>();
    private long waitingSince;
    // Re-prepared after a failure: sqlite-jdbc leaves a statement unusable once it failed.
    private PreparedStatement mark;
    /** True while the writer is (or may still be) at synchronous=NORMAL for a mark. */
    private boolean relaxed;

    DeliveryMarks(Connection writer, Clock clock) throws SQLException {
        this.writer = writer;
        this.clock = clock;
        this.mark = writer.prepareStatement(MARK);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** Records delivered but not yet marked, which the reader still counts as undelivered. */
    int count() {
        return waiting.size();
    }

    /**
     * The outbox's next {@code max} records after {@code afterSeq}, leaving out those whose mark waits.
     * Empty only when no record after {@code afterSeq} is undelivered.
     *
     * <p>Acknowledgements keep arriving while this reads (from the MQTT client's thread, under the
     * write lock, which a read does not take), so the waiting set can grow between reading a page and
     * filtering it: a page read with room for the marks waiting then can be all waiting marks by the
     * time it is filtered. Reading on past such a page, until {@code max} are found or the outbox
     * ends, keeps that from passing for "nothing left" (it did: the drain benchmark's uplink stopped
     * at 1,056 of 2,000 records, the journal reporting none undelivered).
     */
    List<JournalEntry> undelivered(OutboxPage reader, long afterSeq, int max) {
        List<JournalEntry> out = new ArrayList<>(Math.min(max, 1024));
        long after = afterSeq;
        while (out.size() < max) {
            // Room for the marks that wait among the records to come (the uplink reads after its
            // cursor, past what it sent, so mostly none): a page is rarely read twice.
            int want = (int) Math.min(Integer.MAX_VALUE,
                    (long) (max - out.size()) + waiting.tailSet(after, false).size());
            List<JournalEntry> page = reader.read(after, want);
            for (JournalEntry e : page) {
                if (out.size() < max && !waiting.contains(e.seq())) {
                    out.add(e);
                }
            }
            if (page.size() < want) {
                break; // the end of the outbox
            }
            after = page.getLast().seq();
        }
        return out;
    }

    /**
     * Adds acknowledged records; writes all that wait once {@link #BATCH} wait or the oldest has waited
     * {@link #DELAY} (or the clock went back).
     */
    void add(Collection<Long> seqs) throws SQLException {
        if (waiting.isEmpty()) {
            waitingSince = clock.millis();
        }
        waiting.addAll(seqs);
        if (waiting.size() >= BATCH || clock.millis() - waitingSince >= DELAY.toMillis()
                || clock.millis() < waitingSince) {
            flush();
        }
    }

    /** The waiting marks, then {@code more}, in one transaction. */
    void commitWith(SqlStep more) throws SQLException {
        writer.setAutoCommit(false);
        try {
            writeAll();
            more.run();
            writer.commit();
            waiting.clear();
        } catch (SQLException e) {
            writer.rollback();
            mark = Sql.renew(writer, mark, MARK);
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
    }

    /** Writes the waiting marks in one transaction of their own at synchronous=NORMAL. */
    void flush() throws SQLException {
        if (waiting.isEmpty()) {
            return;
        }
        relaxed = true;
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA synchronous = NORMAL");
        }
        try {
            commitWith(() -> { });
        } finally {
            durable();
        }
    }

    /** Before a commit that must be on disk: back to FULL if a flush could not restore it. */
    void ensureDurable() throws SQLException {
        if (relaxed) {
            durable();
        }
    }

    private void durable() throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA synchronous = FULL");
        }
        relaxed = false;
    }

    /** The waiting marks as statements of the caller's open transaction. */
    private void writeAll() throws SQLException {
        long now = clock.millis();
        for (long seq : waiting) {
            mark.setLong(1, now);
            mark.setLong(2, seq);
            mark.addBatch();
        }
        mark.executeBatch();
    }
}
