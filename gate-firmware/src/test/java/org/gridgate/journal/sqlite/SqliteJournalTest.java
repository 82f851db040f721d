package org.gridgate.journal.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gridgate.config.GateIdentity;
import org.gridgate.journal.Journal.Pruned;
import org.gridgate.journal.Journal.Stats;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;
import org.gridgate.timing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJournalTest {
    static final GateIdentity GATE = new GateIdentity("gate-7", "sunflower-court", ZoneId.of("Asia/Shanghai"));
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");
    static final SqliteJournal.Limits ROOMY = new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30);

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(T0);

    SqliteJournal open(SqliteJournal.Limits limits) throws JournalException {
        return new SqliteJournal(dir.resolve("journal.db"), GATE, limits, clock);
    }

    static Map<String, Object> body(int i) {
        return Map.of("outcome", i % 2 == 0 ? "granted" : "denied", "n", i, "checks", List.of("mask", "temp"));
    }

    @Test
    void appendedRecordsSurviveReopenWithPayloadUnchanged() throws Exception {
        List<JournalEntry> written = new ArrayList<>();
        try (SqliteJournal j = open(ROOMY)) {
            for (int i = 0; i < 5; i++) {
                written.add(j.append(RecordKind.values()[i % 3], T0.plusSeconds(i), body(i)));
            }
        }
        try (SqliteJournal j = open(ROOMY)) {
            assertEquals(written, j.undelivered(0, 100));
            assertEquals(new Stats(5, 5, 5, 0), j.stats());
        }
    }

    @Test
    void payloadCarriesVersionedHeaderThenBody() throws Exception {
        try (SqliteJournal j = open(ROOMY)) {
            JournalEntry e = j.append(RecordKind.PASSAGE, T0, Map.of("outcome", "granted", "tempC", 36.6));
            JsonNode n = new ObjectMapper().readTree(e.payloadJson());
            assertEquals(1, n.get("v").asInt());
            assertEquals(e.id().toString(), n.get("id").asText());
            assertEquals(1, n.get("seq").asLong());
            assertEquals("gate-7", n.get("gate").asText());
            assertEquals("sunflower-court", n.get("community").asText());
            assertEquals("passage", n.get("kind").asText());
            assertEquals("2026-03-01T08:00:00.123Z", n.get("at").asText());
            assertEquals("granted", n.get("outcome").asText());
            assertEquals(36.6, n.get("tempC").asDouble());
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            assertEquals(List.of("v", "id", "seq", "gate", "community", "kind", "at"), names.subList(0, 7));
            assertEquals(Instant.parse("2026-03-01T08:00:00.123Z"), e.at());
        }
    }

    @Test
    void bodyMayNotOverrideHeader() throws Exception {
        try (SqliteJournal j = open(ROOMY)) {
            assertThrows(IllegalArgumentException.class, () -> j.append(RecordKind.EVENT, T0, Map.of("seq", 99)));
            assertEquals(0, j.stats().total());
        }
    }

    @Test
    void seqIsNeverReusedAfterDeletingRowsAndReopening() throws Exception {
        try (SqliteJournal j = open(ROOMY)) {
            for (int i = 0; i < 10; i++) {
                j.append(RecordKind.PASSAGE, T0, body(i));
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM record WHERE seq > 5");
        }
        try (SqliteJournal j = open(ROOMY)) {
            assertEquals(11, j.append(RecordKind.PASSAGE, T0, body(0)).seq());
            assertEquals(11, j.stats().lastSeq());
        }
    }

    @Test
    void undeliveredIsInSeqOrderAfterCursorAndSkipsDelivered() throws Exception {
        try (SqliteJournal j = open(ROOMY)) {
            for (int i = 0; i < 10; i++) {
                j.append(RecordKind.PASSAGE, T0, body(i));
            }
            j.markDelivered(List.of(2L, 3L, 7L));
            assertEquals(List.of(1L, 4L, 5L), seqs(j.undelivered(0, 3)));
            assertEquals(List.of(6L, 8L, 9L, 10L), seqs(j.undelivered(5, 100)));
            assertEquals(new Stats(10, 7, 10, 0), j.stats());
        }
        try (SqliteJournal j = open(ROOMY)) {
            assertEquals(7, j.stats().undelivered(), "marks are committed");
            assertEquals(2, j.writerSynchronous());
            j.markDelivered(List.of(1L)); // marks relax to NORMAL for their own transaction only
            assertEquals(2, j.writerSynchronous(), "appends after a mark are FULL again");
        }
    }

    @Test
    void pruneDeletesOnlyDeliveredRecordsOlderThanRetention() throws Exception {
        var limits = new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30);
        try (SqliteJournal j = open(limits)) {
            j.append(RecordKind.PASSAGE, T0, body(1)); // old, delivered -> goes
            j.append(RecordKind.PASSAGE, T0, body(2)); // old, undelivered -> stays
            j.append(RecordKind.PASSAGE, T0.plus(Duration.ofDays(20)), body(3)); // young, delivered -> stays
            j.markDelivered(List.of(1L, 3L));
            Pruned p = j.prune(T0.plus(Duration.ofDays(31)));
            assertEquals(new Pruned(1, 0, 0, 0), p);
            assertEquals(new Stats(2, 1, 3, 0), j.stats());
            assertEquals(List.of(2L), seqs(j.undelivered(0, 10)));
        }
    }

    @Test
    void clockJumpsNeitherReorderNorLoseRecordsAndRetentionDropsOnlyDelivered() throws Exception {
        try (SqliteJournal j = open(ROOMY)) {
            j.append(RecordKind.PASSAGE, T0, body(1));
            j.append(RecordKind.PASSAGE, Instant.EPOCH.plusSeconds(40), body(2)); // booted at 1970, no NTP yet
            j.markDelivered(List.of(1L));
            assertEquals(new Pruned(0, 0, 0, 0), j.prune(Instant.EPOCH.plusSeconds(60)), "nothing is old at 1970");
            j.append(RecordKind.PASSAGE, T0.plus(Duration.ofDays(400)), body(3)); // NTP stepped far forward
            j.markDelivered(List.of(3L));
            // A year later by the clock: the delivered records go, the undelivered 1970 one never does.
            assertEquals(1, j.prune(T0.plus(Duration.ofDays(400))).deletedDelivered());
            assertEquals(List.of(2L), seqs(j.undelivered(0, 10)));
            assertEquals(3, j.append(RecordKind.PASSAGE, T0.minus(Duration.ofDays(1)), body(4)).seq() - 1,
                    "seq keeps counting whatever the clock says");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT seq, mono FROM record ORDER BY seq")) {
            long mono = Long.MIN_VALUE;
            while (r.next()) {
                assertTrue(r.getLong(2) >= mono, "mono never goes back: seq " + r.getLong(1));
                mono = r.getLong(2);
            }
        }
    }

    @Test
    void anAcknowledgementWaitsForTheNextAppendOrCloseAndIsNeverOfferedAgain() throws Exception {
        try (SqliteJournal j = open(ROOMY)) {
            j.append(RecordKind.PASSAGE, T0, body(1));
            j.append(RecordKind.PASSAGE, T0, body(2));
            j.markDelivered(List.of(1L));
            assertEquals(List.of(2L), seqs(j.undelivered(0, 10)), "acknowledged: not offered again");
            assertEquals(1, j.stats().undelivered());
            assertEquals(0, deliveredInFile(), "the mark waits: no commit of its own");
            j.append(RecordKind.EVENT, T0, Map.of("event", "door_opened"));
            assertEquals(1, deliveredInFile(), "written with the next append");
            j.markDelivered(List.of(2L));
        }
        assertEquals(2, deliveredInFile(), "and at close");
        try (SqliteJournal j = open(ROOMY)) {
            assertEquals(List.of(3L), seqs(j.undelivered(0, 10)));
        }
    }

    private long deliveredInFile() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM record WHERE delivered_at IS NOT NULL")) {
            return r.next() ? r.getLong(1) : -1;
        }
    }

    @Test
    void diskBudgetDropsDeliveredFirst() throws Exception {
        long budget;
        try (SqliteJournal j = open(ROOMY)) {
            fill(j, 500);
            j.markDelivered(range(1, 250));
            budget = j.usedBytes() * 3 / 4;
        }
        try (SqliteJournal j = open(new SqliteJournal.Limits(Duration.ofDays(30), budget))) {
            Pruned p = j.prune(T0);
            assertTrue(p.deletedDelivered() > 0);
            assertFalse(p.lostUndelivered(), "enough delivered records to delete: " + p);
            assertTrue(j.usedBytes() <= budget);
            assertEquals(250, j.stats().undelivered());
            assertEquals(0, j.stats().dropped());
        }
    }

    @Test
    void diskBudgetDropsOldestUndeliveredOnlyWhenItMustAndReportsIt() throws Exception {
        long budget;
        try (SqliteJournal j = open(ROOMY)) {
            fill(j, 500);
            j.markDelivered(range(1, 50));
            budget = j.usedBytes() / 2;
        }
        try (SqliteJournal j = open(new SqliteJournal.Limits(Duration.ofDays(30), budget))) {
            Pruned p = j.prune(T0);
            assertTrue(p.lostUndelivered());
            assertEquals(50, p.deletedDelivered());
            assertEquals(51, p.firstDroppedSeq());
            assertEquals(50 + p.droppedUndelivered(), p.lastDroppedSeq(), "contiguous oldest undelivered");
            assertTrue(j.usedBytes() <= budget);
            Stats s = j.stats();
            assertEquals(p.droppedUndelivered(), s.dropped());
            assertEquals(450 - p.droppedUndelivered(), s.undelivered());
            assertEquals(p.lastDroppedSeq() + 1, j.undelivered(0, 1).get(0).seq(), "the newest are kept");
        }
        try (SqliteJournal j = open(ROOMY)) {
            assertTrue(j.stats().dropped() > 0, "the drop count is durable");
            assertEquals(501, j.append(RecordKind.EVENT, T0, Map.of()).seq());
        }
    }

    @Test
    void appendOnClosedJournalFailsClearly() throws Exception {
        SqliteJournal j = open(ROOMY);
        j.close();
        JournalException e = assertThrows(JournalException.class, () -> j.append(RecordKind.PASSAGE, T0, body(0)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void fullDiskFailsTheAppendAndKeepsTheJournalUsable() throws Exception {
        try (SqliteJournal j = open(ROOMY)) {
            j.append(RecordKind.PASSAGE, T0, body(0));
            j.maxPageCount(1); // below the current size: nothing more fits
            String big = "x".repeat(20_000);
            JournalException e = assertThrows(JournalException.class,
                    () -> j.append(RecordKind.PASSAGE, T0, Map.of("blob", big)));
            assertTrue(e.getMessage().contains("disk full"), e.getMessage());
            j.maxPageCount(1_000_000);
            assertEquals(2, j.append(RecordKind.PASSAGE, T0, body(1)).seq(), "failed append used no seq");
        }
    }

    @Test
    void fileThatIsNotAJournalIsRefused() throws Exception {
        Files.writeString(dir.resolve("journal.db"), "this is not a database, just some text ".repeat(50));
        JournalException e = assertThrows(JournalException.class, () -> open(ROOMY));
        assertTrue(e.getMessage().contains("not a journal"), e.getMessage());
    }

    @Test
    void journalFromNewerFirmwareIsRefused() throws Exception {
        open(ROOMY).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Schema.CURRENT + 1));
        }
        JournalException e = assertThrows(JournalException.class, () -> open(ROOMY));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void journalLockedByAnotherWriterFailsWithinTheBusyTimeout() throws Exception {
        try (SqliteJournal j = open(ROOMY);
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
                Statement s = other.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            JournalException e = assertThrows(JournalException.class, () -> j.append(RecordKind.PASSAGE, T0, body(0)));
            assertTrue(e.getMessage().contains("locked"), e.getMessage());
            s.execute("ROLLBACK");
            assertEquals(1, j.append(RecordKind.PASSAGE, T0, body(0)).seq());
        }
    }

    @Test
    void concurrentAppendsGetDistinctContiguousSeqs() throws Exception {
        int perThread = 300;
        try (SqliteJournal j = open(ROOMY)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<JournalEntry>>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    List<JournalEntry> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(j.append(RecordKind.PASSAGE, T0, body(i)));
                    }
                    return mine;
                }));
            }
            go.countDown();
            Set<Long> seqs = new HashSet<>();
            Set<String> ids = new HashSet<>();
            for (var f : futures) {
                for (JournalEntry e : f.get()) {
                    seqs.add(e.seq());
                    ids.add(e.id().toString());
                }
            }
            pool.shutdown();
            assertEquals(2 * perThread, seqs.size());
            assertEquals(2 * perThread, ids.size());
            assertEquals(2L * perThread, seqs.stream().mapToLong(Long::longValue).max().orElseThrow());
            assertEquals(new ArrayList<>(seqs).stream().sorted().toList(), seqs(j.undelivered(0, 10_000)));
        }
    }

    private static void fill(SqliteJournal j, int n) throws JournalException {
        String pad = "p".repeat(1200);
        for (int i = 0; i < n; i++) {
            j.append(RecordKind.PASSAGE, T0, Map.of("pad", pad, "n", i));
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            out.add(s);
        }
        return out;
    }

    @Test
    void rangeReturnsDeliveredAndUndeliveredRecordsInOrderUpToMax() throws Exception {
        try (SqliteJournal j = open(ROOMY)) {
            List<JournalEntry> written = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                written.add(j.append(RecordKind.PASSAGE, T0.plusSeconds(i), body(i)));
            }
            j.markDelivered(List.of(3L, 4L, 5L));
            assertEquals(written.subList(2, 7), j.range(3, 7, 100));
            assertEquals(List.of(3L, 4L), seqs(j.range(3, 7, 2)));
            assertEquals(List.of(10L), seqs(j.range(10, Long.MAX_VALUE, 100)));
            assertEquals(List.of(), j.range(11, 20, 100));
        }
    }

    private static List<Long> seqs(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::seq).toList();
    }
}
