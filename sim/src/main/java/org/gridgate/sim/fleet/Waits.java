package org.gridgate.sim.fleet;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The fleet's timeline: events at fixed offsets from the start, and conditions awaited with a deadline. */
final class Waits {
    /** Something the fleet does {@code atMs} after the run started. */
    record Event(long atMs, Action action) {}

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private static final long POLL_MS = 200;

    private Waits() {}

    /** Runs the events in time order on {@code timer}, each at its offset from now; returns after the last. */
    static void play(ScheduledExecutorService timer, List<Event> events) throws Exception {
        long start = System.nanoTime();
        for (Event e : events.stream().sorted(Comparator.comparingLong(Event::atMs)).toList()) {
            long delay = Math.max(0, e.atMs() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            try {
                timer.schedule(() -> {
                    e.action().run();
                    return null;
                }, delay, TimeUnit.MILLISECONDS).get();
            } catch (ExecutionException ex) {
                throw ex.getCause() instanceof Exception c ? c : ex;
            }
        }
    }

    /** Polls {@code condition} until it holds or {@code timeout} passed; true if it held. */
    static boolean until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            synchronized (monitor) {
                monitor.wait(POLL_MS); // nobody notifies: a bounded pause between polls
            }
        }
        return true;
    }
}
