package org.gridgate.journal.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gridgate.config.GateIdentity;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;

/**
 * Durable journal throughput against raw SQLite inserts at the same durability: same file format
 * (WAL, {@code synchronous=FULL}), same schema, same row size, one transaction per row. The
 * difference is what the journal adds: JSON rendering, the id, the lock, seq bookkeeping.
 *
 * <p>Usage: {@code JournalBench [records=2000] [dir=java.io.tmpdir]}. Prints {@code name value unit}
 * lines. fsync dominates, so run it on the disk the gate will use.
 */
public final class JournalBench {
    static final GateIdentity GATE = new GateIdentity("bench-gate", "bench-court", ZoneOffset.UTC);

    private JournalBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path base = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(base, "journal-bench");
        try (SqliteJournal journal = new SqliteJournal(dir.resolve("journal.db"), GATE,
                        new SqliteJournal.Limits(Duration.ofDays(30), Long.MAX_VALUE), Clock.systemUTC());
                RawTable raw = new RawTable(dir.resolve("raw.db"))) {
            // Short blocks, alternating, on two files side by side: a disk that slows down for a
            // moment (another build, a checkpoint) costs both sides alike.
            int block = 50;
            long journalNanos = 0;
            long rawNanos = 0;
            int warm = Math.max(block, n / 10);
            for (int done = -warm; done < n; done += block) {
                long r = raw.insert(block);
                long j = appendBlock(journal, block);
                if (done >= 0) {
                    rawNanos += r;
                    journalNanos += j;
                }
            }
            int measured = (n + block - 1) / block * block;
            double journalRate = measured / (journalNanos / 1e9);
            double rawRate = measured / (rawNanos / 1e9);
            System.out.printf("journal_rate_per_s %.1f records/s%n", journalRate);
            System.out.printf("sqlite_insert_rate_per_s %.1f rows/s%n", rawRate);
            System.out.printf("journal_ratio_vs_sqlite %.3f ratio%n", journalRate / rawRate);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static long appendBlock(SqliteJournal j, int n) throws JournalException {
        Instant at = Instant.now();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            j.append(RecordKind.PASSAGE, at, body(i));
        }
        return System.nanoTime() - t0;
    }

    /** The same table, the same pragmas, plain JDBC inserts of rows rendered beforehand. */
    private static final class RawTable implements AutoCloseable {
        private final Connection c;
        private final PreparedStatement ins;
        private final Payloads payloads = new Payloads(GATE);
        private long seq;

        RawTable(Path file) throws SQLException {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
            }
            Schema.migrate(c);
            ins = c.prepareStatement("INSERT INTO record(seq, id, kind, at, payload) VALUES (?, ?, ?, ?, ?)");
        }

        long insert(int n) throws SQLException {
            Instant at = Instant.now();
            String[] ids = new String[n];
            String[] rows = new String[n];
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                ids[i] = id.toString();
                rows[i] = payloads.render(id, seq + i + 1, RecordKind.PASSAGE, at, body(i));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ins.setLong(1, ++seq);
                ins.setString(2, ids[i]);
                ins.setString(3, "passage");
                ins.setLong(4, at.toEpochMilli());
                ins.setString(5, rows[i]);
                ins.executeUpdate();
            }
            return System.nanoTime() - t0;
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }
    }

    /** A passage-like body of realistic size (~400 bytes of JSON). */
    static Map<String, Object> body(int i) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("outcome", i % 5 == 0 ? "denied" : "granted");
        b.put("direction", "entry");
        b.put("subject", Map.of("hash", "9f2c4e1d7a3b5c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6", "masked", "11**************34"));
        b.put("checks", List.of(
                Map.of("check", "credential", "ok", true, "reason", "green code, valid signature"),
                Map.of("check", "temperature", "ok", true, "valueC", 36.6),
                Map.of("check", "mask", "ok", true)));
        b.put("n", i);
        return b;
    }

    /**
     * Fills a fresh journal file with {@code n} undelivered records, fast (one transaction): the
     * backlog for the drain benchmark. Bench setup only; the gate appends through {@link SqliteJournal}.
     */
    public static void seedBacklog(Path file, GateIdentity gate, int n) throws JournalException, SQLException {
        new SqliteJournal(file, gate, new SqliteJournal.Limits(Duration.ofDays(30), Long.MAX_VALUE),
                Clock.systemUTC()).close();
        Payloads payloads = new Payloads(gate);
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement ins =
                        c.prepareStatement("INSERT INTO record(seq, id, kind, at, payload) VALUES (?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                ins.setLong(1, i + 1);
                ins.setString(2, id.toString());
                ins.setString(3, "passage");
                ins.setLong(4, at.toEpochMilli());
                ins.setString(5, payloads.render(id, i + 1, RecordKind.PASSAGE, at, body(i)));
                ins.executeUpdate();
            }
            c.commit();
        }
    }
}
