package org.gridgate.roster.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.roster.Resident;
import org.gridgate.roster.RosterUpdate;
import org.gridgate.storage.sqlite.Migrations;

/**
 * The roster on disk, so a gate restarted while the broker is away still knows its residents.
 * A full roster replaces everything; a delta applies only on top of the version it was made for
 * (otherwise the gate keeps what it has and waits for the next full roster). Each update is one
 * transaction: a crash leaves the old roster or the new one.
 */
public final class SqliteRosterStore implements AutoCloseable {
    /** The roster in force after an update, or why the update was not applied. */
    public record Outcome(boolean applied, long version, List<Resident> entries, String reason) {}

    /**
     * The roster database's schema. Step 1 is what 0.1.0 created without a version (IF NOT EXISTS: a
     * 0.1.0 file at user_version 0 passes through it unchanged). Append steps; never edit one
     * (RosterUpgradeTest opens a roster written by 0.1.0).
     */
    static final Migrations SCHEMA = new Migrations("roster", List.of(List.of(
            "CREATE TABLE IF NOT EXISTS resident (subject TEXT PRIMARY KEY, kind TEXT NOT NULL,"
                    + " unit TEXT NOT NULL, household TEXT NOT NULL, status TEXT NOT NULL,"
                    + " valid_from TEXT NOT NULL, valid_to TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS roster_meta (id INTEGER PRIMARY KEY CHECK (id = 1),"
                    + " version INTEGER NOT NULL)",
            "INSERT OR IGNORE INTO roster_meta VALUES (1, -1)"),
            // Step 2 (issue 20): when the server issued the roster in force.
            List.of("ALTER TABLE roster_meta ADD COLUMN issued_at INTEGER")));

    private final Connection db;

    public SqliteRosterStore(Path file) throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
        }
        try {
            SCHEMA.migrate(db, file);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
    }

    /** When the server issued the roster in force; empty if none was received (or it predates issue times). */
    public synchronized Optional<Instant> issuedAt() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT issued_at FROM roster_meta")) {
            if (r.next()) {
                long ms = r.getLong(1);
                return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
            }
            return Optional.empty();
        }
    }

    /** The stored version; -1 when no roster was ever stored. */
    public synchronized long version() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM roster_meta")) {
            return r.next() ? r.getLong(1) : -1;
        }
    }

    public synchronized List<Resident> entries() throws SQLException {
        List<Resident> out = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT subject, kind, unit, household, status, valid_from, valid_to"
                        + " FROM resident ORDER BY subject")) {
            while (r.next()) {
                out.add(new Resident(r.getString(1), PersonKind.valueOf(r.getString(2)), r.getString(3),
                        r.getString(4), Resident.Status.valueOf(r.getString(5)), LocalDate.parse(r.getString(6)),
                        LocalDate.parse(r.getString(7))));
            }
        }
        return out;
    }

    public synchronized Outcome apply(RosterUpdate u) throws SQLException {
        long held = version();
        if (!u.full() && u.baseVersion() != held) {
            return new Outcome(false, held, entries(), "delta from version " + u.baseVersion() + " but the gate holds "
                    + held + ": waiting for a full roster");
        }
        if (u.version() <= held) { // strictly newer only: a replayed or re-delivered roster changes nothing
            return new Outcome(false, held, entries(), u.version() == held ? "roster version " + held
                    + " already in force" : "roster version " + u.version() + " is older than the " + held
                    + " the gate holds");
        }
        db.setAutoCommit(false);
        try (PreparedStatement put = db.prepareStatement("INSERT OR REPLACE INTO resident VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement del = db.prepareStatement("DELETE FROM resident WHERE subject = ?");
                PreparedStatement ver = db.prepareStatement("UPDATE roster_meta SET version = ?, issued_at = ?")) {
            if (u.full()) {
                try (Statement s = db.createStatement()) {
                    s.execute("DELETE FROM resident");
                }
            }
            for (String subject : u.removals()) {
                del.setString(1, subject);
                del.addBatch();
            }
            del.executeBatch();
            for (Resident r : u.upserts()) {
                put.setString(1, r.subject());
                put.setString(2, r.kind().name());
                put.setString(3, r.unit());
                put.setString(4, r.household());
                put.setString(5, r.status().name());
                put.setString(6, r.validFrom().toString());
                put.setString(7, r.validTo().toString());
                put.addBatch();
            }
            put.executeBatch();
            ver.setLong(1, u.version());
            ver.setLong(2, u.issuedAt().toEpochMilli());
            ver.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
        return new Outcome(true, u.version(), entries(), u.full() ? "full roster" : "delta");
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
