package org.gridgate.journal.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * Counts the transactions a connection commits, autocommitted statements included (SQLite's commit
 * hook), so the {@link WalCheckpointer} knows how much the log holds: over JDBC there is no way to
 * ask short of checkpointing (SQLite's WAL hook, which tells, is not exposed). Read from any thread.
 */
final class CommitCounter implements SQLiteCommitListener, LongSupplier {
    private final AtomicLong commits = new AtomicLong();

    private CommitCounter() {}

    /** A counter of {@code connection}'s commits from now on. */
    static CommitCounter on(Connection connection) throws SQLException {
        CommitCounter c = new CommitCounter();
        connection.unwrap(SQLiteConnection.class).addCommitListener(c);
        return c;
    }

    @Override
    public void onCommit() {
        commits.incrementAndGet();
    }

    @Override
    public void onRollback() {
        // nothing reached the log
    }

    @Override
    public long getAsLong() {
        return commits.get();
    }
}
