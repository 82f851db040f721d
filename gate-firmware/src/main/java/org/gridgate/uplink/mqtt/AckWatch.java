package org.gridgate.uplink.mqtt;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.gridgate.timing.Scheduler;

/**
 * Watches, while the link is up, for records that have been out {@code stall} long with no
 * acknowledgement at all, and then hands the link to {@code onStall} (which drops and remakes it, so
 * the records go again). Keepalive cannot see this: a broker that lost its PUBACKs still answers
 * pings. Seen with Moquette: a publish that failed inside it ("increment: 0") was never
 * acknowledged, and the gate's window stayed shut until the scenario gave up.
 *
 * <p>It looks every {@code stall / 3} from {@link #start} (each connect) until the link is down or a
 * stall was handed over; the next connect starts it again.
 */
final class AckWatch {
    private final Scheduler scheduler;
    private final Duration stall;
    private final LongSupplier unacknowledgedMillis;
    private final BooleanSupplier up;
    private final LongConsumer onStall;
    private final AtomicBoolean watching = new AtomicBoolean();

    /**
     * @param unacknowledgedMillis how long the records out have waited for any acknowledgement (0: none out)
     * @param up whether the link is up and the uplink open
     * @param onStall gets the milliseconds waited; runs on the scheduler's thread
     */
    AckWatch(Scheduler scheduler, Duration stall, LongSupplier unacknowledgedMillis, BooleanSupplier up,
            LongConsumer onStall) {
        this.scheduler = scheduler;
        this.stall = stall;
        this.unacknowledgedMillis = unacknowledgedMillis;
        this.up = up;
        this.onStall = onStall;
    }

    /** The link is up: watch it, unless already watching. */
    void start() {
        if (watching.compareAndSet(false, true)) {
            scheduler.schedule(stall.dividedBy(3), this::look);
        }
    }

    private void look() {
        if (!up.getAsBoolean()) {
            watching.set(false);
            return;
        }
        long waited = unacknowledgedMillis.getAsLong();
        if (waited >= stall.toMillis()) {
            watching.set(false);
            onStall.accept(waited);
            return;
        }
        scheduler.schedule(stall.dividedBy(3), this::look);
    }
}
