package org.gridgate.uplink.mqtt;

import java.time.Duration;

/**
 * The uplink's timing knobs; {@link #DEFAULTS} for a gate, shorter ones for tests.
 *
 * @param firstRetry the first step of the connect backoff, after a failed connect or a lost link:
 *     the wait is drawn between half of it and all of it, and each further step doubles
 * @param maxRetry the largest step: a gate whose broker is gone waits between maxRetry/2 and maxRetry
 *     between attempts
 * @param ackStall records out this long with no acknowledgement at all: the link is dropped and
 *     made again, which sends them again (see {@link AckWatch})
 */
public record UplinkTuning(Duration firstRetry, Duration maxRetry, Duration connectTimeout, Duration closeTimeout,
        Duration ackStall) {
    public static final UplinkTuning DEFAULTS = new UplinkTuning(Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(2));

    /** With the gate's {@code ackStall}: 30 s without any acknowledgement while records are out. */
    public UplinkTuning(Duration firstRetry, Duration maxRetry, Duration connectTimeout, Duration closeTimeout) {
        this(firstRetry, maxRetry, connectTimeout, closeTimeout, Duration.ofSeconds(30));
    }
}
