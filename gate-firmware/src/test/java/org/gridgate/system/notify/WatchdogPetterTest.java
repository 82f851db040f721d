package org.gridgate.system.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.gridgate.system.ServiceManager;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Test;

class WatchdogPetterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final AtomicLong loopTurns = new AtomicLong();
    private final CountingManager manager = new CountingManager();
    private final WatchdogPetter petter =
            new WatchdogPetter(manager, Duration.ofSeconds(10), loopTurns::get, scheduler);

    /** Records watchdog pings only; the petter must not touch anything else. */
    private static final class CountingManager implements ServiceManager {
        int pings;
        int other;

        @Override
        public void ready(String status) {
            other++;
        }

        @Override
        public void status(String status) {
            other++;
        }

        @Override
        public void watchdog() {
            pings++;
        }

        @Override
        public void stopping(String status) {
            other++;
        }
    }

    /** The gate loop turns a few times, then a check falls due. */
    private void loopTurnsThenAdvance(Duration d) {
        loopTurns.addAndGet(3);
        scheduler.advance(d);
    }

    @Test
    void petsAtHalfTheIntervalWhileTheLoopTurns() {
        petter.start();
        loopTurns.incrementAndGet();
        scheduler.advance(Duration.ofMillis(4_999));
        assertEquals(0, manager.pings, "no ping before half the interval");
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(1, manager.pings);
        loopTurnsThenAdvance(Duration.ofSeconds(5));
        loopTurnsThenAdvance(Duration.ofSeconds(5));
        assertEquals(3, manager.pings);
        assertEquals(3, petter.pets());
        assertEquals(0, manager.other);
        assertEquals(Duration.ofSeconds(5), petter.period());
    }

    @Test
    void aStuckLoopGetsNoPingSoSystemdRestartsTheGate() {
        petter.start();
        loopTurnsThenAdvance(Duration.ofSeconds(5));
        assertEquals(1, manager.pings);
        scheduler.advance(Duration.ofMinutes(5)); // loop wedged: counter frozen, 60 checks fall due
        assertEquals(1, manager.pings);
        assertTrue(petter.stalled());
        assertEquals(1, scheduler.pending(), "keeps checking while stalled");
    }

    @Test
    void aLoopThatNeverTurnedAfterStartIsNotPetted() {
        loopTurns.set(42);
        petter.start();
        scheduler.advance(Duration.ofSeconds(30));
        assertEquals(0, manager.pings);
    }

    @Test
    void pingsResumeWhenTheLoopRecovers() {
        petter.start();
        scheduler.advance(Duration.ofSeconds(5));
        assertTrue(petter.stalled());
        loopTurnsThenAdvance(Duration.ofSeconds(5));
        assertEquals(1, manager.pings);
        assertFalse(petter.stalled());
    }

    @Test
    void aFailingHeartbeatCountsAsStalledAndChecksGoOn() {
        AtomicLong calls = new AtomicLong();
        WatchdogPetter p = new WatchdogPetter(manager, Duration.ofSeconds(10), () -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("loop gone");
            }
            return calls.get();
        }, scheduler);
        p.start();
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(0, manager.pings);
        assertTrue(p.stalled());
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(1, manager.pings);
    }

    @Test
    void closeStopsThePings() {
        petter.start();
        loopTurnsThenAdvance(Duration.ofSeconds(5));
        petter.close();
        assertEquals(0, scheduler.pending());
        loopTurnsThenAdvance(Duration.ofSeconds(30));
        assertEquals(1, manager.pings);
    }

    @Test
    void startsOnceAndRefusesANonPositiveInterval() {
        petter.start();
        assertThrows(IllegalStateException.class, petter::start);
        assertThrows(IllegalArgumentException.class,
                () -> new WatchdogPetter(manager, Duration.ZERO, loopTurns::get, scheduler));
        assertThrows(IllegalArgumentException.class,
                () -> new WatchdogPetter(manager, Duration.ofSeconds(-1), loopTurns::get, scheduler));
    }

    @Test
    void intervalComesFromWatchdogUsecForThisProcessOnly() {
        assertEquals(Optional.of(Duration.ofSeconds(10)),
                WatchdogPetter.intervalFromEnvironment(Map.of("WATCHDOG_USEC", "10000000"), 77));
        assertEquals(Optional.of(Duration.ofMillis(2500)),
                WatchdogPetter.intervalFromEnvironment(Map.of("WATCHDOG_USEC", "2500000", "WATCHDOG_PID", "77"), 77));
        assertEquals(Optional.empty(),
                WatchdogPetter.intervalFromEnvironment(Map.of("WATCHDOG_USEC", "2500000", "WATCHDOG_PID", "1"), 77));
        assertEquals(Optional.empty(), WatchdogPetter.intervalFromEnvironment(Map.of(), 77));
        assertEquals(Optional.empty(), WatchdogPetter.intervalFromEnvironment(Map.of("WATCHDOG_USEC", "0"), 77));
        assertEquals(Optional.empty(), WatchdogPetter.intervalFromEnvironment(Map.of("WATCHDOG_USEC", "ten"), 77));
        assertEquals(Optional.empty(),
                WatchdogPetter.intervalFromEnvironment(Map.of("WATCHDOG_USEC", "99999999999999999"), 77));
    }
}
