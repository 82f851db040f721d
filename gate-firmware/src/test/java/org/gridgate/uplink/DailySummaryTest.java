package org.gridgate.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.gridgate.config.GateIdentity;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailySummaryTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final GateIdentity GATE = new GateIdentity("gate-7", "sunflower-court", SHANGHAI);

    @TempDir
    Path dir;

    @Test
    void atLocalMidnightTheDayJustEndedIsCountedAndJournaled() throws Exception {
        // 2026-03-01 23:00 in Shanghai is 15:00 UTC.
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T15:00:00Z"));
        ManualScheduler scheduler = new ManualScheduler(clock);
        try (SqliteJournal journal = new SqliteJournal(dir.resolve("j.db"), GATE,
                new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30), clock)) {
            Instant day = Instant.parse("2026-02-28T16:00:00Z"); // 2026-03-01 00:00 local
            journal.append(RecordKind.PASSAGE, day.minusSeconds(1), passage("entry", "granted", List.of()));
            journal.append(RecordKind.PASSAGE, day.plus(Duration.ofHours(8)), passage("entry", "granted", List.of()));
            journal.append(RecordKind.PASSAGE, day.plus(Duration.ofHours(8).plusMinutes(5)),
                    passage("entry", "denied", List.of("fever", "no_mask")));
            journal.append(RecordKind.ALARM, day.plus(Duration.ofHours(8).plusMinutes(5)), Map.of("alarm", "fever"));
            journal.append(RecordKind.PASSAGE, day.plus(Duration.ofHours(18)), passage("exit", "granted", List.of()));
            DailySummary s = new DailySummary(journal, SHANGHAI, scheduler, clock, () -> {});
            s.start();
            scheduler.advance(Duration.ofMinutes(59));
            assertEquals(5, journal.stats().total()); // not yet midnight
            scheduler.advance(Duration.ofMinutes(1));
            List<JournalEntry> all = journal.range(1, 100, 100);
            assertEquals(6, all.size());
            JsonNode n = new ObjectMapper().readTree(all.get(5).payloadJson());
            assertEquals("daily_summary", n.path("event").asText());
            assertEquals("2026-03-01", n.path("date").asText());
            assertEquals(3, n.path("passages").asInt());
            assertEquals(2, n.path("byDirection").path("entry").asInt());
            assertEquals(1, n.path("byDirection").path("exit").asInt());
            assertEquals(2, n.path("byOutcome").path("granted").asInt());
            assertEquals(1, n.path("byReason").path("no_mask").asInt());
            assertEquals(1, n.path("fevers").asInt());
            assertEquals(1, n.path("alarms").asInt());
            assertEquals(8, n.path("peakHour").asInt());
            assertEquals(2, n.path("peakHourPassages").asInt());
            assertEquals(1, scheduler.pending()); // the next midnight
        }
    }

    static Map<String, Object> passage(String direction, String outcome, List<String> reasons) {
        return Map.of("direction", direction, "outcome", outcome, "reasons", reasons);
    }
}
