package org.gridgate.passage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;
import org.gridgate.roster.Resident;
import org.gridgate.roster.Roster;
import org.gridgate.signals.Lights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits what the gate loop decides and notices to the journal, and acts on a decision only once it
 * is committed: the lock and lights, the uplink's wake, the observers, the alarms it raises and the
 * movement history. When the journal refuses, an exit is let out all the same and an entry is denied;
 * the outage is counted ({@link Recording}) and told once records commit again. Runs on the loop thread.
 */
final class Committer {
    /** Under the loop's name, as before the split: the log lines stay the same. */
    private static final Logger LOG = LoggerFactory.getLogger(GateLoop.class);

    private final GateLoop.Parts p;
    private final GateState state;
    private final Roster roster;
    private final DoorMonitor door;
    private final List<GateObserver> observers;
    private final ClockTrust clockTrust;
    private final Recording recording = new Recording();

    Committer(GateLoop.Parts parts, GateState state, Roster roster, DoorMonitor door, List<GateObserver> observers) {
        this.p = parts;
        this.state = state;
        this.roster = roster;
        this.door = door;
        this.observers = observers;
        this.clockTrust = ClockTrust.from(parts.journal());
    }

    /** Commits a decision, then acts on it. Returns false when it could not be recorded. */
    boolean decided(Decision decided) {
        Optional<String> clockWrong = decided.outcome() != Outcome.INCOMPLETE
                ? clockTrust.untrusted(p.clock().instant()) : Optional.empty();
        boolean entering = decided.direction() == Direction.ENTRY;
        Decision d = clockWrong.map(why -> entering ? decided.deniedFor(Check.fail(Check.Kind.GATE, Reason.CLOCK_NOT_SET, why))
                : ClockTrust.exitWithoutDates(decided, why)).orElse(decided);
        JournalEntry entry;
        try {
            entry = p.journal().append(RecordKind.PASSAGE, d.at(), PassageRecords.body(d, p.pseudonyms()));
        } catch (JournalException e) {
            notRecorded(d, e);
            return false;
        }
        if (d.granted() && state.mode == GateMode.EMERGENCY_EGRESS) {
            p.signals().lights().show(Lights.Indication.GRANTED); // lock is held open already
        } else if (d.granted()) {
            p.signals().granted(state.policy.lockRelease());
            door.released();
        } else if (d.outcome() == Outcome.INCOMPLETE) {
            p.signals().lights().show(Lights.Indication.IDLE); // they walked away
        } else {
            p.signals().denied(d.fever());
        }
        p.uplinkWake().run();
        String masked = d.subject().map(p.pseudonyms()::mask).orElse("-");
        observers.forEach(o -> o.decided(d, entry, masked));
        if (d.fever()) {
            alarm("fever", Map.of("alarm", "fever", "passageSeq", entry.seq()));
        }
        if (d.denialReasons().contains(Reason.QUARANTINE_EXIT)) {
            alarm("quarantine_exit_attempt", Map.of("alarm", "quarantine_exit_attempt", "passageSeq", entry.seq()));
        }
        if (d.granted() && d.subject().isPresent()) {
            String household = roster.find(d.subject().get()).map(Resident::household).orElse("");
            p.history().granted(d.subject().get(), household, d.direction(), d.at());
        }
        if (d.granted() && d.assistedBy().isEmpty()) {
            d.credential().ifPresent(c -> p.history().granted(Movements.passKey(c.passId()), "", d.direction(), d.at()));
        }
        recovered();
        return true;
    }

    /** Journals an event or an alarm; null when the journal refused it (counted for the outage alarm). */
    JournalEntry record(RecordKind kind, Map<String, Object> body) {
        try {
            JournalEntry e = p.journal().append(kind, p.clock().instant(), body);
            p.uplinkWake().run();
            recovered();
            return e;
        } catch (JournalException ex) {
            LOG.error("journal commit failed for a {} record: {}", kind, ex.getMessage());
            recording.recordFailed(p.clock().instant(), ex.getMessage());
            return null;
        }
    }

    /** Journals an alarm, keeps it open until acknowledged and shows it live. */
    void alarm(String code, Map<String, Object> body) {
        JournalEntry entry = record(RecordKind.ALARM, body);
        if (entry != null) {
            state.openAlarms.put(entry.seq(), code);
            observers.forEach(o -> o.alarm(code, entry));
        }
    }

    /** Why the gate is not fully trustworthy now: records not committing, the clock not set. */
    List<String> degraded() {
        List<String> out = new ArrayList<>(recording.degraded());
        clockTrust.untrusted(p.clock().instant()).ifPresent(why -> out.add("clock not set: " + why));
        return out;
    }

    /**
     * The journal refused the decision: an exit is let out all the same (egress is never the gate's to
     * refuse), an entry is denied with {@link Reason#CANNOT_RECORD}; both are counted for the alarm
     * journaled once records commit again.
     */
    private void notRecorded(Decision d, JournalException e) {
        boolean egress = d.granted() && d.direction() == Direction.EXIT;
        if (!recording.failing()) {
            LOG.error("journal commit failed: {}; entries denied until records commit again", e.getMessage());
        }
        recording.passageFailed(p.clock().instant(), e.getMessage(), egress);
        Decision done = egress || d.outcome() == Outcome.INCOMPLETE ? d
                : d.deniedFor(Check.fail(Check.Kind.GATE, Reason.CANNOT_RECORD, "the journal is not taking records"));
        if (egress) {
            p.signals().granted(state.policy.lockRelease());
            door.released();
        } else if (d.outcome() == Outcome.INCOMPLETE) {
            p.signals().lights().show(Lights.Indication.IDLE);
        } else {
            p.signals().denied(false);
        }
        String masked = done.subject().map(p.pseudonyms()::mask).orElse("-");
        observers.forEach(o -> o.notRecorded(done, masked));
    }

    /** After an outage of the journal, the first record that commits is followed by the alarm telling of it. */
    private void recovered() {
        if (recording.failing()) {
            alarm("cannot_record", recording.recovered(p.clock().instant()));
        }
    }
}
