package org.gridgate.journal.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.gridgate.storage.sqlite.Migrations;

/**
 * The journal's schema (see {@link Migrations}): version 1 is what 0.1.0 wrote. Append migrations;
 * never edit a released one (JournalUpgradeTest opens a journal written by 0.1.0).
 */
final class Schema {
    static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    // AUTOINCREMENT keeps the high-water mark in sqlite_sequence: a seq is never
                    // handed out twice, also after its row was pruned.
                    """
                    CREATE TABLE record (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      id TEXT NOT NULL UNIQUE,
                      kind TEXT NOT NULL,
                      at INTEGER NOT NULL,
                      payload TEXT NOT NULL,
                      delivered_at INTEGER)""",
                    "CREATE INDEX record_outbox ON record(seq) WHERE delivered_at IS NULL",
                    """
                    CREATE TABLE dropped (
                      at INTEGER NOT NULL,
                      count INTEGER NOT NULL,
                      first_seq INTEGER NOT NULL,
                      last_seq INTEGER NOT NULL,
                      reason TEXT NOT NULL)"""),
            List.of(
                    // Milliseconds since boot (CLOCK_MONOTONIC) next to the wall time "at": a Pi has no
                    // real-time clock, and this orders and spaces the records of one boot whatever NTP
                    // did to "at". NULL in records written before this column existed.
                    "ALTER TABLE record ADD COLUMN mono INTEGER"));

    static final Migrations JOURNAL = new Migrations("journal", MIGRATIONS);
    static final int CURRENT = JOURNAL.current();

    private Schema() {}

    /**
     * The writer's connection: WAL, {@code synchronous=FULL} (one fsync per commit), no automatic
     * checkpoints (a {@link WalCheckpointer} runs them elsewhere), the file created and migrated.
     */
    static Connection openWriter(Path file, int busyTimeoutMs) throws SQLException {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new SQLException("cannot create " + parent + ": " + e.getMessage(), e);
        }
        Connection w = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = w.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + busyTimeoutMs);
            s.execute("PRAGMA page_size = " + SqliteJournal.PAGE_SIZE); // takes effect only on a new file
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new SQLException("could not switch to WAL mode");
                }
            }
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA journal_size_limit = " + WalCheckpointer.TRIM_BYTES);
            s.execute("PRAGMA wal_autocheckpoint = 0");
            migrate(w, file);
            return w;
        } catch (SQLException e) {
            Sql.closeQuietly(w);
            throw e;
        }
    }

    /** The highest seq ever handed out, also when its row was pruned since. */
    static long highWater(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT max(coalesce((SELECT seq FROM sqlite_sequence"
                        + " WHERE name = 'record'), 0), coalesce((SELECT max(seq) FROM record), 0))")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Brings the file to {@link #CURRENT}; returns the version found. Refuses files from newer firmware. */
    static int migrate(Connection c, Path file) throws SQLException {
        return JOURNAL.migrate(c, file);
    }

    static int userVersion(Connection c) throws SQLException {
        return Migrations.userVersion(c);
    }
}
