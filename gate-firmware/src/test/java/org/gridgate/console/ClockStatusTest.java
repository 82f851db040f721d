package org.gridgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.gridgate.timing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClockStatusTest {
    @Test
    void aDateBeforeThisSoftwareIsSuspectElseTheTimesyncFlagDecides(@TempDir Path dir) throws Exception {
        Path flag = dir.resolve("synchronized");
        ManualClock clock = new ManualClock(Instant.parse("1970-01-01T00:00:10Z")); // an RTC-less Pi after boot
        ClockStatus status = new ClockStatus(clock, flag);
        Files.createFile(flag);
        assertEquals("suspect", status.get());
        clock.advance(java.time.Duration.between(clock.instant(), Instant.parse("2026-03-01T00:00:00Z")));
        assertEquals("synchronized", status.get());
        Files.delete(flag);
        assertEquals("unsynchronized", status.get());
    }
}
