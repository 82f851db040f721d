package org.gridgate.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.gridgate.config.GateIdentity;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.timing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalsTest {
    @Test
    void findsWhereTheRecordsOfADayStart(@TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
        try (SqliteJournal j = new SqliteJournal(dir.resolve("j.db"), new GateIdentity("g", "c", ZoneId.of("UTC")),
                new SqliteJournal.Limits(Duration.ofDays(30), 100L << 20), clock)) {
            for (int i = 0; i < 100; i++) { // one record an hour, seq 1..100
                j.append(RecordKind.EVENT, clock.instant(), Map.of("event", "tick", "n", i));
                clock.advance(Duration.ofHours(1));
            }
            assertEquals(1, Journals.firstSeqAtOrAfter(j, Instant.parse("2026-02-01T00:00:00Z")));
            assertEquals(25, Journals.firstSeqAtOrAfter(j, Instant.parse("2026-03-02T00:00:00Z")));
            assertEquals(26, Journals.firstSeqAtOrAfter(j, Instant.parse("2026-03-02T00:30:00Z")));
            assertEquals(101, Journals.firstSeqAtOrAfter(j, Instant.parse("2026-04-01T00:00:00Z")));
            List<JournalEntry> day = j.range(Journals.firstSeqAtOrAfter(j, Instant.parse("2026-03-02T00:00:00Z")),
                    Long.MAX_VALUE, 24);
            assertEquals(Instant.parse("2026-03-02T00:00:00Z"), day.get(0).at());
            assertEquals(Instant.parse("2026-03-02T23:00:00Z"), day.get(23).at());
            List<Integer> sizes = new java.util.ArrayList<>();
            List<Long> seqs = new java.util.ArrayList<>();
            Journals.pages(j, 25, 60, 10, page -> {
                sizes.add(page.size());
                page.forEach(e -> seqs.add(e.seq()));
                return true;
            });
            assertEquals(List.of(10, 10, 10, 6), sizes);
            assertEquals(java.util.stream.LongStream.rangeClosed(25, 60).boxed().toList(), seqs);
            sizes.clear();
            Journals.pages(j, 1, 100, 10, page -> sizes.add(page.size()) && sizes.size() < 2);
            assertEquals(List.of(10, 10), sizes, "stops when the page handler says so");
        }
    }

    /** Seqs 1..200 with 40..120 pruned (gone), one record a minute. */
    @Test
    void stepsOverPrunedGaps() {
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        java.util.TreeMap<Long, JournalEntry> kept = new java.util.TreeMap<>();
        for (long s = 1; s <= 200; s++) {
            if (s < 40 || s > 120) {
                kept.put(s, new JournalEntry(s, java.util.UUID.randomUUID(), RecordKind.EVENT,
                        t0.plus(Duration.ofMinutes(s)), "{}"));
            }
        }
        Journal gappy = new Journal() {
            @Override
            public JournalEntry append(RecordKind kind, Instant at, Map<String, Object> body) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<JournalEntry> undelivered(long afterSeq, int max) {
                return List.of();
            }

            @Override
            public List<JournalEntry> range(long fromSeq, long toSeq, int max) {
                return fromSeq > toSeq ? List.of()
                        : kept.subMap(fromSeq, true, toSeq, true).values().stream().limit(max).toList();
            }

            @Override
            public void markDelivered(java.util.Collection<Long> seqs) {}

            @Override
            public Stats stats() {
                return new Stats(kept.size(), 0, 200, 0);
            }

            @Override
            public Pruned prune(Instant now) {
                return Pruned.NOTHING;
            }

            @Override
            public void close() {}
        };
        for (long want : new long[] {1, 10, 39, 40, 80, 121, 150, 200, 201}) {
            long from = Journals.firstSeqAtOrAfter(gappy, t0.plus(Duration.ofMinutes(want)));
            List<JournalEntry> next = gappy.range(from, Long.MAX_VALUE, 1);
            long expected = want >= 40 && want <= 120 ? 121 : want;
            assertEquals(expected > 200 ? List.of() : List.of(expected), next.stream().map(JournalEntry::seq).toList(),
                    "records from minute " + want);
            assertEquals(List.of(), gappy.range(1, from - 1, 1000).stream()
                    .filter(e -> !e.at().isBefore(t0.plus(Duration.ofMinutes(want)))).toList(), "none skipped");
        }
    }
}
