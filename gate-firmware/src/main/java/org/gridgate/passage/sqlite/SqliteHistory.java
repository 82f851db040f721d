package org.gridgate.passage.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.gridgate.passage.Direction;
import org.gridgate.passage.PassageHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passage history on disk, so that an exit quota over days survives a restart. Subjects are stored
 * as keyed hashes; households as the community's unit label. Rows older than {@code keep} are
 * deleted as new ones arrive, at most once every {@link #PRUNE_EVERY}. Statements are prepared once.
 * Used on the gate loop thread only.
 */
public final class SqliteHistory implements PassageHistory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteHistory.class);
    private final Connection db;
    private final UnaryOperator<String> hash;
    static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private final Duration keep;
    private final PreparedStatement exits;
    private final PreparedStatement latest;
    private final PreparedStatement insert;
    private final PreparedStatement prune;
    private Instant prunedAt = Instant.MIN;

    public SqliteHistory(Path file, UnaryOperator<String> hash, Duration keep) throws SQLException {
        this.db = DriverManager.getConnection("jdbc:sqlite:" + file);
        this.hash = hash;
        this.keep = keep;
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA page_size=1024"); // a new file only: a row is small, and each commit writes whole pages
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("CREATE TABLE IF NOT EXISTS passage (subject TEXT NOT NULL, household TEXT NOT NULL,"
                    + " direction TEXT NOT NULL, at INTEGER NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS passage_subject ON passage(subject, at)");
            s.execute("CREATE INDEX IF NOT EXISTS passage_household ON passage(household, direction, at)");
            s.execute("CREATE INDEX IF NOT EXISTS passage_at ON passage(at)");
        }
        exits = db.prepareStatement(
                "SELECT at FROM passage WHERE household = ? AND direction = 'exit' AND at > ? ORDER BY at");
        latest = db.prepareStatement("SELECT direction, at FROM passage WHERE subject = ? ORDER BY at DESC LIMIT 1");
        insert = db.prepareStatement("INSERT INTO passage VALUES (?, ?, ?, ?)");
        prune = db.prepareStatement("DELETE FROM passage WHERE at < ?");
    }

    @Override
    public List<Instant> householdExits(String household, Instant since) {
        List<Instant> out = new ArrayList<>();
        try {
            PreparedStatement p = exits;
            p.setString(1, household);
            p.setLong(2, since.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(Instant.ofEpochMilli(r.getLong(1)));
                }
            }
        } catch (SQLException e) {
            LOG.error("history unreadable, exit quota not applied: {}", e.getMessage());
        }
        return out;
    }

    @Override
    public Optional<Last> last(String subject) {
        try {
            PreparedStatement p = latest;
            p.setString(1, hash.apply(subject));
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return Optional.of(new Last(Direction.valueOf(r.getString(1).toUpperCase(java.util.Locale.ROOT)),
                            Instant.ofEpochMilli(r.getLong(2))));
                }
            }
        } catch (SQLException e) {
            LOG.error("history unreadable, anti-passback not applied: {}", e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public void granted(String subject, String household, Direction direction, Instant at) {
        try {
            insert.setString(1, hash.apply(subject));
            insert.setString(2, household);
            insert.setString(3, direction.name().toLowerCase(java.util.Locale.ROOT));
            insert.setLong(4, at.toEpochMilli());
            insert.executeUpdate();
            if (!at.isBefore(prunedAt.plus(PRUNE_EVERY))) {
                prune.setLong(1, at.minus(keep).toEpochMilli());
                prune.executeUpdate();
                prunedAt = at;
            }
        } catch (SQLException e) {
            LOG.error("history not written (quota and anti-passback may miss this passage): {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            db.close(); // closes its statements too
        } catch (SQLException e) {
            LOG.warn("history close: {}", e.getMessage());
        }
    }
}
