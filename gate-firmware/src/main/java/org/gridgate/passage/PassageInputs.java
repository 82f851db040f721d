package org.gridgate.passage;

import java.time.Instant;
import java.util.Optional;
import org.gridgate.config.ScannerConfig.Direction;
import org.gridgate.credential.Verification;
import org.gridgate.thermometer.TemperatureReading;

/**
 * What the gate has gathered about one person so far. Immutable: the gate loop replaces it as inputs
 * arrive.
 */
public record PassageInputs(
        Direction direction,
        Instant startedAt,
        Optional<Verification> credential,
        Optional<TemperatureReading> reading,
        Optional<Boolean> maskSeen,
        boolean thermometerOnline,
        Optional<Assisted> assisted) {

    /** A volunteer vouches for a roster member's identity in place of a health code. */
    public record Assisted(String volunteer, String subject) {}

    public static PassageInputs start(Direction direction, Instant at, boolean thermometerOnline) {
        return new PassageInputs(direction, at, Optional.empty(), Optional.empty(), Optional.empty(), thermometerOnline,
                Optional.empty());
    }

    public PassageInputs withCredential(Verification v) {
        return new PassageInputs(direction, startedAt, Optional.of(v), reading, maskSeen, thermometerOnline, assisted);
    }

    public PassageInputs withReading(TemperatureReading r) {
        return new PassageInputs(direction, startedAt, credential, Optional.of(r), maskSeen, thermometerOnline, assisted);
    }

    public PassageInputs withMask(boolean seen) {
        return new PassageInputs(direction, startedAt, credential, reading, Optional.of(seen), thermometerOnline, assisted);
    }

    public PassageInputs withAssisted(Assisted a) {
        return new PassageInputs(direction, startedAt, credential, reading, maskSeen, thermometerOnline, Optional.of(a));
    }

    public PassageInputs withThermometerOnline(boolean online) {
        return new PassageInputs(direction, startedAt, credential, reading, maskSeen, online, assisted);
    }
}
