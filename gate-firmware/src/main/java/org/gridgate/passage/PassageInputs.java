package org.gridgate.passage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridgate.credential.Verification;
import org.gridgate.thermometer.TemperatureReading;

/**
 * What the gate has gathered about one person so far. Immutable: the gate loop replaces it as inputs
 * arrive.
 *
 * @param readings every temperature reading taken for this passage, oldest first (re-measures add more)
 */
public record PassageInputs(
        Direction direction,
        Instant startedAt,
        Optional<Verification> credential,
        List<TemperatureReading> readings,
        Optional<Boolean> maskSeen,
        boolean thermometerOnline,
        Optional<Assisted> assisted) {

    /** A volunteer vouches for a roster member's identity in place of a health code. */
    public record Assisted(String volunteer, String subject) {}

    public PassageInputs {
        readings = List.copyOf(readings);
    }

    public static PassageInputs start(Direction direction, Instant at, boolean thermometerOnline) {
        return new PassageInputs(direction, at, Optional.empty(), List.of(), Optional.empty(), thermometerOnline,
                Optional.empty());
    }

    public PassageInputs withCredential(Verification v) {
        return new PassageInputs(direction, startedAt, Optional.of(v), readings, maskSeen, thermometerOnline, assisted);
    }

    public PassageInputs withReading(TemperatureReading r) {
        List<TemperatureReading> more = new ArrayList<>(readings);
        more.add(r);
        return new PassageInputs(direction, startedAt, credential, more, maskSeen, thermometerOnline, assisted);
    }

    public PassageInputs withMask(boolean seen) {
        return new PassageInputs(direction, startedAt, credential, readings, Optional.of(seen), thermometerOnline,
                assisted);
    }

    public PassageInputs withAssisted(Assisted a) {
        return new PassageInputs(direction, startedAt, credential, readings, maskSeen, thermometerOnline, Optional.of(a));
    }

    public PassageInputs withThermometerOnline(boolean online) {
        return new PassageInputs(direction, startedAt, credential, readings, maskSeen, online, assisted);
    }

    /** Whether an identity source (a scanned code or a volunteer's word) is in. */
    public boolean hasIdentitySource() {
        return credential.isPresent() || assisted.isPresent();
    }
}
