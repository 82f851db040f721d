package org.gridgate.passage.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridgate.passage.Direction;
import org.gridgate.passage.PassageHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteHistoryTest {
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void answersQuotaAndAntiPassbackQuestionsAcrossARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.db");
        try (SqliteHistory h = new SqliteHistory(file, s -> "h:" + s, Duration.ofDays(60))) {
            h.granted("R-1", "1-101", Direction.EXIT, T0);
            h.granted("R-2", "1-101", Direction.EXIT, T0.plusSeconds(60));
            h.granted("R-2", "1-101", Direction.ENTRY, T0.plusSeconds(120));
            h.granted("R-3", "2-202", Direction.EXIT, T0.plusSeconds(180));
        }
        try (SqliteHistory h = new SqliteHistory(file, s -> "h:" + s, Duration.ofDays(60))) {
            assertEquals(List.of(T0, T0.plusSeconds(60)), h.householdExits("1-101", T0.minusSeconds(1)));
            assertEquals(List.of(T0.plusSeconds(60)), h.householdExits("1-101", T0));
            assertEquals(Optional.of(new PassageHistory.Last(Direction.ENTRY, T0.plusSeconds(120))), h.last("R-2"));
            assertEquals(Optional.empty(), h.last("R-9"));
        }
    }

    @Test
    void rowsOlderThanTheKeepTimeGoAtTheNextPrune(@TempDir Path dir) throws Exception {
        try (SqliteHistory h = new SqliteHistory(dir.resolve("history.db"), s -> s, Duration.ofDays(3))) {
            h.granted("R-1", "1-101", Direction.EXIT, T0);
            h.granted("R-2", "1-101", Direction.EXIT, T0.plus(Duration.ofDays(2)));
            Instant later = T0.plus(Duration.ofDays(4));
            h.granted("R-3", "2-202", Direction.EXIT, later);
            assertEquals(List.of(T0.plus(Duration.ofDays(2))), h.householdExits("1-101", Instant.EPOCH),
                    "the 4-day-old exit is gone, the 2-day-old one kept");
            assertEquals(Optional.empty(), h.last("R-1"));
        }
    }
}
