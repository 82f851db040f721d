package org.gridgate.sim.perf.decision;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the lock's digital output on Pi4J's mock provider. Pi4J dispatches a state change to its
 * listeners synchronously, on the thread that wrote the pin (the gate loop), right after the new
 * state is stored: the time taken here is the moment the lock output was written, with nothing of
 * the gate's in between.
 */
final class LockProbe implements DigitalStateChangeListener {
    private final DigitalState releasedLevel;
    private volatile long releasedAt;
    private volatile long releases; // written by the gate loop only
    private volatile boolean released;
    private volatile Thread waiter;

    /** {@code activeLow}: the relay is energised (lock released) by a low pin. */
    LockProbe(DigitalOutput lock, boolean activeLow) {
        this.releasedLevel = activeLow ? DigitalState.LOW : DigitalState.HIGH;
        this.released = lock.state() == releasedLevel;
        lock.addListener(this);
    }

    @Override
    public void onDigitalStateChange(DigitalStateChangeEvent event) {
        long now = System.nanoTime();
        boolean r = event.state() == releasedLevel;
        if (r) {
            releasedAt = now;
            releases = releases + 1;
        }
        released = r;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    boolean released() {
        return released;
    }

    /** How many times the output went to released so far. */
    long releases() {
        return releases;
    }

    /**
     * Waits for the release after the {@code before}-th (so a quick relock cannot hide it) and
     * returns when it was written (System.nanoTime); -1 at the deadline.
     */
    long awaitRelease(long before, Duration timeout) {
        return await(() -> releases > before, timeout) ? releasedAt : -1;
    }

    /** Waits until the gate drove the lock back to locked; false at the deadline. */
    boolean awaitLocked(Duration timeout) {
        return await(() -> !released, timeout);
    }

    private boolean await(java.util.function.BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        waiter = Thread.currentThread();
        try {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } finally {
            waiter = null;
        }
    }
}
