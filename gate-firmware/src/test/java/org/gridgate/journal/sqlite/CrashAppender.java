package org.gridgate.journal.sqlite;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.RecordKind;

/**
 * Child process for {@link SqliteJournalCrashIT}: appends forever and prints {@code seq id} for each
 * record once {@code append} has returned, i.e. once the journal claims it is durable. The parent
 * kills it with SIGKILL at some point and checks every claim.
 */
public final class CrashAppender {
    private CrashAppender() {}

    public static void main(String[] args) throws Exception {
        // Checkpoints every 5 ms on their own thread: a kill lands in the middle of one often.
        try (org.gridgate.timing.ExecutorScheduler checkpoints = new org.gridgate.timing.ExecutorScheduler("checkpoints");
                SqliteJournal j = new SqliteJournal(Path.of(args[0]), SqliteJournalTest.GATE,
                        new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30), Clock.systemUTC(), checkpoints,
                        new WalCheckpointer.Policy(Duration.ofMillis(5), 1L << 30))) {
            for (int i = 0; ; i++) {
                JournalEntry e = j.append(RecordKind.PASSAGE, Instant.now(), Map.of("n", i, "pad", "x".repeat(200)));
                if (i % 7 == 0) {
                    j.markDelivered(java.util.List.of(e.seq()));
                }
                System.out.println(e.seq() + " " + e.id());
                System.out.flush();
            }
        }
    }
}
