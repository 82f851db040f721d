package org.gridgate.system;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalException;
import org.gridgate.passage.GateLoop;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes the journal every {@link #EVERY} on the gate loop's thread (so a prune never runs beside a
 * passage's append), and raises {@code storage_dropped} when records the server never received had
 * to go.
 */
final class JournalPruner {
    /** Under the composition root's name, as before the split: the log lines stay the same. */
    private static final Logger LOG = LoggerFactory.getLogger(GateApp.class);
    static final Duration EVERY = Duration.ofHours(1);

    private final Journal journal;
    private final GateLoop loop;
    private final Scheduler scheduler;
    private final Clock clock;
    private volatile boolean stopped;

    JournalPruner(Journal journal, GateLoop loop, Scheduler scheduler, Clock clock) {
        this.journal = journal;
        this.loop = loop;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Schedules the first prune one interval from now; each prune schedules the next. */
    void start() {
        scheduler.schedule(EVERY, () -> loop.submit(() -> {
            if (stopped) {
                return;
            }
            try {
                Journal.Pruned p = journal.prune(clock.instant());
                if (p.lostUndelivered()) {
                    loop.raiseAlarm("storage_dropped", Map.of("alarm", "storage_dropped", "count", p.droppedUndelivered(),
                            "firstSeq", p.firstDroppedSeq(), "lastSeq", p.lastDroppedSeq()));
                }
            } catch (JournalException e) {
                LOG.error("journal pruning failed: {}", e.getMessage());
            }
            start();
        }));
    }

    /** No prune runs after this, even one already queued on the loop. */
    void stop() {
        stopped = true;
    }
}
