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
                      reason TEXT NOT NULL)"""));

    static final int CURRENT = MIGRATIONS.size();

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
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new SQLException("could not switch to WAL mode");
                }
            }
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA journal_size_limit = " + WalCheckpointer.TRIM_BYTES);
            s.execute("PRAGMA wal_autocheckpoint = 0");
            migrate(w);
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
