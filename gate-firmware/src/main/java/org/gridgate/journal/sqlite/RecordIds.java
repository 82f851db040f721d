package org.gridgate.journal.sqlite;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Record ids in the UUID version 7 layout (RFC 9562): 48 bits of Unix milliseconds, then 74 random
 * bits. Unique like a random UUID, but ids made one after another sort together, so the journal's
 * unique index on {@code id} grows at its right edge: each append dirties the last index page instead
 * of a random one, which the WAL and every checkpoint would otherwise write to the card again.
 */
final class RecordIds {
    private final SecureRandom random = new SecureRandom();

    UUID next(long epochMillis) {
        long ms = Math.max(0, epochMillis) & 0xFFFF_FFFF_FFFFL;
        long hi = (ms << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
        long lo = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(hi, lo);
    }
}
