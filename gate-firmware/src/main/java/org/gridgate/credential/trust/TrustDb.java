package org.gridgate.credential.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code trust.db}, next to the journal: the last good signed trust list and revocation list (as the
 * verified payload bytes, re-parsed at start) and the command nonces already seen. Kept apart from
 * the journal so its writes never queue behind the gate's passage commits. WAL, synchronous=FULL:
 * a nonce must be durable before its command acts, or a restart would reopen the replay.
 */
public final class TrustDb implements AutoCloseable {
    /** A stored document: its version, when the server issued it and when the gate accepted it. */
    public record Document(long version, Instant issuedAt, Instant receivedAt, byte[] payload) {}

    private final Path file;
    private final Connection c;

    private TrustDb(Path file, Connection c) {
        this.file = file;
        this.c = c;
    }

    public static TrustDb open(Path file) throws IOException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 1000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("CREATE TABLE IF NOT EXISTS document (channel TEXT PRIMARY KEY, version INTEGER NOT NULL,"
                        + " issued_at INTEGER NOT NULL, received_at INTEGER NOT NULL, payload BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS nonce (nonce TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS nonce_seen ON nonce(seen_at)");
            }
            return new TrustDb(file, c);
        } catch (SQLException e) {
            throw new IOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized Optional<Document> load(String channel) throws IOException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT version, issued_at, received_at, payload FROM document WHERE channel = ?")) {
            p.setString(1, channel);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Document(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
                        Instant.ofEpochMilli(rs.getLong(3)), rs.getBytes(4)));
            }
        } catch (SQLException e) {
            throw new IOException("cannot read " + channel + " from " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized void save(String channel, Document d) throws IOException {
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO document"
                + " (channel, version, issued_at, received_at, payload) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, channel);
            p.setLong(2, d.version());
            p.setLong(3, d.issuedAt().toEpochMilli());
            p.setLong(4, d.receivedAt().toEpochMilli());
            p.setBytes(5, d.payload());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("cannot save " + channel + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code nonce} durably; false if it was seen before. Nonces older than {@code forgetBefore}
     * are forgotten (a command that old is stale anyway) and at most {@code max} are kept.
     */
    public synchronized boolean firstUse(String nonce, Instant now, Instant forgetBefore, int max) throws IOException {
        try {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM nonce WHERE seen_at < ?")) {
                d.setLong(1, forgetBefore.toEpochMilli());
                d.executeUpdate();
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM nonce WHERE nonce IN"
                    + " (SELECT nonce FROM nonce ORDER BY seen_at DESC LIMIT -1 OFFSET ?)")) {
                d.setInt(1, Math.max(0, max - 1));
                d.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO nonce (nonce, seen_at) VALUES (?, ?)")) {
                p.setString(1, nonce);
                p.setLong(2, now.toEpochMilli());
                return p.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IOException("cannot record a nonce in " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
