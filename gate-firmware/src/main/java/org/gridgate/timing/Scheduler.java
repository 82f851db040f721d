package org.gridgate.timing;

import java.time.Duration;

/** Runs an action later. Adapters never sleep; timed actions (lock re-arm, buzzer patterns) go here. */
public interface Scheduler {
    Cancellable schedule(Duration delay, Runnable action);

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
