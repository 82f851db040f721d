package org.gridgate.passage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridgate.credential.HealthCredential;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.Verification;
import org.gridgate.passage.Check.Kind;
import org.gridgate.roster.Resident;
import org.gridgate.roster.Roster;
import org.gridgate.thermometer.TemperatureReading;

/**
 * The entrance rule as a pure function of the inputs gathered, the roster, the policy and the time:
 * same arguments, same decision. Every check is evaluated and reported, not only the first failure.
 */
public final class Rules {
    private Rules() {}

    public static Decision decide(PassageInputs in, Roster roster, Policy policy, GateMode mode, Instant now) {
        return decide(in, roster, policy, mode, now, false);
    }

    /**
     * @param windowEnded the passage window ran out: a passage still lacking its code or its reading is
     *     INCOMPLETE (recorded, no alarm) rather than denied
     */
    public static Decision decide(PassageInputs in, Roster roster, Policy policy, GateMode mode, Instant now,
            boolean windowEnded) {
        return decide(in, roster, PassageHistory.NONE, policy, mode, now, windowEnded);
    }

    public static Decision decide(PassageInputs in, Roster roster, PassageHistory history, Policy policy,
            GateMode mode, Instant now, boolean windowEnded) {
        Optional<HealthCredential> credential = in.credential()
                .filter(Verification.Verified.class::isInstance)
                .map(v -> ((Verification.Verified) v).credential());
        Optional<String> subject = in.assisted().map(PassageInputs.Assisted::subject)
                .or(() -> credential.map(HealthCredential::subject));
        Optional<Resident> person = subject.flatMap(roster::find);
        Optional<BodyTemperature> temperature = Temperatures.median(usableReadings(in, policy, now), policy);

        List<Check> checks = new ArrayList<>(4);
        checks.add(identity(subject, person, in.direction(), mode, policy, now));
        if (in.direction() == Direction.EXIT) {
            checks.add(Check.pass(Kind.TEMPERATURE, Reason.NOT_CHECKED_ON_EXIT, ""));
            checks.add(Check.pass(Kind.HEALTH_CODE, Reason.NOT_CHECKED_ON_EXIT, ""));
            checks.add(Check.pass(Kind.MASK, Reason.NOT_CHECKED_ON_EXIT, ""));
        } else {
            checks.add(temperature(in, temperature, policy));
            checks.add(in.assisted().isPresent()
                    ? Check.pass(Kind.HEALTH_CODE, Reason.ASSISTED_PASS, "by " + in.assisted().get().volunteer())
                    : healthCode(in.credential()));
            checks.add(mask(in, policy));
        }
        // An assisted pass is vouched for by a volunteer, not by the code: the one-entry rule does not apply.
        Optional<HealthCredential> pass = in.assisted().isPresent() ? Optional.empty() : credential;
        checks.add(Movements.check(in.direction(), subject, person, pass, history, policy, now));
        Outcome outcome = checks.stream().allMatch(Check::passed) ? Outcome.GRANTED
                : windowEnded && inputMissing(in, temperature) ? Outcome.INCOMPLETE : Outcome.DENIED;
        return new Decision(outcome, in.direction(), now, checks, temperature, credential, subject,
                person.map(Resident::unit), in.assisted().map(PassageInputs.Assisted::volunteer), mode);
    }

    /** The person walked away before giving what the rule needs (no code, or no reading while one was possible). */
    private static boolean inputMissing(PassageInputs in, Optional<BodyTemperature> temperature) {
        if (!in.hasIdentitySource()) {
            return true;
        }
        return in.direction() == Direction.ENTRY && in.thermometerOnline() && temperature.isEmpty();
    }

    /** Whether every input the rule looks at is in, so the gate need not wait for the window to end. */
    public static boolean complete(PassageInputs in, Policy policy, Instant now) {
        if (!in.hasIdentitySource()) {
            return false;
        }
        if (in.direction() == Direction.EXIT) {
            return true;
        }
        boolean temperatureIn = !in.thermometerOnline() || Temperatures.settled(usableReadings(in, policy, now), policy);
        boolean maskIn = !policy.maskRequired() || in.maskSeen().orElse(false);
        return temperatureIn && maskIn;
    }

    /** Everything but the mask signal is in: the gate prompts and gives the mask a short grace. */
    public static boolean waitingOnlyForMask(PassageInputs in, Policy policy, Instant now) {
        if ((in.credential().isEmpty() && in.assisted().isEmpty()) || in.direction() == Direction.EXIT || !policy.maskRequired()
                || in.maskSeen().orElse(false)) {
            return false;
        }
        return !in.thermometerOnline() || Temperatures.settled(usableReadings(in, policy, now), policy);
    }

    /** A reading counts if it is plausible skin (someone is there) and taken within the passage window. */
    static List<TemperatureReading> usableReadings(PassageInputs in, Policy policy, Instant now) {
        return in.readings().stream()
                .filter(r -> policy.plausibleSkin(r.objectC()))
                .filter(r -> !r.at().isBefore(in.startedAt().minus(policy.passageWindow())))
                .filter(r -> Duration.between(r.at(), now).compareTo(policy.passageWindow()) <= 0)
                .toList();
    }

    private static Check identity(Optional<String> subject, Optional<Resident> person, Direction direction,
            GateMode mode, Policy policy, Instant now) {
        if (mode == GateMode.MAINTENANCE && direction == Direction.ENTRY) {
            return Check.fail(Kind.IDENTITY, Reason.GATE_CLOSED, "maintenance mode");
        }
        if (subject.isEmpty()) {
            return Check.fail(Kind.IDENTITY, Reason.NO_IDENTITY, "no verified code");
        }
        if (person.isEmpty()) {
            return Check.fail(Kind.IDENTITY, Reason.NOT_REGISTERED, "not on the roster");
        }
        Resident r = person.get();
        if (r.status() == Resident.Status.BARRED) {
            return Check.fail(Kind.IDENTITY, Reason.BARRED, "barred by the community");
        }
        if (!r.validOn(LocalDate.ofInstant(now, policy.zone()))) {
            return Check.fail(Kind.IDENTITY, Reason.REGISTRATION_NOT_VALID,
                    "valid " + r.validFrom() + " to " + r.validTo());
        }
        if (mode == GateMode.LOCKDOWN && direction == Direction.ENTRY && r.kind() == PersonKind.VISITOR) {
            return Check.fail(Kind.IDENTITY, Reason.LOCKDOWN_VISITOR, "lockdown mode");
        }
        return Check.pass(Kind.IDENTITY, Reason.REGISTERED, r.kind().name().toLowerCase(Locale.ROOT));
    }

    private static Check temperature(PassageInputs in, Optional<BodyTemperature> t, Policy policy) {
        if (!in.thermometerOnline()) {
            return Check.fail(Kind.TEMPERATURE, Reason.THERMOMETER_OFFLINE, "thermometer offline");
        }
        if (t.isEmpty()) {
            String why = in.readings().isEmpty() ? "no reading" : in.readings().stream()
                    .reduce((a, b) -> b).map(r -> policy.plausibleSkin(r.objectC()) ? "reading too old"
                            : String.format(Locale.ROOT, "skin %.1f °C: nobody in front of the sensor", r.objectC()))
                    .orElse("no reading");
            return Check.fail(Kind.TEMPERATURE, Reason.NO_TEMPERATURE, why);
        }
        BodyTemperature b = t.get();
        String detail = String.format(Locale.ROOT, "%.1f °C (skin %.2f, ambient %.2f%s)", b.bodyC(), b.skinC(),
                b.ambientC(), b.readings() > 1 ? ", median of " + b.readings() : "");
        return b.bodyC() >= policy.feverThresholdC()
                ? Check.fail(Kind.TEMPERATURE, Reason.FEVER, detail)
                : Check.pass(Kind.TEMPERATURE, Reason.TEMPERATURE_NORMAL, detail);
    }

    private static Check healthCode(Optional<Verification> verification) {
        if (verification.isEmpty()) {
            return Check.fail(Kind.HEALTH_CODE, Reason.CODE_MISSING, "no code scanned");
        }
        return switch (verification.get()) {
            case Verification.Verified v -> switch (v.credential().colour()) {
                case GREEN -> Check.pass(Kind.HEALTH_CODE, Reason.CODE_GREEN, v.credential().format().name());
                case YELLOW -> Check.fail(Kind.HEALTH_CODE, Reason.CODE_YELLOW, v.credential().format().name());
                case RED -> Check.fail(Kind.HEALTH_CODE, Reason.CODE_RED, v.credential().format().name());
            };
            case Verification.Rejected r -> Check.fail(Kind.HEALTH_CODE, switch (r.failure()) {
                case UNREADABLE -> Reason.CODE_UNREADABLE;
                case MALFORMED -> Reason.CODE_MALFORMED;
                case UNTRUSTED_SIGNER -> Reason.CODE_UNTRUSTED;
                case BAD_SIGNATURE -> Reason.CODE_BAD_SIGNATURE;
                case KEY_USAGE -> Reason.CODE_KEY_USAGE;
                case NOT_YET_VALID -> Reason.CODE_NOT_YET_VALID;
                case EXPIRED -> Reason.CODE_EXPIRED;
                case REVOKED -> Reason.CODE_REVOKED;
            }, r.detail());
        };
    }

    private static Check mask(PassageInputs in, Policy policy) {
        if (!policy.maskRequired()) {
            return Check.pass(Kind.MASK, Reason.MASK_NOT_REQUIRED, "");
        }
        return in.maskSeen().orElse(false)
                ? Check.pass(Kind.MASK, Reason.MASK_PRESENT, "")
                : Check.fail(Kind.MASK, Reason.NO_MASK, "");
    }
}
