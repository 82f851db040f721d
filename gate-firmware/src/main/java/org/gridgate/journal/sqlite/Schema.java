package org.gridgate.journal.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
                      reason TEXT NOT NULL)"""));

    static final Migrations JOURNAL = new Migrations("journal", MIGRATIONS);
    static final int CURRENT = JOURNAL.current();

    private Schema() {}

    /** Brings the file to {@link #CURRENT}; returns the version found. Refuses files from newer firmware. */
    static int migrate(Connection c, Path file) throws SQLException {
        return JOURNAL.migrate(c, file);
    }

    static int userVersion(Connection c) throws SQLException {
        return Migrations.userVersion(c);
    }
}
