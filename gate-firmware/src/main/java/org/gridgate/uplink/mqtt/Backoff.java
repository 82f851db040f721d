package org.gridgate.uplink.mqtt;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": attempt {@code n} waits between half and all of
 * {@code min(max, first * 2^n)}, so a fleet of gates that lost the broker together does not
 * come back in lockstep. Thread-safe.
 */
final class Backoff {
    private final Duration first;
    private final Duration max;
    private final RandomGenerator random;
    private int attempt;

    Backoff(Duration first, Duration max, RandomGenerator random) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + ", " + max);
        }
        this.first = first;
        this.max = max;
        this.random = random;
    }

    synchronized Duration next() {
        long cap = first.toNanos();
        for (int i = 0; i < attempt && cap < max.toNanos(); i++) {
            cap *= 2;
        }
        cap = Math.min(cap, max.toNanos());
        attempt = Math.min(attempt + 1, 62);
        long half = cap / 2;
        return Duration.ofNanos(half + random.nextLong(cap - half + 1));
    }

    synchronized void reset() {
        attempt = 0;
    }
}
