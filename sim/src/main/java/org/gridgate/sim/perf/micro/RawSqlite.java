package org.gridgate.sim.perf.micro;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The baseline for the journal: plain JDBC inserts into a table like the journal's (same columns,
 * same AUTOINCREMENT key, same unique id and partial outbox index), the same pragmas (WAL,
 * {@code synchronous=FULL}, the same WAL size limit), one autocommitted transaction per row. The
 * payload is a finished string of the journal's payload size: what is left is SQLite and the fsync.
 */
final class RawSqlite implements AutoCloseable {
    private final Connection c;
    private final PreparedStatement insert;
    private final String payload;
    private long seq;

    RawSqlite(Path file, String payload) throws SQLException {
        this.payload = payload;
        c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 1000");
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new SQLException("could not switch " + file + " to WAL mode");
                }
            }
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA journal_size_limit = " + (4 * 1024 * 1024));
            s.execute("CREATE TABLE IF NOT EXISTS record (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, at INTEGER NOT NULL, payload TEXT NOT NULL,"
                    + " delivered_at INTEGER)");
            s.execute("CREATE INDEX IF NOT EXISTS record_outbox ON record(seq) WHERE delivered_at IS NULL");
        }
        insert = c.prepareStatement("INSERT INTO record(seq, id, kind, at, payload) VALUES (?, ?, ?, ?, ?)");
    }

    /** Inserts {@code rows} rows, each its own durable transaction; returns the nanoseconds taken. */
    long insert(int rows) throws SQLException {
        long t0 = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            insert.setLong(1, ++seq);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, "passage");
            insert.setLong(4, System.currentTimeMillis());
            insert.setString(5, payload);
            insert.executeUpdate();
        }
        return System.nanoTime() - t0;
    }

    long count() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM record")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
