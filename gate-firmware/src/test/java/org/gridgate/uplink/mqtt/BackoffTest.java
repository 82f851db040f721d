package org.gridgate.uplink.mqtt;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    final Duration first = Duration.ofMillis(100);
    final Duration max = Duration.ofSeconds(5);

    @Test
    void doublesUpToTheCapWithEqualJitter() {
        Backoff b = new Backoff(first, max, new SplittableRandom(1));
        long cap = first.toMillis();
        for (int attempt = 0; attempt < 20; attempt++) {
            long d = b.next().toMillis();
            assertTrue(d >= cap / 2 && d <= cap, "attempt " + attempt + ": " + d + " not in [" + cap / 2 + ", " + cap + "]");
            cap = Math.min(cap * 2, max.toMillis());
        }
    }

    @Test
    void jitterSpreadsGatesThatFailedTogether() {
        Set<Duration> fifth = new HashSet<>();
        for (int gate = 0; gate < 20; gate++) {
            Backoff b = new Backoff(first, max, new SplittableRandom(gate));
            for (int i = 0; i < 4; i++) {
                b.next();
            }
            fifth.add(b.next());
        }
        assertTrue(fifth.size() > 15, "delays should differ between gates: " + fifth);
    }

    @Test
    void resetStartsOver() {
        Backoff b = new Backoff(first, max, new SplittableRandom(7));
        for (int i = 0; i < 10; i++) {
            b.next();
        }
        b.reset();
        assertTrue(b.next().compareTo(first) <= 0);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, max, new SplittableRandom()));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(max, first, new SplittableRandom()));
    }
}
