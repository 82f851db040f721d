package org.gridgate.passage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;

/**
 * Whether the wall clock can be believed for an entry decision. A Pi has no real-time clock: it boots
 * at 1970 or at the time of its last shutdown (fake-hwclock) until NTP steps it, and NTP may step it
 * back. A clock before this software existed, or well before the newest record the journal held at
 * start, was not set: health-code expiry, registration dates and quotas cannot be judged by it.
 */
final class ClockTrust {
    /** No gate runs before this software existed (the console's clock status uses the same date). */
    static final Instant BUILD_FLOOR = Instant.parse("2025-01-01T00:00:00Z");
    /** How far before the newest record a clock may be before it is not believed (time zones, small steps). */
    static final Duration SLACK = Duration.ofDays(1);

    private final Instant floor;

    ClockTrust(Instant floor) {
        this.floor = floor.isAfter(BUILD_FLOOR) ? floor : BUILD_FLOOR;
    }

    /** The floor from the newest record in the journal (minus {@link #SLACK}), never before the build. */
    static ClockTrust from(Journal journal) {
        try {
            long last = journal.stats().lastSeq();
            List<JournalEntry> newest = last > 0 ? journal.range(last, last, 1) : List.of();
            return new ClockTrust(newest.isEmpty() ? BUILD_FLOOR : newest.get(0).at().minus(SLACK));
        } catch (RuntimeException e) {
            return new ClockTrust(BUILD_FLOOR); // an unreadable journal is the journal's alarm, not the clock's
        }
    }

    /**
     * An exit decided on a clock that cannot be believed: a registration "not valid today" is a
     * judgement of that clock, not of the person, and must not keep a resident inside. Every other
     * check stands (home quarantine needs no clock; the quota only errs towards counting exits).
     */
    static Decision exitWithoutDates(Decision d, String why) {
        if (d.granted() || !d.denialReasons().contains(Reason.REGISTRATION_NOT_VALID)) {
            return d;
        }
        java.util.List<Check> checks = d.checks().stream().map(c -> c.reason() == Reason.REGISTRATION_NOT_VALID && !c.passed()
                ? Check.pass(c.kind(), Reason.REGISTERED, "registration dates not judged (" + c.detail() + "): " + why)
                : c).toList();
        boolean all = checks.stream().allMatch(Check::passed);
        return new Decision(all ? Outcome.GRANTED : Outcome.DENIED, d.direction(), d.at(), checks, d.temperature(),
                d.credential(), d.subject(), d.unit(), d.assistedBy(), d.mode());
    }

    /** Why {@code now} cannot be believed, or empty when it can. */
    Optional<String> untrusted(Instant now) {
        if (now.isBefore(floor)) {
            return Optional.of("the gate's clock reads " + now + ", before " + floor
                    + (floor.equals(BUILD_FLOOR) ? " (this software's release)" : " (its newest record, less a day)")
                    + ": it was not set; waiting for time sync");
        }
        return Optional.empty();
    }
}
