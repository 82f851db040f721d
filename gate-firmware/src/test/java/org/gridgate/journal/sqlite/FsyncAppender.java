package org.gridgate.journal.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.gridgate.journal.RecordKind;
import org.gridgate.timing.ExecutorScheduler;

/**
 * Child process for {@link SqliteJournalFsyncIT}: appends {@code args[1]} records (about 5 KB, a few
 * log pages each: far past SQLite's own checkpoint threshold of 1000 pages in all) on a thread of
 * its own while the checkpointer runs every 10 ms, and says which thread appended (its Linux thread
 * id) and what the checkpointer did, so the parent can count that thread's fsyncs.
 */
public final class FsyncAppender {
    private FsyncAppender() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        try (ExecutorScheduler checkpoints = new ExecutorScheduler("journal-checkpoint");
                SqliteJournal j = new SqliteJournal(Path.of(args[0]), SqliteJournalTest.GATE,
                        SqliteJournalTest.ROOMY, Clock.systemUTC(), checkpoints,
                        new WalCheckpointer.Policy(Duration.ofMillis(10), 1L << 30))) {
            String[] tid = new String[1];
            Exception[] failed = new Exception[1];
            Thread appender = new Thread(() -> {
                try {
                    // "/proc/thread-self" -> "<pid>/task/<tid>"
                    tid[0] = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
                    for (int i = 0; i < n; i++) {
                        j.append(RecordKind.PASSAGE, Instant.now(), Map.of("n", i, "pad", "x".repeat(5000)));
                    }
                } catch (Exception e) {
                    failed[0] = e;
                }
            }, "appender");
            appender.start();
            appender.join();
            if (failed[0] != null) {
                throw failed[0];
            }
            WalCheckpointer.Counts c = j.checkpoints();
            System.out.println("appender " + tid[0] + " appends " + n + " passive " + c.passive() + " restarts "
                    + c.restarts() + " failed " + c.failed());
        }
    }
}
