package org.gridgate.sim.server.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The community server's record store: one SQLite file shared by every consumer process on the
 * host (WAL, {@code synchronous=FULL}, a busy timeout for the other writers). The record id is the
 * primary key, so a copy that arrives twice (resent by a gate after a failover, redelivered by the
 * broker after a consumer died before its ack) is stored once, whichever consumer gets it.
 * Payloads on a record topic that are not a v1 record are kept aside in {@code rejected} with the
 * reason, never dropped silently and never retried forever; the latest status of each gate is kept
 * in {@code gate_status}.
 */
public final class RecordStore implements AutoCloseable {
    /** What one batch did. */
    public record Stored(int added, int copies, int rejected) {}

    /** Per gate: distinct seqs held, lowest and highest seq (a gate with no gap has {@code count == max - min + 1}). */
    public record GateRange(String gate, long count, long minSeq, long maxSeq) {
        public long missing() {
            return count == 0 ? 0 : (maxSeq - minSeq + 1) - count;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUSY_TIMEOUT_MS = 30_000;
    private final Connection db;
    private final String consumer;

    public RecordStore(Path file, String consumer) throws SQLException {
        this.consumer = consumer;
        db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS record (
                      id TEXT PRIMARY KEY, gate TEXT NOT NULL, community TEXT NOT NULL, seq INTEGER NOT NULL,
                      kind TEXT NOT NULL, at TEXT NOT NULL, payload TEXT NOT NULL,
                      consumer TEXT NOT NULL, stored_at_ms INTEGER NOT NULL)""");
            s.execute("CREATE INDEX IF NOT EXISTS record_gate_seq ON record (community, gate, seq)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS rejected (
                      subject TEXT NOT NULL, reason TEXT NOT NULL, payload BLOB NOT NULL, stored_at_ms INTEGER NOT NULL)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS gate_status (
                      subject TEXT PRIMARY KEY, payload TEXT NOT NULL, stored_at_ms INTEGER NOT NULL)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS consumer_tally (
                      consumer TEXT PRIMARY KEY, added INTEGER NOT NULL, copies INTEGER NOT NULL)""");
        }
    }

    /** A message from the stream: its subject and the bytes the gate published. */
    public record Incoming(String subject, byte[] payload) {}

    /**
     * Stores a batch in one transaction; returns once it is committed (only then may the caller
     * acknowledge the messages).
     */
    public Stored store(List<Incoming> batch, long nowMs) throws SQLException {
        db.setAutoCommit(false); // one transaction per batch; reads outside it see the latest commit
        int added = 0;
        int copies = 0;
        int rejected = 0;
        try (PreparedStatement ins = db.prepareStatement("""
                INSERT INTO record (id, gate, community, seq, kind, at, payload, consumer, stored_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""");
                PreparedStatement bad = db.prepareStatement(
                        "INSERT INTO rejected (subject, reason, payload, stored_at_ms) VALUES (?, ?, ?, ?)");
                PreparedStatement status = db.prepareStatement("""
                        INSERT INTO gate_status (subject, payload, stored_at_ms) VALUES (?, ?, ?)
                        ON CONFLICT (subject) DO UPDATE SET payload = excluded.payload, stored_at_ms = excluded.stored_at_ms""")) {
            for (Incoming m : batch) {
                RecordStream.Topic topic = RecordStream.Topic.of(m.subject());
                if (topic == RecordStream.Topic.STATUS) { // the latest one per gate is what counts
                    status.setString(1, m.subject());
                    status.setString(2, new String(m.payload(), StandardCharsets.UTF_8));
                    status.setLong(3, nowMs);
                    status.executeUpdate();
                    continue;
                }
                if (topic == RecordStream.Topic.OTHER) {
                    continue; // server-to-gate messages and command results: not this store's business
                }
                String problem = null;
                JsonNode n = null;
                try {
                    n = JSON.readTree(m.payload());
                    problem = problem(n);
                } catch (IOException e) {
                    problem = "not JSON";
                }
                if (problem != null) {
                    bad.setString(1, m.subject());
                    bad.setString(2, problem);
                    bad.setBytes(3, m.payload());
                    bad.setLong(4, nowMs);
                    bad.executeUpdate();
                    rejected++;
                    continue;
                }
                ins.setString(1, n.get("id").asText());
                ins.setString(2, n.get("gate").asText());
                ins.setString(3, n.get("community").asText());
                ins.setLong(4, n.get("seq").asLong());
                ins.setString(5, n.get("kind").asText());
                ins.setString(6, n.get("at").asText());
                ins.setString(7, new String(m.payload(), StandardCharsets.UTF_8));
                ins.setString(8, consumer);
                ins.setLong(9, nowMs);
                if (ins.executeUpdate() == 1) {
                    added++;
                } else {
                    copies++;
                }
            }
            try (PreparedStatement t = db.prepareStatement("""
                    INSERT INTO consumer_tally (consumer, added, copies) VALUES (?, ?, ?)
                    ON CONFLICT (consumer) DO UPDATE SET added = added + excluded.added, copies = copies + excluded.copies""")) {
                t.setString(1, consumer);
                t.setLong(2, added);
                t.setLong(3, copies);
                t.executeUpdate();
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
        return new Stored(added, copies, rejected);
    }

    /** Why {@code n} is not a record this server understands, or null if it is one. */
    static String problem(JsonNode n) {
        if (!n.isObject()) {
            return "not a JSON object";
        }
        if (n.path("v").asInt(0) != 1) {
            return "unknown format version " + n.path("v");
        }
        for (String f : List.of("id", "gate", "community", "kind", "at")) {
            if (!n.path(f).isTextual() || n.path(f).asText().isEmpty()) {
                return "missing " + f;
            }
        }
        if (!n.path("seq").canConvertToLong() || n.path("seq").asLong() < 1) {
            return "missing seq";
        }
        return null;
    }

    public long count() throws SQLException {
        return single("SELECT count(*) FROM record");
    }

    public long statusCount() throws SQLException {
        return single("SELECT count(*) FROM gate_status");
    }

    public long rejectedCount() throws SQLException {
        return single("SELECT count(*) FROM rejected");
    }

    /** Records and copies each consumer stored, by consumer name. */
    public Map<String, long[]> tally() throws SQLException {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT consumer, added, copies FROM consumer_tally ORDER BY consumer")) {
            while (rs.next()) {
                out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
        }
        return out;
    }

    /** Per gate (ids are unique within the district here): how many records, lowest and highest seq. */
    public Map<String, GateRange> ranges() throws SQLException {
        Map<String, GateRange> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT gate, count(DISTINCT seq), min(seq), max(seq) FROM record GROUP BY gate ORDER BY gate")) {
            while (rs.next()) {
                out.put(rs.getString(1), new GateRange(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return out;
    }

    /** Pairs (gate, seq) held under more than one id: a record counted twice although dedup ran. */
    public long doubleCounted() throws SQLException {
        return single("SELECT count(*) FROM (SELECT community, gate, seq FROM record GROUP BY community, gate, seq HAVING count(*) > 1)");
    }

    private long single(String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
