package org.gridgate.sim.fleet;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.gridgate.journal.JournalException;

/**
 * People passing the fleet's gates: each gate gets one passage every {@code 1 / rate} seconds, the
 * gates' phases spread at random so the load is even. Appends run on a small pool (each is a
 * durable SQLite commit on the gate's own journal).
 */
final class Passages {
    private static final long TICK_MS = 50;
    private final List<FleetGate> gates;
    private final long periodNanos;
    private final long[] due;
    private final ExecutorService pool;
    private final List<String> problems;
    private volatile ScheduledFuture<?> ticking;
    private long started;

    Passages(List<FleetGate> gates, double rate, Random random, ExecutorService pool, List<String> problems) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be above 0 passages per gate per second");
        }
        this.gates = gates;
        this.periodNanos = (long) (1e9 / rate);
        this.pool = pool;
        this.problems = problems;
        this.due = new long[gates.size()];
        for (int i = 0; i < due.length; i++) {
            due[i] = (long) (random.nextDouble() * periodNanos);
        }
    }

    void start(ScheduledExecutorService timer) {
        started = System.nanoTime();
        ticking = timer.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        ScheduledFuture<?> t = ticking;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** One passage at {@code g} now, outside the schedule. */
    void passNow(FleetGate g) {
        try {
            g.pass();
        } catch (JournalException e) {
            synchronized (problems) {
                problems.add(g.id() + ": journal append failed: " + e.getMessage());
            }
        }
    }

    private void tick() {
        long now = System.nanoTime() - started;
        for (int i = 0; i < due.length; i++) {
            while (due[i] <= now) {
                due[i] += periodNanos;
                FleetGate g = gates.get(i);
                try {
                    pool.execute(() -> passNow(g));
                } catch (RejectedExecutionException e) {
                    return; // stopping
                }
            }
        }
    }
}
