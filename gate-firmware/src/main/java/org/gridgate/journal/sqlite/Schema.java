package org.gridgate.journal.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The journal's schema, versioned with {@code PRAGMA user_version}. Migration {@code i} takes the
 * file from version {@code i} to {@code i + 1}; each runs in its own transaction together with the
 * version bump, so a crash leaves the file at one version or the next, never in between. Append
 * migrations; never edit a released one.
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

    static final int CURRENT = MIGRATIONS.size();

    private Schema() {}

    /** Brings the file to {@link #CURRENT}; returns the version found. Refuses files from newer firmware. */
    static int migrate(Connection c) throws SQLException {
        int found = userVersion(c);
        if (found > CURRENT) {
            throw new SQLException("journal schema version " + found + " is newer than this firmware's ("
                    + CURRENT + "): refusing to touch it");
        }
        for (int v = found; v < CURRENT; v++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return found;
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
