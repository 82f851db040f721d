package org.gridgate.timing;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** A scheduler driven by a {@link ManualClock}: {@link #advance} runs what falls due, in order. */
public final class ManualScheduler implements Scheduler {
    private final ManualClock clock;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long order;

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    private record Task(Instant due, long order, Runnable action, boolean[] cancelled) implements Comparable<Task> {
        @Override
        public int compareTo(Task o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable action) {
        boolean[] cancelled = {false};
        tasks.add(new Task(clock.instant().plus(delay), order++, action, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward by {@code d}, running every task that falls due on the way at its due time. */
    public void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due.isAfter(end)) {
                    break;
                }
                tasks.poll();
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            if (!next.cancelled[0]) {
                next.action.run();
            }
        }
        clock.set(end);
    }

    public synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled[0]).count();
    }
}
