package org.gridgate.journal.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.gridgate.journal.RecordKind;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints happen on the checkpointer's turns, never inside an append; the log stays bounded. */
class WalCheckpointerTest {
    static final Duration EVERY = Duration.ofSeconds(1);
    /** About three 4 KiB pages of payload: each append adds several log frames. */
    static final String PAD = "x".repeat(10_000);

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(SqliteJournalTest.T0);
    final ManualScheduler scheduler = new ManualScheduler(clock);

    SqliteJournal open(long walLimit) throws Exception {
        return new SqliteJournal(dir.resolve("journal.db"), SqliteJournalTest.GATE, SqliteJournalTest.ROOMY, clock,
                scheduler, new WalCheckpointer.Policy(EVERY, walLimit));
    }

    void append(SqliteJournal j, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            j.append(RecordKind.PASSAGE, clock.instant(), Map.of("n", i, "pad", PAD));
        }
    }

    long size(String suffix) throws Exception {
        Path p = dir.resolve("journal.db" + suffix);
        return Files.exists(p) ? Files.size(p) : 0;
    }

    @Test
    void appendsNeverCheckpointEvenFarPastSqlitesOwnThreshold() throws Exception {
        try (SqliteJournal j = open(1L << 30)) {
            long dbBefore = size("");
            append(j, 400); // well over SQLite's default auto-checkpoint of 1000 log pages
            assertEquals(dbBefore, size(""), "an append copied pages into the database file: it checkpointed");
            assertTrue(size("-wal") > 1000L * 4096, "the log holds every append: " + size("-wal"));
            assertEquals(new WalCheckpointer.Counts(0, 0, 0, 0, 0), j.checkpoints());

            scheduler.advance(EVERY); // the checkpointer's turn: now the pages move
            assertTrue(size("") > dbBefore, "the turn copied the log into the database");
            WalCheckpointer.Counts c = j.checkpoints();
            assertEquals(1, c.passive());
            assertEquals(1, c.restarts());
            assertEquals(400, j.stats().total());
        }
    }

    @Test
    void aQuietJournalCostsNoCheckpointWork() throws Exception {
        try (SqliteJournal j = open(1L << 30)) {
            append(j, 3);
            scheduler.advance(EVERY);
            assertEquals(1, j.checkpoints().passive());
            scheduler.advance(EVERY.multipliedBy(10)); // nothing committed since: nothing to copy, no restart
            assertEquals(1, j.checkpoints().passive());
            assertEquals(1, j.checkpoints().restarts());
            append(j, 1);
            scheduler.advance(EVERY);
            assertEquals(2, j.checkpoints().passive());
        }
    }

    @Test
    void theLogStaysBoundedWhileAppendsGoOnBetweenTurns() throws Exception {
        try (SqliteJournal j = open(1L << 30)) {
            long firstRound = 0;
            for (int round = 0; round < 12; round++) {
                append(j, 40);
                if (round == 0) {
                    firstRound = size("-wal");
                }
                scheduler.advance(EVERY);
                // about one round's frames (a deeper tree touches a few more pages), not the sum of all rounds
                assertTrue(size("-wal") <= firstRound * 3 / 2, "round " + round + ": log " + size("-wal")
                        + " bytes, first round " + firstRound);
            }
            assertEquals(480, j.stats().total());
            assertEquals(12, j.checkpoints().passive());
        }
    }

    @Test
    void aLogAReaderPinnedPastTheLimitIsCutBackOnceTheReaderLetsGo() throws Exception {
        long limit = 256 * 1024;
        try (SqliteJournal j = open(limit);
                Connection reader = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"))) {
            append(j, 2);
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM record")) {
                rs.next(); // a read transaction: its snapshot pins the log
            }
            append(j, 60);
            assertTrue(size("-wal") > limit, "grown past the limit: " + size("-wal"));

            scheduler.advance(EVERY); // the TRUNCATE cannot finish while the reader holds its snapshot
            assertEquals(1, j.checkpoints().truncate());
            assertTrue(size("-wal") > limit);
            append(j, 1); // ...and the writer was not left locked out
            assertEquals(63, j.stats().total());

            reader.commit(); // the reader lets go: the next turn copies everything and starts the log again,
            scheduler.advance(EVERY); // cutting the file back to half the limit (or truncating it)
            assertTrue(size("-wal") <= limit / 2, "cut back: " + size("-wal"));
            assertTrue(j.checkpoints().maxWalBytes() > limit);
            append(j, 1);
            assertEquals(64, j.stats().total());
        }
        try (SqliteJournal j = open(limit)) {
            assertEquals(64, j.stats().total());
            assertEquals(64, j.undelivered(0, 100).size());
        }
    }

    /**
     * The gate's policy shape: not a checkpoint at every look, but once enough commits are in the log
     * (here 10), or when the log holds some and the gate has gone quiet (here 60 s). At a gate that
     * sees a person a minute, a checkpoint per look with something new would be one per passage.
     */
    @Test
    void aCheckpointWaitsForEnoughCommitsOrForTheGateToGoQuiet() throws Exception {
        try (SqliteJournal j = new SqliteJournal(dir.resolve("journal.db"), SqliteJournalTest.GATE,
                SqliteJournalTest.ROOMY, clock, scheduler,
                new WalCheckpointer.Policy(EVERY, 10, Duration.ofSeconds(60), 1L << 30))) {
            scheduler.advance(EVERY); // the first look folds in whatever log the file came with
            assertEquals(1, j.checkpoints().passive());

            for (int i = 0; i < 9; i++) { // a passage every 30 s: nine commits, one short of the batch
                append(j, 1);
                scheduler.advance(Duration.ofSeconds(30));
            }
            assertEquals(1, j.checkpoints().passive(), "nine commits, each followed by 30 quiet looks");
            long db = size("");
            append(j, 1); // the tenth
            scheduler.advance(EVERY);
            assertEquals(2, j.checkpoints().passive(), "ten commits in the log: checkpointed");
            assertTrue(size("") > db, "the pages went into the database file");

            append(j, 3);
            scheduler.advance(Duration.ofSeconds(50));
            assertEquals(2, j.checkpoints().passive(), "three commits, 50 s quiet: not yet");
            scheduler.advance(Duration.ofSeconds(20));
            assertEquals(3, j.checkpoints().passive(), "a minute without a commit: the log is folded in");
            scheduler.advance(Duration.ofMinutes(10));
            assertEquals(3, j.checkpoints().passive(), "and nothing more while nothing comes");
            assertEquals(13, j.stats().total());
        }
    }

    @Test
    void closingStopsTheSchedule() throws Exception {
        SqliteJournal j = open(1L << 30);
        append(j, 1);
        assertEquals(1, scheduler.pending());
        j.close();
        scheduler.advance(EVERY.multipliedBy(3));
        assertEquals(0, scheduler.pending());
        assertEquals(0, j.checkpoints().passive());
    }
}
