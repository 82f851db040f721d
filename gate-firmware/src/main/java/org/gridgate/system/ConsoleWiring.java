package org.gridgate.system;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.gridgate.config.ConsoleConfig;
import org.gridgate.console.ClockStatus;
import org.gridgate.console.Console;
import org.gridgate.journal.Journal;
import org.gridgate.passage.GateLoop;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the volunteer console to the running gate: its page reads the loop, the journal's counts,
 * the uplink, the trust list's age and the clock's sync state; it follows the loop as one more
 * {@link org.gridgate.passage.GateObserver}; and it reads today's passages back from the journal on
 * the timer thread, off the start path.
 */
final class ConsoleWiring {
    /** Under the composition root's name, as before the split: the log lines stay the same. */
    private static final Logger LOG = LoggerFactory.getLogger(GateApp.class);

    private ConsoleWiring() {
    }

    /** Starts the console; a port that cannot be bound is an {@link IOException}. */
    static Console start(ConsoleConfig cc, GateLoop loop, Journal journal, BooleanSupplier uplinkConnected,
            Supplier<Optional<Instant>> trustListUpdated, ZoneId zone, Scheduler scheduler, Clock clock)
            throws IOException {
        Console c = Console.start(cc, new Console.Parts(loop, loop::residentsOfUnit, journal::stats,
                uplinkConnected, trustListUpdated, new ClockStatus(clock, ClockStatus.TIMESYNC_FLAG), clock, zone));
        loop.addObserver(c.observer());
        scheduler.schedule(Duration.ZERO, () -> {
            try {
                c.countToday(journal);
            } catch (RuntimeException e) {
                LOG.warn("console: could not read today's passages back from the journal: {}", e.getMessage());
            }
        });
        return c;
    }
}
