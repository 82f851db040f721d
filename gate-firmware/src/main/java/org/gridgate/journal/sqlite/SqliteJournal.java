package org.gridgate.journal.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.gridgate.timing.ExecutorScheduler;
import org.gridgate.timing.Scheduler;

/**
 * The journal in one SQLite file (WAL, {@code synchronous=FULL}): {@link #append} returns only once
 * the record is on disk. Two connections: the writer (appends, marks, retention) and a query-only
 * reader (outbox and stats), so the uplink reading the backlog never holds up the gate's commit.
 * Acknowledgements are written late ({@link DeliveryMarks}) and retention is the {@link Pruner}'s.
 * The writer never checkpoints: a {@link WalCheckpointer} on a third connection and its own thread
 * does, so an append costs one fsync and nothing more. Times in the file are epoch milliseconds;
 * {@code at} is truncated to milliseconds at append.
 */
public final class SqliteJournal implements Journal {
    /** How much the journal may keep; see {@link Journal#prune}. */
    public record Limits(Duration retention, long diskBudgetBytes) {
        public static Limits of(StorageConfig storage) {
            return new Limits(Duration.ofDays(storage.retentionDays()), storage.diskBudgetMb() * 1024 * 1024);
        }
    }

    private static final int BUSY_TIMEOUT_MS = 1000;
    private static final String INSERT = "INSERT INTO record(seq, id, kind, at, payload, mono) VALUES (?, ?, ?, ?, ?, ?)";
    /**
     * Every commit writes whole pages to the WAL; a record is well under 1 KB, so 1 KB pages write a
     * quarter of what 4 KB pages would per commit (see docs/performance.md, flash wear).
     */
    static final int PAGE_SIZE = 1024;

    private final Path file;
    private final Limits limits;
    private final Clock clock;
    private final Payloads payloads;
    private final RecordIds ids = new RecordIds();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final OutboxReader reader;
    private final WalCheckpointer checkpointer;
    /** The checkpointer's thread when this journal made it (closed with the journal); else null. */
    private final ExecutorScheduler ownScheduler;
    // Cached statements; sqlite-jdbc leaves a statement unusable after it failed, so a failure
    // re-prepares it (see renew) and the journal keeps working once the disk has room again.
    private PreparedStatement insert;
    /** Acknowledged records whose marks wait for a later commit; written under writeLock. */
    private final DeliveryMarks marks;
    private long lastSeq;
    private volatile boolean closed;

    /** Opens (creating and migrating if needed) the journal at {@code storage.journal()}. */
    public static SqliteJournal open(StorageConfig storage, GateIdentity gate, Clock clock) throws JournalException {
        return new SqliteJournal(storage.journal(), gate, Limits.of(storage), clock);
    }

    /** A journal with its checkpoints on a thread of its own ({@code journal-checkpoint}), once a second. */
    public SqliteJournal(Path file, GateIdentity gate, Limits limits, Clock clock) throws JournalException {
        this(file, gate, limits, clock, new ExecutorScheduler("journal-checkpoint"), WalCheckpointer.Policy.DEFAULT, true);
    }

    /**
     * A journal whose checkpoints run on {@code checkpoints} (never the thread that appends: a
     * checkpoint copies pages and fsyncs the database), as {@code policy} says.
     */
    public SqliteJournal(Path file, GateIdentity gate, Limits limits, Clock clock, Scheduler checkpoints,
            WalCheckpointer.Policy policy) throws JournalException {
        this(file, gate, limits, clock, Objects.requireNonNull(checkpoints), policy, false);
    }

    private SqliteJournal(Path file, GateIdentity gate, Limits limits, Clock clock, Scheduler checkpoints,
            WalCheckpointer.Policy policy, boolean ownsScheduler) throws JournalException {
        this.file = file;
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
        this.payloads = new Payloads(Objects.requireNonNull(gate));
        Connection w = null;
        OutboxReader r = null;
        WalCheckpointer c = null;
        ExecutorScheduler own = ownsScheduler ? (ExecutorScheduler) checkpoints : null;
        try {
            w = Schema.openWriter(file, BUSY_TIMEOUT_MS);
            r = new OutboxReader(file, BUSY_TIMEOUT_MS);
            this.lastSeq = Schema.highWater(w);
            this.insert = w.prepareStatement(INSERT);
            this.marks = new DeliveryMarks(w, this.clock);
            c = new WalCheckpointer(file, writeLock, CommitCounter.on(w), checkpoints, policy);
            this.writer = w;
            this.reader = r;
            this.checkpointer = c;
            this.ownScheduler = own;
            c.start();
        } catch (SQLException e) {
            if (c != null) {
                c.close();
            }
            if (own != null) {
                own.close();
            }
            if (r != null) {
                r.close();
            }
            Sql.closeQuietly(w);
            throw new JournalException("cannot open journal " + file + ": " + Sql.describe(e), e);
        }
    }

    @Override
    public JournalEntry append(RecordKind kind, Instant at, Map<String, Object> body) throws JournalException {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(body);
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        UUID id = ids.next(when.toEpochMilli());
        writeLock.lock();
        try {
            ensureOpen();
            marks.ensureDurable(); // a mark could not restore FULL: do it now, or fail rather than commit less
            long seq = lastSeq + 1;
            // Milliseconds since boot: System.nanoTime is CLOCK_MONOTONIC on Linux, which NTP steps never move.
            long mono = System.nanoTime() / 1_000_000;
            String payload = payloads.render(id, seq, kind, when, mono, body);
            insert.setLong(1, seq);
            insert.setString(2, id.toString());
            insert.setString(3, kind.topicLevel());
            insert.setLong(4, when.toEpochMilli());
            insert.setString(5, payload);
            insert.setLong(6, mono);
            if (marks.isEmpty()) {
                insert.executeUpdate(); // autocommit: one durable transaction
            } else {
                marks.commitWith(insert::executeUpdate); // the insert and the waiting marks: one durable transaction
            }
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
        return marks.undelivered(reader::undelivered, afterSeq, max);
    }

    @Override
    public List<JournalEntry> range(long fromSeq, long toSeq, int max) {
        return reader.range(fromSeq, toSeq, max);
    }

    /** Acknowledgements are written late, mostly with the next append: see {@link DeliveryMarks}. */
    @Override
    public void markDelivered(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        writeLock.lock();
        try {
            ensureOpenUnchecked();
            marks.add(seqs);
        } catch (SQLException e) {
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
        long[] c = reader.counts();
        return new Stats(c[0], Math.max(0, c[1] - marks.count()), last, c[2]);
    }

    @Override
    public Pruned prune(Instant now) throws JournalException {
        writeLock.lock();
        try {
            ensureOpen();
            marks.flush();
            return Pruner.inTransaction(writer, now, limits);
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

    /** What the checkpointer has done so far (for the status page and the bench). */
    public WalCheckpointer.Counts checkpoints() {
        return checkpointer.counts();
    }

    @Override
    public void close() {
        checkpointer.close(); // first: no checkpoint may start on a closing file
        if (ownScheduler != null) {
            ownScheduler.close();
        }
        writeLock.lock();
        try {
            if (!closed) {
                try {
                    marks.flush();
                } catch (SQLException e) {
                    // the records are sent again after the restart; the server drops them by id
                }
                closed = true;
                reader.close();
                Sql.closeQuietly(writer);
            }
        } finally {
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
