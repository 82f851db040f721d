package org.gridgate.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.RecordKind;
import org.gridgate.timing.ManualClock;
import org.junit.jupiter.api.Test;

/** The outbox's window, ordering and reconnect rules, without a broker or a disk. */
class OutboxTest {
    /** A journal in memory: just enough of the contract for the outbox. */
    static final class MemoryJournal implements Journal {
        final TreeMap<Long, JournalEntry> records = new TreeMap<>();
        final TreeSet<Long> delivered = new TreeSet<>();
        int markCalls;

        MemoryJournal(int n) {
            for (long s = 1; s <= n; s++) {
                records.put(s, new JournalEntry(s, UUID.randomUUID(), RecordKind.PASSAGE, Instant.EPOCH, "{}"));
            }
        }

        @Override
        public JournalEntry append(RecordKind kind, Instant at, Map<String, Object> body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<JournalEntry> undelivered(long afterSeq, int max) {
            return records.tailMap(afterSeq, false).values().stream()
                    .filter(e -> !delivered.contains(e.seq())).limit(max).toList();
        }

        @Override
        public List<JournalEntry> range(long fromSeq, long toSeq, int max) {
            return records.subMap(fromSeq, true, toSeq, true).values().stream().limit(max).toList();
        }

        @Override
        public void markDelivered(Collection<Long> seqs) {
            markCalls++;
            delivered.addAll(seqs);
        }

        @Override
        public Stats stats() {
            return new Stats(records.size(), records.size() - delivered.size(), records.lastKey(), 0);
        }

        @Override
        public Pruned prune(Instant now) {
            return Pruned.NOTHING;
        }

        @Override
        public void close() {}
    }

    final MemoryJournal journal = new MemoryJournal(10);
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T08:00:00Z"));
    final Outbox outbox = new Outbox(journal, 4, clock);
    final List<Outbox.Sent> sent = new ArrayList<>();

    boolean send(JournalEntry e, Outbox.Sent s) {
        sent.add(s);
        return true;
    }

    List<Long> sentSeqs() {
        return sent.stream().map(Outbox.Sent::seq).toList();
    }

    @Test
    void keepsAtMostTheWindowOutstandingAndRefillsOnAcks() {
        outbox.restart();
        outbox.drain(this::send);
        assertEquals(List.of(1L, 2L, 3L, 4L), sentSeqs());
        outbox.acked(sent.get(0));
        outbox.acked(sent.get(1));
        outbox.drain(this::send);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), sentSeqs());
        assertEquals(List.of(1L, 2L), List.copyOf(journal.delivered));
        assertEquals(1, journal.markCalls, "both acks marked in one batch");
    }

    @Test
    void reconnectResendsEverythingUnacknowledgedOldestFirst() {
        outbox.restart();
        outbox.drain(this::send);
        outbox.acked(sent.get(1)); // seq 2 acknowledged, 1, 3, 4 lost with the connection
        sent.clear();
        outbox.restart();
        outbox.drain(this::send);
        assertEquals(List.of(1L, 3L, 4L, 5L), sentSeqs());
        assertEquals(List.of(2L), List.copyOf(journal.delivered));
    }

    @Test
    void lateAckFromTheOldConnectionMarksButDoesNotWidenTheWindow() {
        outbox.restart();
        outbox.drain(this::send);
        Outbox.Sent old = sent.get(0);
        sent.clear();
        outbox.restart();
        outbox.drain(this::send);
        assertEquals(4, outbox.outstanding());
        outbox.acked(old);
        outbox.drain(this::send);
        assertEquals(List.of(1L, 2L, 3L, 4L), sentSeqs(), "nothing more sent: the window is still full");
        assertEquals(List.of(1L), List.copyOf(journal.delivered));
    }

    @Test
    void aRefusedSendIsRetriedNextTimeInOrder() {
        outbox.restart();
        int[] budget = {2};
        outbox.drain((e, s) -> budget[0]-- > 0 && send(e, s));
        assertEquals(List.of(1L, 2L), sentSeqs());
        assertEquals(2, outbox.outstanding());
        outbox.drain(this::send);
        assertEquals(List.of(1L, 2L, 3L, 4L), sentSeqs());
    }

    @Test
    void recordsOutWithNoAcknowledgementShowHowLongTheyWaited() {
        outbox.restart();
        assertEquals(0, outbox.unacknowledgedMillis(), "nothing out");
        clock.advance(Duration.ofSeconds(60)); // idle for a minute: that is not waiting
        outbox.drain(this::send);
        assertEquals(0, outbox.unacknowledgedMillis());
        clock.advance(Duration.ofSeconds(20));
        assertEquals(20_000, outbox.unacknowledgedMillis());
        outbox.acked(sent.get(0)); // any acknowledgement is progress
        assertEquals(0, outbox.unacknowledgedMillis());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(5_000, outbox.unacknowledgedMillis());
        for (Outbox.Sent s : List.copyOf(sent).subList(1, 4)) {
            outbox.acked(s);
        }
        outbox.flushMarks();
        clock.advance(Duration.ofSeconds(5));
        assertEquals(0, outbox.outstanding());
        assertEquals(0, outbox.unacknowledgedMillis(), "all acknowledged: nothing waits");
    }
}
