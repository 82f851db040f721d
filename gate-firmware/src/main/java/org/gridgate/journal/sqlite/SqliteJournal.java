package org.gridgate.journal.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.gridgate.config.GateIdentity;
import org.gridgate.config.StorageConfig;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;

/**
 * The journal in one SQLite file (WAL, {@code synchronous=FULL}): {@link #append} returns only once
 * the record is on disk. Two connections: the writer (appends, marks, retention) and a query-only
 * reader (outbox and stats), so the uplink reading the backlog never holds up the gate's commit.
 * Times in the file are epoch milliseconds; {@code at} is truncated to milliseconds at append.
 */
public final class SqliteJournal implements Journal {
    /** How much the journal may keep; see {@link Journal#prune}. */
    public record Limits(Duration retention, long diskBudgetBytes) {
        public static Limits of(StorageConfig storage) {
            return new Limits(Duration.ofDays(storage.retentionDays()), storage.diskBudgetMb() * 1024 * 1024);
        }
    }

    private static final int BUSY_TIMEOUT_MS = 1000;
    private static final String INSERT = "INSERT INTO record(seq, id, kind, at, payload) VALUES (?, ?, ?, ?, ?)";
    private static final String MARK = "UPDATE record SET delivered_at = ? WHERE seq = ? AND delivered_at IS NULL";
    private static final String OUTBOX = "SELECT seq, id, kind, at, payload FROM record"
            + " WHERE delivered_at IS NULL AND seq > ? ORDER BY seq LIMIT ?";
    private static final String RANGE = "SELECT seq, id, kind, at, payload FROM record"
            + " WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?";
    private static final int WAL_SIZE_LIMIT = 4 * 1024 * 1024;

    private final Path file;
    private final Limits limits;
    private final Clock clock;
    private final Payloads payloads;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final Connection writer;
    private final Connection reader;
    // Cached statements; sqlite-jdbc leaves a statement unusable after it failed, so a failure
    // re-prepares it (see renew) and the journal keeps working once the disk has room again.
    private PreparedStatement insert;
    private PreparedStatement mark;
    private PreparedStatement outbox;
    private long lastSeq;
    /** True while the writer is (or may still be) at synchronous=NORMAL for a mark; guarded by writeLock. */
    private boolean relaxed;
    private volatile boolean closed;

    /** Opens (creating and migrating if needed) the journal at {@code storage.journal()}. */
    public static SqliteJournal open(StorageConfig storage, GateIdentity gate, Clock clock) throws JournalException {
        return new SqliteJournal(storage.journal(), gate, Limits.of(storage), clock);
    }

    public SqliteJournal(Path file, GateIdentity gate, Limits limits, Clock clock) throws JournalException {
        this.file = file;
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
        this.payloads = new Payloads(Objects.requireNonNull(gate));
        Connection w = null;
        Connection r = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            w = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = w.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                        throw new SQLException("could not switch to WAL mode");
                    }
                }
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA journal_size_limit = " + WAL_SIZE_LIMIT);
            }
            Schema.migrate(w, file);
            r = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = r.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
                s.execute("PRAGMA query_only = 1");
            }
            this.lastSeq = highWater(w);
            this.insert = w.prepareStatement(INSERT);
            this.mark = w.prepareStatement(MARK);
            this.outbox = r.prepareStatement(OUTBOX);
            this.writer = w;
            this.reader = r;
        } catch (SQLException | IOException e) {
            Sql.closeQuietly(r);
            Sql.closeQuietly(w);
            throw new JournalException("cannot open journal " + file + ": " + Sql.describe(e), e);
        }
    }

    @Override
    public JournalEntry append(RecordKind kind, Instant at, Map<String, Object> body) throws JournalException {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(body);
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        UUID id = UUID.randomUUID();
        writeLock.lock();
        try {
            ensureOpen();
            if (relaxed) {
                durable(); // a mark could not restore FULL: do it now, or fail rather than commit less
            }
            long seq = lastSeq + 1;
            String payload = payloads.render(id, seq, kind, when, body);
            insert.setLong(1, seq);
            insert.setString(2, id.toString());
            insert.setString(3, kind.topicLevel());
            insert.setLong(4, when.toEpochMilli());
            insert.setString(5, payload);
            insert.executeUpdate(); // autocommit: one durable transaction
            lastSeq = seq;
            return new JournalEntry(seq, id, kind, when, payload);
        } catch (SQLException e) {
            insert = Sql.renew(writer, insert, INSERT);
            throw new JournalException("journal append failed at " + file + ": " + Sql.describe(e), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<JournalEntry> undelivered(long afterSeq, int max) {
        readLock.lock();
        try {
            ensureOpenUnchecked();
            outbox.setLong(1, afterSeq);
            outbox.setInt(2, max);
            return entries(outbox, max);
        } catch (SQLException e) {
            outbox = Sql.renew(reader, outbox, OUTBOX);
            throw new IllegalStateException("journal read failed at " + file + ": " + Sql.describe(e), e);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public List<JournalEntry> range(long fromSeq, long toSeq, int max) {
        readLock.lock();
        try (PreparedStatement p = reader.prepareStatement(RANGE)) {
            ensureOpenUnchecked();
            p.setLong(1, fromSeq);
            p.setLong(2, toSeq);
            p.setInt(3, max);
            return entries(p, max);
        } catch (SQLException e) {
            throw new IllegalStateException("journal read failed at " + file + ": " + Sql.describe(e), e);
        } finally {
            readLock.unlock();
        }
    }

    private static List<JournalEntry> entries(PreparedStatement query, int max) throws SQLException {
        List<JournalEntry> out = new ArrayList<>(Math.min(max, 1024));
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                out.add(new JournalEntry(rs.getLong(1), UUID.fromString(rs.getString(2)),
                        RecordKind.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5)));
            }
        }
        return out;
    }

    /**
     * One transaction, committed with {@code synchronous=NORMAL}: a mark lost to a power cut only
     * makes the uplink send the record again, and the server drops the duplicate by id. Keeping
     * marks off the fsync path keeps the gate's own appends fast while a backlog drains.
     */
    @Override
    public void markDelivered(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        writeLock.lock();
        try {
            ensureOpenUnchecked();
            long now = clock.millis();
            relaxed = true;
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA synchronous = NORMAL");
            }
            writer.setAutoCommit(false);
            try {
                for (long seq : seqs) {
                    mark.setLong(1, now);
                    mark.setLong(2, seq);
                    mark.addBatch();
                }
                mark.executeBatch();
                writer.commit();
            } catch (SQLException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
                durable();
            }
        } catch (SQLException e) {
            mark = Sql.renew(writer, mark, MARK);
            throw new IllegalStateException("journal mark failed at " + file + ": " + Sql.describe(e), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Stats stats() {
        long last;
        writeLock.lock();
        try {
            last = lastSeq;
        } finally {
            writeLock.unlock();
        }
        readLock.lock();
        try {
            ensureOpenUnchecked();
            try (Statement s = reader.createStatement();
                    ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM record),"
                            + " (SELECT count(*) FROM record WHERE delivered_at IS NULL),"
                            + " (SELECT coalesce(sum(count), 0) FROM dropped)")) {
                rs.next();
                return new Stats(rs.getLong(1), rs.getLong(2), last, rs.getLong(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("journal stats failed at " + file + ": " + Sql.describe(e), e);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public Pruned prune(Instant now) throws JournalException {
        writeLock.lock();
        try {
            ensureOpen();
            writer.setAutoCommit(false);
            try {
                Pruned p = Pruner.prune(writer, now, limits);
                writer.commit();
                return p;
            } catch (SQLException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new JournalException("journal prune failed at " + file + ": " + Sql.describe(e), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Database pages in use, in bytes: what the disk budget is measured against. */
    public long usedBytes() throws JournalException {
        writeLock.lock();
        try {
            ensureOpen();
            return Pruner.usedBytes(writer);
        } catch (SQLException e) {
            throw new JournalException("journal size query failed at " + file + ": " + Sql.describe(e), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            if (!closed) {
                closed = true;
                Sql.closeQuietly(reader);
                Sql.closeQuietly(writer);
            }
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    /** Test hook: the writer's {@code PRAGMA synchronous} (2 = FULL). */
    int writerSynchronous() throws SQLException {
        writeLock.lock();
        try (Statement s = writer.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
            return rs.next() ? rs.getInt(1) : -1;
        } finally {
            writeLock.unlock();
        }
    }

    /** Test hook: caps the file at {@code pages} pages, so a test can make the disk "full". */
    void maxPageCount(long pages) throws SQLException {
        writeLock.lock();
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA max_page_count = " + pages);
        } finally {
            writeLock.unlock();
        }
    }

    private void durable() throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA synchronous = FULL");
        }
        relaxed = false;
    }

    private static long highWater(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT max(coalesce((SELECT seq FROM sqlite_sequence"
                        + " WHERE name = 'record'), 0), coalesce((SELECT max(seq) FROM record), 0))")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void ensureOpen() throws JournalException {
        if (closed) {
            throw new JournalException("journal " + file + " is closed", null);
        }
    }

    private void ensureOpenUnchecked() {
        if (closed) {
            throw new IllegalStateException("journal " + file + " is closed");
        }
    }
}
