package org.gridgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridgate.passage.Direction;
import org.gridgate.passage.BodyTemperature;
import org.gridgate.passage.Check;
import org.gridgate.passage.Check.Kind;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.Outcome;
import org.gridgate.passage.Reason;
import org.junit.jupiter.api.Test;

class CountersTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Decision granted(Direction dir, String at) {
        return new Decision(Outcome.GRANTED, dir, Instant.parse(at), List.of(
                Check.pass(Kind.IDENTITY, Reason.REGISTERED, ""), Check.pass(Kind.TEMPERATURE, Reason.TEMPERATURE_NORMAL, ""),
                Check.pass(Kind.MASK, Reason.MASK_PRESENT, "")), Optional.of(new BodyTemperature(36.4, 22, 36.44, 1)),
                Optional.empty(), Optional.of("R-0001"), Optional.empty(), Optional.empty(), GateMode.NORMAL);
    }

    static Decision fever(String at) {
        return new Decision(Outcome.DENIED, Direction.ENTRY, Instant.parse(at), List.of(
                Check.pass(Kind.IDENTITY, Reason.REGISTERED, ""), Check.fail(Kind.TEMPERATURE, Reason.FEVER, "38.1"),
                Check.fail(Kind.MASK, Reason.NO_MASK, "")), Optional.of(new BodyTemperature(38.1, 22, 38.1, 1)),
                Optional.empty(), Optional.of("R-0002"), Optional.empty(), Optional.empty(), GateMode.NORMAL);
    }

    @Test
    void countsTodayByDirectionReasonAndLocalHour() {
        Counters c = new Counters(SHANGHAI, Instant.parse("2026-03-01T00:00:00Z")); // 08:00 local
        c.add(granted(Direction.ENTRY, "2026-03-01T01:10:00Z")); // 09:10 local
        c.add(granted(Direction.ENTRY, "2026-03-01T01:20:00Z"));
        c.add(granted(Direction.EXIT, "2026-03-01T02:05:00Z"));
        c.add(fever("2026-03-01T02:30:00Z"));
        Map<String, Object> v = c.view();
        assertEquals(2, v.get("entries"));
        assertEquals(1, v.get("exits"));
        assertEquals(1, v.get("denied"));
        assertEquals(Map.of("fever", 1, "no_mask", 1), v.get("denials"));
        int[] byHour = (int[]) v.get("passagesByHour");
        assertEquals(2, byHour[9]);
        assertEquals(2, byHour[10]);
        assertEquals(1, ((int[]) v.get("feversByHour"))[10]);
        assertEquals("08:00", v.get("since"));
    }

    @Test
    void startsAgainAtLocalMidnight() {
        Counters c = new Counters(SHANGHAI, Instant.parse("2026-03-01T00:00:00Z"));
        c.add(granted(Direction.ENTRY, "2026-03-01T15:59:00Z")); // 23:59 local
        c.roll(Instant.parse("2026-03-01T16:00:01Z"));
        Map<String, Object> v = c.view();
        assertEquals(0, v.get("entries"));
        assertEquals("2026-03-02", v.get("day"));
        assertEquals("00:00", v.get("since"));
    }

    @Test
    void theFeedHoldsMaskedFormsNewestFirstAndAFeverAlarmNamesItsPassage() {
        Board b = new Board(SHANGHAI, Instant.parse("2026-03-01T00:00:00Z"));
        b.passage(granted(Direction.ENTRY, "2026-03-01T01:10:00Z"),
                new org.gridgate.journal.JournalEntry(1, java.util.UUID.randomUUID(), org.gridgate.journal.RecordKind.PASSAGE,
                        Instant.parse("2026-03-01T01:10:00Z"), "{}"), "R-****01");
        b.passage(fever("2026-03-01T01:11:00Z"),
                new org.gridgate.journal.JournalEntry(2, java.util.UUID.randomUUID(), org.gridgate.journal.RecordKind.PASSAGE,
                        Instant.parse("2026-03-01T01:11:00Z"), "{}"), "R-****02");
        b.alarm("fever", new org.gridgate.journal.JournalEntry(3, java.util.UUID.randomUUID(),
                org.gridgate.journal.RecordKind.ALARM, Instant.parse("2026-03-01T01:11:00Z"), "{}"), Map.of("passageSeq", 2));
        b.gate("normal", Map.of(3L, "fever"), Map.of(), Instant.parse("2026-03-01T01:11:01Z"));
        assertEquals(List.of(2L, 1L), b.feed().stream().map(m -> m.get("seq")).toList());
        assertEquals("09:11:00", b.feed().get(0).get("time"));
        assertEquals(38.1, b.feed().get(0).get("temperatureC"));
        @SuppressWarnings("unchecked")
        Map<String, Object> alarm = ((List<Map<String, Object>>) b.state().get("alarms")).get(0);
        assertEquals(Map.of("passageSeq", 2, "who", "R-****02", "temperatureC", 38.1), alarm.get("detail"));
        b.gate("normal", Map.of(), Map.of(), Instant.parse("2026-03-01T01:11:02Z"));
        assertEquals(List.of(), b.state().get("alarms"), "acknowledged at the gate: gone from the console");
    }

    @Test
    void aRestartReadsTodaysPassagesBackFromTheJournalWithoutCountingOneTwice(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var clock = new org.gridgate.timing.ManualClock(Instant.parse("2026-03-01T03:00:00Z")); // 11:00 local
        org.gridgate.passage.Pseudonyms ids = new org.gridgate.passage.Pseudonyms() {
            @Override
            public String hash(String identity) {
                return "h-" + identity;
            }

            @Override
            public String mask(String identity) {
                return "****" + identity.substring(identity.length() - 2);
            }
        };
        try (var journal = new org.gridgate.journal.sqlite.SqliteJournal(dir.resolve("j.db"),
                new org.gridgate.config.GateIdentity("g", "c", SHANGHAI),
                new org.gridgate.journal.sqlite.SqliteJournal.Limits(java.time.Duration.ofDays(30), 100L << 20), clock)) {
            List<Decision> day = List.of(granted(Direction.ENTRY, "2026-02-28T15:00:00Z"), // 23:00 yesterday
                    granted(Direction.ENTRY, "2026-03-01T01:10:00Z"), granted(Direction.EXIT, "2026-03-01T01:20:00Z"),
                    fever("2026-03-01T02:05:00Z"), granted(Direction.ENTRY, "2026-03-01T02:50:00Z"));
            List<org.gridgate.journal.JournalEntry> entries = new java.util.ArrayList<>();
            for (Decision d : day) {
                entries.add(journal.append(org.gridgate.journal.RecordKind.PASSAGE, d.at(),
                        org.gridgate.passage.PassageRecords.body(d, ids)));
            }
            Board b = new Board(SHANGHAI, clock.instant());
            b.passage(day.get(4), entries.get(4), "****01"); // the last one was seen live
            b.countRecorded(journal.range(1, Long.MAX_VALUE, 100), entries.get(4).seq());
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) b.state().get("counters");
            assertEquals(2, v.get("entries"), "one read back from today, one live; yesterday's not counted");
            assertEquals(1, v.get("exits"));
            assertEquals(1, v.get("denied"));
            assertEquals(Map.of("fever", 1, "no_mask", 1), v.get("denials"));
            assertEquals(1, ((int[]) v.get("feversByHour"))[10]);
            assertEquals("00:00", v.get("since"), "the counters cover the whole day now");
        }
    }
}
