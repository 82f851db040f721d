package org.gridgate.journal.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.RecordKind;
import org.junit.jupiter.api.Test;

/** The outbox as the uplink reads it while acknowledgements keep arriving. */
class DeliveryMarksTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void aPageThatBecameAllWaitingMarksWhileItWasReadIsNotTakenForAnEmptyOutbox() throws Exception {
        try (Connection db = recordTable()) {
            DeliveryMarks marks = new DeliveryMarks(db, CLOCK);
            List<JournalEntry> outbox = LongStream.rangeClosed(1, 2000).mapToObj(DeliveryMarksTest::entry).toList();
            marks.add(List.of(1L, 2L, 3L)); // acknowledged, mark not written yet
            AtomicBoolean acksArrive = new AtomicBoolean(true);
            DeliveryMarks.OutboxPage reader = (after, max) -> {
                List<JournalEntry> page = page(outbox, after, max);
                if (acksArrive.getAndSet(false)) {
                    // Between the read and the filter, the MQTT thread marks every record of this page.
                    try {
                        marks.add(page.stream().map(JournalEntry::seq).toList());
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return page;
            };
            List<JournalEntry> next = marks.undelivered(reader, 0, 1);
            // The page asked for 1 + 3 records (1 to 4): all waiting by the filter. Record 5 is next.
            assertEquals(List.of(5L), next.stream().map(JournalEntry::seq).toList());
        }
    }

    @Test
    void waitingMarksAreLeftOutAndTheRestComesInOrderUpToMax() throws Exception {
        try (Connection db = recordTable()) {
            DeliveryMarks marks = new DeliveryMarks(db, CLOCK);
            List<JournalEntry> outbox = LongStream.rangeClosed(1, 50).mapToObj(DeliveryMarksTest::entry).toList();
            marks.add(List.of(2L, 4L, 6L, 7L, 8L));
            List<Long> got = marks.undelivered((after, max) -> page(outbox, after, max), 0, 5).stream()
                    .map(JournalEntry::seq).toList();
            assertEquals(List.of(1L, 3L, 5L, 9L, 10L), got);
            assertEquals(List.of(), marks.undelivered((after, max) -> page(outbox, after, max), 50, 5));
            assertEquals(List.of(49L, 50L), marks.undelivered((after, max) -> page(outbox, after, max), 48, 5)
                    .stream().map(JournalEntry::seq).toList());
        }
    }

    /** An in-memory database with just the columns the marks write. */
    private static Connection recordTable() throws java.sql.SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE record (seq INTEGER PRIMARY KEY, delivered_at INTEGER)");
        }
        return db;
    }

    private static List<JournalEntry> page(List<JournalEntry> outbox, long after, int max) {
        List<JournalEntry> out = new ArrayList<>();
        for (JournalEntry e : outbox) {
            if (e.seq() > after && out.size() < max) {
                out.add(e);
            }
        }
        return out;
    }

    private static JournalEntry entry(long seq) {
        return new JournalEntry(seq, new UUID(0, seq), RecordKind.PASSAGE, CLOCK.instant(), "{\"seq\":" + seq + "}");
    }
}
