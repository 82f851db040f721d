package org.gridgate.system.notify;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.gridgate.system.ServiceManager;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pets systemd's watchdog only while the gate loop is alive.
 *
 * <p>Every {@code interval / 2} it reads {@code loopTurns}, a counter the gate loop bumps each time
 * it goes round, and sends {@code WATCHDOG=1} only if the counter moved since the last check. A
 * timer that pets unconditionally would keep a wedged gate "healthy" forever; withholding the ping
 * lets systemd kill and restart the service ({@code WatchdogSec=}, {@code Restart=on-failure}).
 *
 * <p>Contract for the supplier: thread-safe (it is read on the scheduler's thread, e.g. an
 * {@code AtomicLong::get}), cheap, and it must advance even when nobody is at the gate: the loop
 * has to wake up (a queue poll with a timeout well under {@code interval / 2}) and count that
 * wake-up. A supplier that throws counts as a stalled loop.
 */
public final class WatchdogPetter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchdogPetter.class);

    private final ServiceManager manager;
    private final Duration period;
    private final LongSupplier loopTurns;
    private final Scheduler scheduler;

    private long lastTurns;
    private long stalledChecks;
    private long pets;
    private boolean started;
    private boolean closed;
    private Scheduler.Cancellable pending;

    /**
     * @param interval the watchdog timeout systemd enforces ({@code WATCHDOG_USEC}, see {@link
     *     #intervalFromEnvironment()}); checks run at half of it, as {@code sd_watchdog_enabled(3)}
     *     recommends
     * @param loopTurns the gate loop's heartbeat counter
     */
    public WatchdogPetter(ServiceManager manager, Duration interval, LongSupplier loopTurns, Scheduler scheduler) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.loopTurns = Objects.requireNonNull(loopTurns, "loopTurns");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("watchdog interval must be positive, got " + interval);
        }
        Duration half = interval.dividedBy(2);
        this.period = half.isZero() ? Duration.ofNanos(1) : half;
    }

    /** {@link #intervalFromEnvironment(Map, long)} for this process. */
    public static Optional<Duration> intervalFromEnvironment() {
        return intervalFromEnvironment(System.getenv(), ProcessHandle.current().pid());
    }

    /**
     * The watchdog timeout systemd expects this process to honour, or empty when there is none:
     * {@code WATCHDOG_USEC} unset, not a positive number, or {@code WATCHDOG_PID} naming another
     * process (the variable was inherited from a parent that is the watched one).
     */
    public static Optional<Duration> intervalFromEnvironment(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null) {
            return Optional.empty();
        }
        String watchedPid = env.get("WATCHDOG_PID");
        try {
            if (watchedPid != null && Long.parseLong(watchedPid.trim()) != pid) {
                return Optional.empty();
            }
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1000L))) : Optional.empty();
        } catch (NumberFormatException | ArithmeticException e) {
            LOG.warn("ignoring malformed WATCHDOG_USEC={} / WATCHDOG_PID={}", usec, watchedPid);
            return Optional.empty();
        }
    }

    /**
     * Takes the current counter as the baseline and schedules the first check half an interval from
     * now. Call it once the gate loop runs, right after {@link ServiceManager#ready}.
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("WatchdogPetter already started");
        }
        started = true;
        lastTurns = loopTurns.getAsLong();
        pending = scheduler.schedule(period, this::check);
    }

    /** How often the loop is checked: half the watchdog interval. */
    public Duration period() {
        return period;
    }

    /** Pings sent so far. */
    public synchronized long pets() {
        return pets;
    }

    /** True while the last check found the loop stuck. */
    public synchronized boolean stalled() {
        return stalledChecks > 0;
    }

    private synchronized void check() {
        if (closed) {
            return;
        }
        try {
            long turns = loopTurns.getAsLong();
            if (turns != lastTurns) {
                lastTurns = turns;
                manager.watchdog();
                pets++;
                if (stalledChecks > 0) {
                    LOG.info("gate loop is turning again after {} missed checks; watchdog pings resume", stalledChecks);
                    stalledChecks = 0;
                }
            } else {
                stalled("it has not turned");
            }
        } catch (RuntimeException e) {
            stalled("its heartbeat failed: " + e);
        } finally {
            pending = scheduler.schedule(period, this::check);
        }
    }

    private void stalled(String why) {
        if (stalledChecks++ == 0) {
            LOG.warn("gate loop looks stuck ({} in {}); withholding the watchdog ping so systemd restarts the gate",
                    why, period);
        }
    }

    /** Stops checking; no ping is sent after this returns. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }
}
