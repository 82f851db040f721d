package org.gridgate.signals.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import org.gridgate.config.GpioConfig;
import org.gridgate.signals.Lock;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock driven through a relay: relay energised = lock released. The configured safe state is
 * driven when the output is created, on {@link #toSafeState()} and on close (and Pi4J leaves the
 * pin there on shutdown).
 */
public final class GpioLock implements Lock {
    private static final Logger LOG = LoggerFactory.getLogger(GpioLock.class);
    public static final String IO_ID = "lock";

    private final DigitalOutput out;
    private final GpioConfig.Lock config;
    private final Scheduler scheduler;
    private Scheduler.Cancellable pending;
    private long generation;
    private boolean released;

    public GpioLock(Context ctx, GpioConfig.Lock config, Scheduler scheduler) {
        this.config = config;
        this.scheduler = scheduler;
        boolean safeReleased = config.safeState() == GpioConfig.SafeState.RELEASED;
        this.out = Outputs.create(ctx, IO_ID, config.pin(), config.activeLow(), safeReleased);
        this.released = safeReleased;
    }

    @Override
    public synchronized void release(Duration duration) {
        cancelPending();
        drive(true);
        long gen = ++generation;
        pending = scheduler.schedule(duration, () -> relock(gen));
    }

    private synchronized void relock(long gen) {
        if (gen == generation) {
            pending = null;
            drive(false);
        }
    }

    @Override
    public synchronized void holdReleased() {
        cancelPending();
        drive(true);
    }

    @Override
    public synchronized void secure() {
        cancelPending();
        drive(false);
    }

    @Override
    public synchronized void toSafeState() {
        cancelPending();
        drive(config.safeState() == GpioConfig.SafeState.RELEASED);
    }

    @Override
    public synchronized boolean isReleased() {
        return released;
    }

    private void cancelPending() {
        generation++;
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }

    private void drive(boolean release) {
        try {
            Outputs.set(out, release, config.activeLow());
            released = release;
        } catch (RuntimeException e) {
            LOG.error("lock output on GPIO {} failed: {}", config.pin(), e.toString());
            throw e;
        }
    }

    @Override
    public void close() {
        toSafeState();
    }
}
