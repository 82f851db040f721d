package org.gridgate.journal.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while appending, several times on one file: every record the journal said was committed
 * is there with its id, seqs stay contiguous and are never handed out twice.
 */
class SqliteJournalCrashIT {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesSigkillAndSeqsAreNeverReused() throws Exception {
        Path file = dir.resolve("journal.db");
        Map<Long, String> acknowledged = new HashMap<>();
        for (int round = 0; round < 5; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    CrashAppender.class.getName(), file.toString())
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile()))
                    .start();
            int killAfter = ThreadLocalRandom.current().nextInt(20, 200);
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                int seen = 0;
                while ((line = out.readLine()) != null) {
                    String[] parts = line.split(" ");
                    String previous = acknowledged.put(Long.parseLong(parts[0]), parts[1]);
                    assertEquals(null, previous, "seq " + parts[0] + " handed out twice");
                    if (++seen == killAfter) {
                        // SIGKILL, no shutdown hooks, no close(); through the handle, which leaves our pipe open
                        child.toHandle().destroyForcibly();
                    }
                }
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertTrue(acknowledged.size() >= (round + 1) * 20L,
                    "child did not append (see " + dir.resolve("child.err") + ")");
        }
        Map<Long, String> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT seq, id FROM record ORDER BY seq")) {
            long expected = 1;
            while (rs.next()) {
                assertEquals(expected++, rs.getLong(1), "contiguous seqs");
                stored.put(rs.getLong(1), rs.getString(2));
            }
        }
        for (Map.Entry<Long, String> a : acknowledged.entrySet()) {
            assertEquals(a.getValue(), stored.get(a.getKey()), "acknowledged seq " + a.getKey());
        }
        try (SqliteJournal j = new SqliteJournal(file, SqliteJournalTest.GATE,
                new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30), Clock.systemUTC())) {
            long next = j.append(org.gridgate.journal.RecordKind.EVENT, java.time.Instant.now(), Map.of()).seq();
            assertEquals(stored.size() + 1L, next);
        }
    }
}
