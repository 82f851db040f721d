package org.gridgate.journal.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gridgate.journal.Journal.Stats;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;
import org.gridgate.storage.NewerSchemaException;
import org.gridgate.storage.ReleasedDatabases;
import org.gridgate.storage.sqlite.Migrations;
import org.gridgate.timing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal written by release 0.1.0 opens with this build: migrated forward, nothing lost, numbering continued. */
class JournalUpgradeTest {
    private static final SqliteJournal.Limits ROOMY = new SqliteJournal.Limits(Duration.ofDays(3650), 1L << 30);

    @TempDir
    Path dir;

    @Test
    void aJournalWrittenBy010IsMigratedWithEveryRecordAndItsOutbox() throws Exception {
        Path file = ReleasedDatabases.copy("0.1.0", "sim-journal.db", dir);
        ManualClock clock = new ManualClock(Instant.parse("2026-12-04T08:00:00Z"));
        try (SqliteJournal j = new SqliteJournal(file, SqliteJournalTest.GATE, ROOMY, clock)) {
            // 28 records as 0.1.0 left them, one still waiting for the broker.
            assertEquals(new Stats(28, 1, 28, 0), j.stats());
            List<JournalEntry> all = j.range(1, 28, 100);
            assertEquals(28, all.size());
            assertTrue(all.stream().allMatch(e -> e.payloadJson().contains("\"gate\"")), "payloads intact");
            List<JournalEntry> waiting = j.undelivered(0, 100);
            assertEquals(1, waiting.size());
            // New records continue the gate's sequence: the server sees no gap and no reuse.
            JournalEntry next = j.append(RecordKind.EVENT, clock.instant(), Map.of("event", "started"));
            assertEquals(29, next.seq());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertEquals(Schema.CURRENT, Migrations.userVersion(c));
        }
    }

    @Test
    void aJournalFromANewerVersionIsRefusedAndLeftUntouched() throws Exception {
        Path file = ReleasedDatabases.copy("0.1.0", "sim-journal.db", dir);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Schema.CURRENT + 1));
        }
        byte[] before = Files.readAllBytes(file);
        JournalException e = assertThrows(JournalException.class,
                () -> new SqliteJournal(file, SqliteJournalTest.GATE, ROOMY, new ManualClock(Instant.EPOCH)).close());
        NewerSchemaException newer = NewerSchemaException.in(e).orElseThrow(() -> new AssertionError("not a newer-schema refusal", e));
        assertTrue(newer.getMessage().contains("schema version " + (Schema.CURRENT + 1) + ", newer than this gridgate's ("
                + Schema.CURRENT + ")"), newer.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the newer journal was not written to");
    }
}
