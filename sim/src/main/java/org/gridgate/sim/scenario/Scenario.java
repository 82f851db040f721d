package org.gridgate.sim.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gridgate.config.ScannerConfig.Direction;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.Outcome;
import org.gridgate.roster.Resident;

/** A scripted stretch of a day at the gate (format in docs/technician.md). */
public record Scenario(String name, List<Member> roster, List<Step> steps) {
    public Scenario {
        roster = List.copyOf(roster);
        steps = List.copyOf(steps);
    }

    /** A roster entry; validity in days relative to the day the scenario runs. */
    public record Member(String subject, PersonKind kind, String unit, Resident.Status status, int validFromDays,
            int validToDays) {}

    /** What a person shows: a pass the runner issues at run time, a raw text, or nothing. */
    public sealed interface Code {
        record Pass(String subject, Colour colour, PersonKind kind, Duration validFor, boolean expired,
                boolean forged) implements Code {}

        record Raw(String text) implements Code {}
    }

    public record Person(Optional<Code> code, double skinC, double ambientC, boolean mask, Direction direction) {}

    /** What the step must produce; every field is optional. {@code alarm} "none" means no alarm at all. */
    public record Expect(Optional<Outcome> decision, Optional<List<String>> reasons, Optional<String> alarm) {
        public static final Expect NOTHING = new Expect(Optional.empty(), Optional.empty(), Optional.empty());

        public boolean any() {
            return decision.isPresent() || reasons.isPresent() || alarm.isPresent();
        }
    }

    /** One line of the script; {@code label} names it in reports ("step 4 present R-0002"). */
    public sealed interface Step {
        String label();

        Expect expect();

        record Present(String label, Person person, int times, Expect expect) implements Step {}

        record Assist(String label, String volunteer, String subject, Person person, Expect expect) implements Step {}

        record Mode(String label, GateMode mode, Expect expect) implements Step {}

        record Open(String label, String actor, String reason, Expect expect) implements Step {}

        record Unplug(String label, String device, Expect expect) implements Step {}

        record Replug(String label, String device, Expect expect) implements Step {}

        record Broker(String label, boolean up, Expect expect) implements Step {}

        /** Waits until the server stand-in has every record so far, then checks the counts. */
        record Delivered(String label, Expect expect) implements Step {}
    }
}
