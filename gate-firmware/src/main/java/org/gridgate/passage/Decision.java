package org.gridgate.passage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridgate.credential.HealthCredential;

/**
 * The gate's answer for one passage, with every check spelled out. Granted only if every check
 * passed.
 *
 * @param subject the pseudonym of the person, when the code gave one (journal hashes and masks it)
 */
public record Decision(
        Outcome outcome,
        Direction direction,
        Instant at,
        List<Check> checks,
        Optional<BodyTemperature> temperature,
        Optional<HealthCredential> credential,
        Optional<String> subject,
        Optional<String> unit,
        Optional<String> assistedBy,
        GateMode mode) {

    public Decision {
        checks = List.copyOf(checks);
        boolean allPassed = checks.stream().allMatch(Check::passed);
        if ((outcome == Outcome.GRANTED) != allPassed) {
            throw new IllegalArgumentException("a grant needs every check passed, a denial a failed check");
        }
    }

    /**
     * This decision denied for {@code failure}, a failed check of the gate itself, put first: it is the
     * reason the resident reads (a wrong clock also fails date checks, but the clock is what is wrong).
     */
    public Decision deniedFor(Check failure) {
        List<Check> all = new java.util.ArrayList<>();
        all.add(failure);
        all.addAll(checks);
        return new Decision(Outcome.DENIED, direction, at, all, temperature, credential, subject, unit, assistedBy, mode);
    }

    public boolean granted() {
        return outcome == Outcome.GRANTED;
    }

    /** The failed checks' reasons, in check order; empty when granted. */
    public List<Reason> denialReasons() {
        return checks.stream().filter(c -> !c.passed()).map(Check::reason).toList();
    }

    public boolean fever() {
        return checks.stream().anyMatch(c -> c.reason() == Reason.FEVER);
    }
}
