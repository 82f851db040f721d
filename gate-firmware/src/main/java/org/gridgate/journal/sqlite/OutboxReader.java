package org.gridgate.journal.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.RecordKind;

/**
 * The journal's query-only connection: the outbox, resends and counts. Reading the backlog here
 * never holds up the writer's commit (WAL readers see their own snapshot). Thread-safe.
 */
final class OutboxReader implements AutoCloseable {
    private static final String OUTBOX = "SELECT seq, id, kind, at, payload FROM record"
            + " WHERE delivered_at IS NULL AND seq > ? ORDER BY seq LIMIT ?";
    private static final String RANGE = "SELECT seq, id, kind, at, payload FROM record"
            + " WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?";

    private final Path file;
    private final Connection reader;
    private final ReentrantLock lock = new ReentrantLock();
    private PreparedStatement outbox;
    private boolean closed;

    OutboxReader(Path file, int busyTimeoutMs) throws SQLException {
        this.file = file;
        this.reader = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = reader.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + busyTimeoutMs);
            s.execute("PRAGMA query_only = 1");
            this.outbox = reader.prepareStatement(OUTBOX);
        } catch (SQLException e) {
            Sql.closeQuietly(reader);
            throw e;
        }
    }

    List<JournalEntry> undelivered(long afterSeq, int max) {
        lock.lock();
        try {
            ensureOpen();
            outbox.setLong(1, afterSeq);
            outbox.setInt(2, max);
            return entries(outbox, max);
        } catch (SQLException e) {
            outbox = Sql.renew(reader, outbox, OUTBOX);
            throw new IllegalStateException("journal read failed at " + file + ": " + Sql.describe(e), e);
        } finally {
            lock.unlock();
        }
    }

    List<JournalEntry> range(long fromSeq, long toSeq, int max) {
        lock.lock();
        try {
            ensureOpen();
            try (PreparedStatement p = reader.prepareStatement(RANGE)) {
                p.setLong(1, fromSeq);
                p.setLong(2, toSeq);
                p.setInt(3, max);
                return entries(p, max);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("journal read failed at " + file + ": " + Sql.describe(e), e);
        } finally {
            lock.unlock();
        }
    }

    /** {@code [records, undelivered, dropped]}. */
    long[] counts() {
        lock.lock();
        try {
            ensureOpen();
            try (Statement s = reader.createStatement();
                    ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM record),"
                            + " (SELECT count(*) FROM record WHERE delivered_at IS NULL),"
                            + " (SELECT coalesce(sum(count), 0) FROM dropped)")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        } catch (SQLException e) {
            throw new IllegalStateException("journal stats failed at " + file + ": " + Sql.describe(e), e);
        } finally {
            lock.unlock();
        }
    }

    private static List<JournalEntry> entries(PreparedStatement query, int max) throws SQLException {
        List<JournalEntry> out = new ArrayList<>(Math.min(max, 1024));
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                out.add(new JournalEntry(rs.getLong(1), UUID.fromString(rs.getString(2)),
                        RecordKind.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
            }
        }
        return out;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("journal " + file + " is closed");
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                Sql.closeQuietly(reader);
            }
        } finally {
            lock.unlock();
        }
    }
}
