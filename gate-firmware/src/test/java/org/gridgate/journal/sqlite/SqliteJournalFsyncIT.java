package org.gridgate.journal.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise behind the decision latency, checked at the system-call level with strace: the thread
 * that appends makes one fsync per record (of the log) and never fsyncs the database file, also while
 * checkpoints and log restarts happen all around it (they make theirs on the checkpointer's thread).
 */
class SqliteJournalFsyncIT {
    static final int APPENDS = 300;

    private static long count(List<String> lines, java.util.function.Predicate<String> p) {
        return lines.stream().filter(l -> l.contains("sync") && p.test(l)).count();
    }

    @TempDir
    Path dir;

    @Test
    void theAppendingThreadMakesOneFsyncPerRecordAndNeverCheckpoints() throws Exception {
        String strace = SystemTools.require("strace", "strace");
        Path trace = dir.resolve("trace.txt");
        Process child = new ProcessBuilder(strace, "-f", "-qq", "-y", "-e", "trace=fsync,fdatasync,sync_file_range",
                "-o", trace.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                FsyncAppender.class.getName(), dir.resolve("journal.db").toString(), Integer.toString(APPENDS))
                .redirectError(dir.resolve("child.err").toFile()).start();
        String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child still running");
        assertEquals(0, child.exitValue(), out + Files.readString(dir.resolve("child.err")));

        Matcher m = Pattern.compile("appender (\\d+) appends (\\d+) passive (\\d+) restarts (\\d+) failed (\\d+)")
                .matcher(out);
        assertTrue(m.find(), out);
        String tid = m.group(1);
        long passive = Long.parseLong(m.group(3));
        long restarts = Long.parseLong(m.group(4));
        // Only meaningful if checkpoints and restarts really happened while appending.
        assertTrue(passive >= 2 && restarts >= 2, "checkpointer turns during the run: " + out);

        List<String> lines = Files.readAllLines(trace);
        // strace -y names each descriptor's file: "1234 fsync(9</tmp/.../journal.db-wal>) = 0"
        long appenderLog = count(lines, l -> l.startsWith(tid + " ") && l.contains("journal.db-wal>"));
        long appenderDb = count(lines, l -> l.startsWith(tid + " ") && l.contains("journal.db>"));
        long elsewhereDb = count(lines, l -> !l.startsWith(tid + " ") && l.contains("journal.db>"));
        System.out.printf("appender: %d log fsyncs, %d database fsyncs; other threads: %d database fsyncs (%s)%n",
                appenderLog, appenderDb, elsewhereDb, out.strip());
        assertEquals(0, appenderDb, "the appending thread fsynced the database file: it checkpointed");
        assertTrue(elsewhereDb >= passive, "the checkpoints' database fsyncs happened elsewhere: " + elsewhereDb);
        // One per append. The log restarts (a header and its own fsync) on the checkpointer's thread;
        // only an append that starts in the instant a checkpoint finishes can restart it itself. Left
        // to SQLite (or to PASSIVE checkpoints alone) nearly every restart would land on the appender.
        assertTrue(appenderLog >= APPENDS && appenderLog <= APPENDS + Math.max(2, restarts / 5),
                appenderLog + " log fsyncs on the appending thread for " + APPENDS + " appends and " + restarts
                        + " log restarts");
    }
}
