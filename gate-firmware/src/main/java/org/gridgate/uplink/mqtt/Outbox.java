package org.gridgate.uplink.mqtt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;

/**
 * Moves journal records to the broker with at most {@code window} unacknowledged, in sequence
 * order, and marks them delivered once acknowledged.
 *
 * <p>Threading: {@link #drain} and {@link #restart} run on the uplink's single worker thread;
 * {@link #acked} is called from the MQTT client's callback thread. Each connection is a
 * "generation": acknowledgements from an earlier connection still mark their record delivered (the
 * broker has it) but no longer count against the current window.
 */
final class Outbox {
    /** What a published record carries as its token's user context. */
    record Sent(long seq, long generation) {}

    /** Hands one record to the MQTT client; false if the client cannot take it now. */
    @FunctionalInterface
    interface Sender {
        boolean send(JournalEntry entry, Sent context);
    }

    private static final int READ_CHUNK = 256;

    private final Journal journal;
    private final int window;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
    private final Object counters = new Object();
    private long generation;
    private int outstanding;
    private long cursor;
    /** When the window last moved: the first record out after none were, an acknowledgement, a restart. */
    private long progressAt;

    Outbox(Journal journal, int window, Clock clock) {
        this.journal = journal;
        this.window = window;
        this.clock = clock;
    }

    /** A new connection: everything not yet acknowledged is sent again, oldest first. */
    void restart() {
        flushMarks();
        synchronized (counters) {
            generation++;
            outstanding = 0;
            progressAt = clock.millis();
        }
        cursor = 0;
    }

    void acked(Sent sent) {
        acks.add(sent.seq());
        synchronized (counters) {
            progressAt = clock.millis();
            if (sent.generation() == generation && outstanding > 0) {
                outstanding--;
            }
        }
    }

    /** Marks what was acknowledged, then fills the window from the journal. Returns records sent. */
    int drain(Sender sender) {
        flushMarks();
        int sent = 0;
        while (true) {
            long gen;
            int room;
            synchronized (counters) {
                gen = generation;
                room = window - outstanding;
            }
            if (room <= 0) {
                return sent;
            }
            List<JournalEntry> batch = journal.undelivered(cursor, Math.min(room, READ_CHUNK));
            if (batch.isEmpty()) {
                return sent;
            }
            for (JournalEntry e : batch) {
                synchronized (counters) {
                    if (outstanding == 0) {
                        progressAt = clock.millis();
                    }
                    outstanding++;
                }
                if (!sender.send(e, new Sent(e.seq(), gen))) {
                    synchronized (counters) {
                        if (gen == generation && outstanding > 0) {
                            outstanding--;
                        }
                    }
                    return sent;
                }
                cursor = e.seq();
                sent++;
            }
        }
    }

    /** One transaction for every acknowledgement gathered since the last call. */
    void flushMarks() {
        List<Long> batch = new ArrayList<>();
        for (Long s; (s = acks.poll()) != null; ) {
            batch.add(s);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            journal.markDelivered(batch);
        } catch (RuntimeException e) {
            acks.addAll(batch); // try again on the next drain; worst case the records are resent
            throw e;
        }
    }

    /**
     * How long records have been out without any acknowledgement coming back, in milliseconds; 0 while
     * none are out. A broker that takes publishes and never acknowledges them shows here.
     */
    long unacknowledgedMillis() {
        synchronized (counters) {
            return outstanding == 0 ? 0 : Math.max(0, clock.millis() - progressAt);
        }
    }

    int outstanding() {
        synchronized (counters) {
            return outstanding;
        }
    }
}
