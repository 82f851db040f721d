package org.gridgate.journal.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.gridgate.journal.Journal.Pruned;

/**
 * Retention on the writer connection, in one transaction ({@link #inTransaction}). The disk budget counts
 * database pages in use ({@code page_count - freelist_count}): SQLite reuses freed pages, so the
 * file stays near the budget without a VACUUM. Once over budget it prunes down to
 * {@link #LOW_WATER} of it, so a full journal is not pruned again on the very next call.
 */
final class Pruner {
    static final double LOW_WATER = 0.9;
    private static final int MIN_CHUNK = 16;

    private Pruner() {}

    /** {@link #prune} in a transaction of its own: all of it is done, or none. */
    static Pruned inTransaction(Connection c, Instant now, SqliteJournal.Limits limits) throws SQLException {
        c.setAutoCommit(false);
        try {
            Pruned p = prune(c, now, limits);
            c.commit();
            return p;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Inside the caller's transaction. */
    static Pruned prune(Connection c, Instant now, SqliteJournal.Limits limits) throws SQLException {
        long deleted;
        try (PreparedStatement byAge = c.prepareStatement(
                "DELETE FROM record WHERE delivered_at IS NOT NULL AND at < ?")) {
            byAge.setLong(1, now.minus(limits.retention()).toEpochMilli());
            deleted = byAge.executeUpdate();
        }
        long used = usedBytes(c);
        if (used <= limits.diskBudgetBytes()) {
            return new Pruned(deleted, 0, 0, 0);
        }
        long target = (long) (limits.diskBudgetBytes() * LOW_WATER);
        long dropped = 0;
        long first = 0;
        long last = 0;
        while (used > target) {
            long rows = count(c);
            if (rows == 0) {
                break; // the empty schema alone exceeds the budget: nothing more we can do
            }
            long perRow = Math.max(1, used / rows);
            int chunk = (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_CHUNK, (used - target + perRow - 1) / perRow));
            int n = deleteOldest(c, true, chunk);
            deleted += n;
            if (n == 0) {
                long[] range = range(c, chunk);
                n = deleteOldest(c, false, chunk);
                dropped += n;
                first = first == 0 ? range[0] : first;
                last = range[1];
            }
            used = usedBytes(c);
        }
        if (dropped > 0) {
            try (PreparedStatement log = c.prepareStatement(
                    "INSERT INTO dropped(at, count, first_seq, last_seq, reason) VALUES (?, ?, ?, ?, ?)")) {
                log.setLong(1, now.toEpochMilli());
                log.setLong(2, dropped);
                log.setLong(3, first);
                log.setLong(4, last);
                log.setString(5, "disk budget");
                log.executeUpdate();
            }
        }
        return new Pruned(deleted, dropped, first, last);
    }

    static long usedBytes(Connection c) throws SQLException {
        return (pragma(c, "page_count") - pragma(c, "freelist_count")) * pragma(c, "page_size");
    }

    private static long pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM record")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static int deleteOldest(Connection c, boolean delivered, int n) throws SQLException {
        String which = delivered ? "IS NOT NULL" : "IS NULL";
        try (PreparedStatement d = c.prepareStatement("DELETE FROM record WHERE seq IN (SELECT seq FROM record"
                + " WHERE delivered_at " + which + " ORDER BY seq LIMIT ?)")) {
            d.setInt(1, n);
            return d.executeUpdate();
        }
    }

    /** Lowest and highest seq among the {@code n} oldest undelivered records. */
    private static long[] range(Connection c, int n) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT min(seq), max(seq) FROM (SELECT seq FROM record"
                + " WHERE delivered_at IS NULL ORDER BY seq LIMIT ?)")) {
            q.setInt(1, n);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
