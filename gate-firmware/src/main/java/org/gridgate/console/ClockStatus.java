package org.gridgate.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Whether the gate's clock can be believed: a date before this build cannot be right, and
 * systemd-timesyncd marks a synchronised clock with a flag file.
 */
public final class ClockStatus implements Supplier<String> {
    /** No gate runs before this software existed: an earlier clock was never set. */
    static final Instant EARLIEST = Instant.parse("2025-01-01T00:00:00Z");
    public static final Path TIMESYNC_FLAG = Path.of("/run/systemd/timesync/synchronized");

    private final Clock clock;
    private final Path flag;

    public ClockStatus(Clock clock, Path flag) {
        this.clock = clock;
        this.flag = flag;
    }

    @Override
    public String get() {
        if (clock.instant().isBefore(EARLIEST)) {
            return "suspect";
        }
        return Files.exists(flag) ? "synchronized" : "unsynchronized";
    }
}
