package org.gridgate.passage;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.gridgate.credential.HealthCredential;
import org.gridgate.passage.Check.Kind;
import org.gridgate.roster.Resident;

/**
 * The movement rules: home quarantine keeps people in, the household quota rations exits, one pass lets
 * one person in (until an exit with it is recorded), anti-passback flags.
 */
final class Movements {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Movements() {}

    /** History key of a pass (the history hashes it like a subject). */
    static String passKey(String passId) {
        return "pass:" + passId;
    }

    static Check check(Direction direction, Optional<String> subject, Optional<Resident> person,
            Optional<HealthCredential> pass, PassageHistory history, Policy policy, Instant now) {
        if (direction == Direction.ENTRY && policy.movement().onePassOneEntry() && pass.isPresent()) {
            // A pass is valid for minutes to months; while it is, it lets one person in. A screenshot shared
            // in the queue is refused here, whoever is on the roster.
            Optional<PassageHistory.Last> used = history.last(passKey(pass.get().passId()));
            if (used.isPresent() && used.get().direction() == Direction.ENTRY) {
                return Check.fail(Kind.MOVEMENT, Reason.PASS_USED, "entered with this pass at "
                        + LocalDateTime.ofInstant(used.get().at(), policy.zone()).format(WHEN));
            }
        }
        if (person.isEmpty() || subject.isEmpty()) {
            return Check.pass(Kind.MOVEMENT, Reason.MOVEMENT_OK, "no roster entry to check");
        }
        Resident r = person.get();
        Policy.Movement m = policy.movement();
        if (direction == Direction.EXIT) {
            if (r.status() == Resident.Status.HOME_QUARANTINE) {
                return Check.fail(Kind.MOVEMENT, Reason.QUARANTINE_EXIT, "household " + r.household());
            }
            if (m.exitQuotaPersons() > 0 && !r.household().isEmpty()) {
                List<Instant> exits = history.householdExits(r.household(), now.minus(m.exitQuotaPeriod()));
                if (exits.size() >= m.exitQuotaPersons()) {
                    Instant next = exits.get(exits.size() - m.exitQuotaPersons()).plus(m.exitQuotaPeriod());
                    return Check.fail(Kind.MOVEMENT, Reason.EXIT_QUOTA, "next exit allowed from "
                            + LocalDateTime.ofInstant(next, policy.zone()).format(WHEN));
                }
            }
            return Check.pass(Kind.MOVEMENT, Reason.MOVEMENT_OK, "");
        }
        if (!m.antiPassback().isZero()) {
            Optional<PassageHistory.Last> last = history.last(subject.get());
            if (last.isPresent() && last.get().direction() == Direction.ENTRY
                    && !last.get().at().isBefore(now.minus(m.antiPassback()))) {
                String detail = "entered at " + LocalDateTime.ofInstant(last.get().at(), policy.zone()).format(WHEN);
                return m.antiPassbackDenies()
                        ? Check.fail(Kind.MOVEMENT, Reason.ANTI_PASSBACK, detail)
                        : Check.pass(Kind.MOVEMENT, Reason.ANTI_PASSBACK, detail + " (flagged)");
            }
        }
        return Check.pass(Kind.MOVEMENT, Reason.MOVEMENT_OK, "");
    }
}
