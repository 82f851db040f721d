package org.gridgate.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridgate.device.ByteLink;
import org.gridgate.device.serial.JSerialCommLink;
import org.gridgate.timing.Scheduler;

/**
 * Opens serial ports through jSerialComm for a device adapter under test and remembers the wait the
 * adapter schedules right after each failed open (on the thread that tried): its reconnect backoff.
 * A replug test then checks the time to recover by value, not by the wall clock of a busy machine.
 */
public final class BackoffProbe {
    private final Scheduler timers;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Boolean> openFailed = ThreadLocal.withInitial(() -> false);

    /** @param timers the scheduler that really runs what the adapter schedules */
    public BackoffProbe(Scheduler timers) {
        this.timers = timers;
    }

    /** The scheduler to hand the adapter. */
    public Scheduler scheduler() {
        return (delay, action) -> {
            if (openFailed.get()) {
                openFailed.set(false);
                waits.add(delay);
            }
            return timers.schedule(delay, action);
        };
    }

    /** Opens {@code port} as the gate does; a failure is remembered for the next scheduled wait. */
    public ByteLink open(String port, int baud) throws IOException {
        try {
            return JSerialCommLink.open(port, baud);
        } catch (IOException | RuntimeException e) {
            openFailed.set(true);
            throw e;
        }
    }

    /** The waits scheduled right after failed opens, in order. */
    public List<Duration> waits() {
        return waits;
    }
}
