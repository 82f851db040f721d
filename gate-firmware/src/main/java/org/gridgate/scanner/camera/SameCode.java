package org.gridgate.scanner.camera;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One scan per showing of a code: a camera sees the same code in frame after frame while the phone
 * is held up. A code is a new scan when it differs from the last one, or when it was out of sight
 * (not decoded) for longer than {@code gap}: a resident who is turned away and shows it again.
 */
final class SameCode {
    private final Duration gap;
    private String last;
    private Instant lastSeen;

    SameCode(Duration gap) {
        this.gap = gap;
    }

    /** The text if this sighting is a new scan, empty if it continues the last one. */
    Optional<String> seen(String text, Instant at) {
        boolean fresh = last == null || !last.equals(text) || Duration.between(lastSeen, at).compareTo(gap) > 0;
        last = text;
        lastSeen = at;
        return fresh ? Optional.of(text) : Optional.empty();
    }
}
