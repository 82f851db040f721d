package org.gridgate.journal.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.function.LongSupplier;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the journal's write-ahead log short so that the writer never has to. SQLite's default is to
 * checkpoint inside a commit once the log passes 1000 pages: on the gate loop that is an extra WAL
 * fsync plus a database fsync in one passage out of a few hundred. The writer's connection turns
 * that off ({@code wal_autocheckpoint=0}) and this class, on its own connection and on the
 * scheduler's thread, does the work instead:
 *
 * <ol>
 *   <li>Every {@link Policy#every} it looks at how many commits the writer made since the last
 *       checkpoint. Once there are {@link Policy#commits} of them, or some and no new one for
 *       {@link Policy#idle}, a PASSIVE checkpoint copies the committed pages into the database file
 *       and fsyncs it. It neither waits for nor blocks the writer. Not at every turn: a checkpoint
 *       and its log restart cost three fsyncs and rewrite the pages near the end of the tables, about
 *       56 KB of writes on an SD card's ext4 (perf's wear bench); at a quiet gate's pace, a passage
 *       every half minute, a checkpoint every second with something new would be one per passage
 *       and more than double what a passage writes. Batched, it costs a passage a few hundred bytes,
 *       and the idle rule still folds the log into the database file when the gate goes quiet.
 *   <li>Then, holding the journal's write lock (so the writer cannot commit meanwhile), a second
 *       PASSIVE checkpoint copies what was committed during the first, and this connection makes the
 *       one small commit that starts the log again from its front ({@code PRAGMA application_id},
 *       which rewrites page 1 with the same value). Restarting the log writes and fsyncs a new log
 *       header: done here, that second fsync is not in a decision's commit, which stays at one. An
 *       append that arrives meanwhile waits for these (a few pages and three fsyncs, at most once
 *       per turn). Only an append that starts in the instant between the first checkpoint finishing
 *       everything and this step restarts the log itself, paying the header's fsync.
 *   <li>If the log file still grew past {@link Policy#walLimitBytes} (a reader pinned an old
 *       snapshot, or the writer outran the schedule), a TRUNCATE checkpoint resets it to zero bytes.
 *       That one waits for the writer's current commit and holds the next off while it copies: the
 *       price of a bounded file, paid rarely and never inside the writer's own call.
 * </ol>
 *
 * A turn that fails (disk full, locked) is logged and counted, and the next turn tries again; the
 * records themselves are durable in the log either way. Not thread-safe: one scheduler thread.
 */
public final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    /** "GRDG": marks the file as a gridgate journal; writing it is what restarts the log. */
    static final int APPLICATION_ID = 0x47524447;
    /** The log file is cut back to this size when it starts again (so one burst does not keep it large). */
    static final long TRIM_BYTES = 4L * 1024 * 1024;
    /** Short: a locked turn is retried at the next one rather than waiting with the writer lock held. */
    private static final int BUSY_TIMEOUT_MS = 50;

    /**
     * When to checkpoint: the checkpointer looks {@code every} so long; it checkpoints once
     * {@code commits} commits are in the log, or when the log holds any and none came for
     * {@code idle}; past {@code walLimitBytes} of log file a blocking TRUNCATE checkpoint runs.
     */
    public record Policy(Duration every, int commits, Duration idle, long walLimitBytes) {
        /**
         * A look every second; a checkpoint every 250 commits (with 1 KB pages about the 1000 log pages
         * of SQLite's own auto-checkpoint) or after 5 quiet minutes. At a gate's rate (a passage every few
         * seconds, a few hundred a second at the very most) the log holds a few hundred KB to a few MB
         * between checkpoints; 16 MB is far past that.
         */
        public static final Policy DEFAULT =
                new Policy(Duration.ofSeconds(1), 250, Duration.ofMinutes(5), 16L * 1024 * 1024);

        public Policy {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("checkpoint interval must be positive: " + every);
            }
            if (commits < 1) {
                throw new IllegalArgumentException("commits per checkpoint must be at least 1: " + commits);
            }
            if (idle.compareTo(every) < 0) {
                throw new IllegalArgumentException("idle time must be at least the interval: " + idle);
            }
            if (walLimitBytes <= 0) {
                throw new IllegalArgumentException("WAL limit must be positive: " + walLimitBytes);
            }
        }

        /** At every turn that finds a commit in the log (tests and tools that want checkpoints now). */
        public Policy(Duration every, long walLimitBytes) {
            this(every, 1, every, walLimitBytes);
        }

        /** Looks with no new commit after which a log that holds some is checkpointed. */
        long idleTurns() {
            return Math.max(1, idle.toNanos() / every.toNanos());
        }
    }

    /**
     * What the checkpointer did so far: passive and truncating checkpoints run, log restarts it made,
     * turns that failed, and the largest log file it saw (bytes).
     */
    public record Counts(long passive, long truncate, long restarts, long failed, long maxWalBytes) {}

    private final Path wal;
    private final Scheduler scheduler;
    private final Policy policy;
    private final Connection connection;
    private final Lock writer;
    /** The writer's commits so far (a counter fed by its commit hook). */
    private final LongSupplier commits;
    /** The commit count the last checkpoint covered; -1: none yet, so the first look folds in a log left from before. */
    private long checkpointed = -1;
    private long seen = -1;
    private long quietTurns;
    // Written by the turn (one at a time), read by anyone without waiting for a turn to finish.
    private volatile long passive;
    private volatile long truncate;
    private volatile long restarts;
    private volatile long failed;
    private volatile long maxWalBytes;
    private volatile boolean closed;
    private volatile Scheduler.Cancellable next;

    /**
     * Opens its own connection to {@code db} (which must already be in WAL mode); {@code writer} is the
     * lock the journal's writer holds around each of its transactions, {@code commits} counts the
     * writer's commits. Call {@link #start}.
     */
    WalCheckpointer(Path db, Lock writer, LongSupplier commits, Scheduler scheduler, Policy policy)
            throws SQLException {
        this.writer = Objects.requireNonNull(writer);
        this.commits = Objects.requireNonNull(commits);
        this.wal = db.resolveSibling(db.getFileName() + "-wal");
        this.scheduler = Objects.requireNonNull(scheduler);
        this.policy = Objects.requireNonNull(policy);
        this.connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            s.execute("PRAGMA synchronous = FULL"); // the checkpoint's own syncs follow this connection's setting
            s.execute("PRAGMA wal_autocheckpoint = 0");
            // applies where the log restarts, which is here
            s.execute("PRAGMA journal_size_limit = " + Math.min(TRIM_BYTES, policy.walLimitBytes() / 2));
        } catch (SQLException e) {
            Sql.closeQuietly(connection);
            throw e;
        }
    }

    void start() {
        next = scheduler.schedule(policy.every(), this::turn);
    }

    /** One turn of the schedule (see the class comment); schedules the next. */
    private void turn() {
        if (closed) {
            return;
        }
        try {
            runOnce();
        } finally {
            if (!closed) {
                next = scheduler.schedule(policy.every(), this::turn);
            }
        }
    }

    /** One checkpoint turn now, on the caller's thread. */
    synchronized void runOnce() {
        if (closed) {
            return;
        }
        try {
            long n = commits.getAsLong();
            quietTurns = n == seen ? quietTurns + 1 : 0;
            seen = n;
            long waiting = n - checkpointed;
            if (waiting > 0 && (checkpointed < 0 || waiting >= policy.commits() || quietTurns >= policy.idleTurns())) {
                checkpoint("PASSIVE"); // the bulk, while the writer goes on
                passive++;
                writer.lock();
                try {
                    int[] r = checkpoint("PASSIVE"); // what came in meanwhile: a few pages at most
                    if (r[0] == 0 && r[1] > 0 && r[1] == r[2]) {
                        restartLog();
                    }
                } finally {
                    writer.unlock();
                }
                checkpointed = n; // commits after n was read are counted at the next look
            }
            long size = walBytes();
            maxWalBytes = Math.max(maxWalBytes, size);
            if (size > policy.walLimitBytes()) {
                truncate(size);
            }
        } catch (SQLException | IOException e) {
            failed++;
            LOG.warn("journal checkpoint failed (records stay safe in the log; retrying): {}", Sql.describe(e));
        }
    }

    /** Holds the writer off while it runs; a reader's snapshot makes it give up after the busy timeout. */
    private void truncate(long size) throws SQLException {
        writer.lock();
        try {
            int[] r = checkpoint("TRUNCATE");
            truncate++;
            if (r[0] == 0) {
                LOG.info("journal log was {} KiB (limit {} KiB): truncated", size / 1024, policy.walLimitBytes() / 1024);
                restartLog();
            } else {
                LOG.warn("journal log is {} KiB (limit {} KiB) and a reader holds it: truncating again later",
                        size / 1024, policy.walLimitBytes() / 1024);
            }
        } finally {
            writer.unlock();
        }
    }

    /** Never waits for a running turn. */
    Counts counts() {
        return new Counts(passive, truncate, restarts, failed, maxWalBytes);
    }

    /** {@code [busy, frames in the log, frames copied]} as SQLite reports them. */
    private int[] checkpoint(String mode) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            rs.next();
            return new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)};
        }
    }

    /**
     * The commit that starts the log again (only possible once every frame is copied and no reader
     * uses the log; otherwise it simply appends one page, and a later turn restarts the log).
     */
    private void restartLog() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA application_id = " + APPLICATION_ID);
        }
        restarts++;
    }

    private long walBytes() throws IOException {
        try {
            return Files.size(wal);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        Scheduler.Cancellable n = next;
        if (n != null) {
            n.cancel();
        }
        synchronized (this) {
            Sql.closeQuietly(connection);
        }
    }
}
