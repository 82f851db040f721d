package org.gridgate.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gridgate.signals.GateInput.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pi without a real-time clock: the injected clock jumps back and forth while the gate runs and
 * across a restart. Entries are decided only on a clock the gate can believe (else clock_not_set),
 * exits always; the journal keeps its order and a boot-relative time whatever the wall clock does.
 */
class ClockJumpTest {
    @TempDir
    Path dir;
    GateHarness g;

    @AfterEach
    void close() {
        if (g != null) {
            g.close();
        }
    }

    private GateHarness start() throws Exception {
        g = new GateHarness(dir, GateHarness.policy(new Policy.Movement(1, Duration.ofDays(1), Duration.ZERO, false,
                true, true, Duration.ofSeconds(30), Duration.ofSeconds(20))));
        g.input(Kind.DOOR_OPEN, false);
        g.input(Kind.EXIT_REQUEST, false);
        g.input(Kind.MASK_PRESENT, true);
        return g;
    }

    @Test
    void entriesWaitForABelievableClockExitsNeverAndOrderHolds() throws Exception {
        start();
        enter("R-1");
        assertTrue(g.last().granted());
        g.advance(Duration.ofSeconds(10));

        g.clock.advance(Duration.ofDays(-800)); // stepped back before this software existed (2024)
        enter("R-2");
        assertFalse(g.last().granted());
        assertEquals(Reason.CLOCK_NOT_SET, g.last().denialReasons().get(0), "the clock is what is wrong: "
                + g.last().denialReasons());
        assertFalse(g.lock.isReleased(), "nothing acted on a clock known to be wrong");
        assertTrue(g.loop.snapshot().degraded().get(0).startsWith("clock not set"), g.loop.snapshot().toString());
        g.scan("code:R-1:GREEN", Direction.EXIT);
        assertTrue(g.last().granted(), "exits are decided as usual: " + g.last());
        assertTrue(g.lock.isReleased());
        g.advance(Duration.ofSeconds(10));

        g.clock.advance(Duration.ofDays(800).plusMinutes(5)); // NTP set it
        enter("R-2");
        assertTrue(g.last().granted(), g.last().toString());
        assertEquals(List.of(), g.loop.snapshot().degraded());

        List<long[]> rows = rows();
        for (int i = 1; i < rows.size(); i++) {
            assertEquals(rows.get(i - 1)[0] + 1, rows.get(i)[0], "seq order without gaps");
            assertTrue(rows.get(i)[2] >= rows.get(i - 1)[2], "boot-relative time never goes back");
        }
        assertTrue(rows.stream().anyMatch(r -> r[1] < ClockTrust.BUILD_FLOOR.toEpochMilli()),
                "the wall time is recorded as the gate read it");
    }

    @Test
    void aRestartWithTheClockWellBehindTheJournalDeniesEntryUntilTimeSync() throws Exception {
        start();
        enter("R-1");
        assertTrue(g.last().granted());
        g.close();
        start(); // the harness clock starts where the first one did: behind the newest record by a little
        enter("R-2");
        assertTrue(g.last().granted(), "a clock a few seconds behind its newest record is believed");
        g.advance(Duration.ofSeconds(10));
        g.close();
        start();
        g.clock.advance(Duration.ofDays(-30)); // fake-hwclock restored a month-old time
        enter("R-1");
        assertEquals(List.of(Reason.CLOCK_NOT_SET), g.last().denialReasons(), "a month back, the dates still pass");
        g.clock.advance(Duration.ofDays(30).plusMinutes(1));
        enter("R-1");
        assertTrue(g.last().granted());
    }

    @Test
    void theExitQuotaHoldsWhenTheClockStepsBack() throws Exception {
        start();
        g.scan("code:R-1:GREEN", Direction.EXIT);
        assertTrue(g.last().granted());
        g.advance(Duration.ofSeconds(10));
        g.clock.advance(Duration.ofHours(-3)); // NTP stepped back: the first exit now looks "in the future"
        g.scan("code:R-2:GREEN", Direction.EXIT);
        assertEquals(List.of(Reason.EXIT_QUOTA), g.last().denialReasons(), "one exit a day for household 1-101");
    }

    private void enter(String who) {
        g.scan("code:" + who + ":GREEN", Direction.ENTRY);
        g.reading(36.5);
    }

    /** seq, at, mono of every record, by seq. */
    private List<long[]> rows() throws Exception {
        List<long[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT seq, at, mono FROM record ORDER BY seq")) {
            while (r.next()) {
                out.add(new long[] {r.getLong(1), r.getLong(2), r.getLong(3)});
            }
        }
        return out;
    }
}
