package org.gridgate.passage;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.gridgate.credential.CredentialVerifier;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.DeviceStatus;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;
import org.gridgate.roster.MemoryRoster;
import org.gridgate.roster.Resident;
import org.gridgate.scanner.ScannedCode;
import org.gridgate.signals.GateInput;
import org.gridgate.signals.GateInputs;
import org.gridgate.thermometer.TemperatureReading;
import org.gridgate.thermometer.Thermometer;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the passage state. Devices, timers and the uplink only enqueue events;
 * the loop gathers a passage's inputs, decides when they are complete (or the window ends),
 * commits the decision to the journal and only then drives the lock.
 */
public final class GateLoop implements GateControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GateLoop.class);

    /** What the loop needs; built by the composition root. */
    /** What the loop is built from; {@code policy} is the one in force at start (see {@link #replacePolicy}). */
    public record Parts(Policy policy, CredentialVerifier verifier, Thermometer thermometer, Signals signals,
            GateInputs inputs, Journal journal, Runnable uplinkWake, Pseudonyms pseudonyms, PassageHistory history,
            Clock clock, Scheduler scheduler) {}

    private final Parts p;
    private final BlockingQueue<GateEvent> queue = new LinkedBlockingQueue<>();
    private final MemoryRoster roster = new MemoryRoster();
    private final List<GateObserver> observers = new CopyOnWriteArrayList<>();
    private final AtomicLong turns = new AtomicLong();
    private final GateState state = new GateState();
    private final Passages passages;
    private final DoorMonitor door;
    private final Thread thread;
    private final Recording recording = new Recording();
    private final ClockTrust clockTrust;
    private volatile boolean running = true;

    public GateLoop(Parts parts) {
        this.p = parts;
        state.policy = parts.policy();
        this.passages = new Passages(parts, roster, state, this::commit, this::enqueue);
        this.door = new DoorMonitor(parts, () -> state.policy, this::submit,
                (code, detail) -> alarm(code, Map.of("alarm", code, "detail", detail)));
        this.clockTrust = ClockTrust.from(parts.journal());
        this.thread = Thread.ofPlatform().name("gate-loop").daemon(true).unstarted(this::run);
    }

    public void addObserver(GateObserver o) {
        observers.add(o);
    }

    /** Starts the devices and the loop thread. */
    public void start() {
        p.signals().lock().secure();
        p.signals().lights().show(org.gridgate.signals.Lights.Indication.IDLE);
        thread.start();
        p.inputs().start(i -> enqueue(new GateEvent.Input(i)));
        p.thermometer().start(listener(GateEvent.Reading::new));
    }

    /** A device listener that feeds this loop; scanners are started with it by the composition root. */
    public DeviceListener<ScannedCode> scannerListener() {
        return listener(GateEvent.Scan::new);
    }

    /** A device listener for input devices started outside the loop (the serial mask detector). */
    public DeviceListener<org.gridgate.signals.GateInput> inputListener() {
        return listener(GateEvent.Input::new);
    }

    private <T> DeviceListener<T> listener(java.util.function.Function<T, GateEvent> wrap) {
        return new DeviceListener<>() {
            @Override
            public void accept(T value) {
                enqueue(wrap.apply(value));
            }

            @Override
            public void status(DeviceStatus status) {
                enqueue(new GateEvent.Device(status));
            }
        };
    }

    /** Puts a new policy in force (a config reload), on the loop thread after what is queued. */
    public void replacePolicy(Policy policy) {
        submit(() -> state.policy = policy);
    }

    public void replaceRoster(List<Resident> entries) {
        enqueue(new GateEvent.RosterReplaced(entries));
    }

    /** Runs {@code action} on the loop thread, after everything queued before it. */
    public void submit(Runnable action) {
        enqueue(new GateEvent.Task(action));
    }

    /** Roster entries of one unit, for a volunteer's assisted pass; read-only, callable from any thread. */
    public List<Resident> residentsOfUnit(String unit) {
        return roster.inUnit(unit);
    }

    public int rosterSize() {
        return roster.size();
    }

    /** Increases every time the loop turns (at least once a second when idle): the watchdog's pulse. */
    public long turns() {
        return turns.get();
    }

    private void enqueue(GateEvent e) {
        queue.add(e);
    }

    private void run() {
        while (running) {
            try {
                GateEvent e = queue.poll(500, TimeUnit.MILLISECONDS);
                turns.incrementAndGet();
                if (e != null) {
                    handle(e);
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                // A bug must not leave the gate half-open: back to a known state, keep turning.
                LOG.error("gate loop: event failed; lock to safe state", ex);
                p.signals().lock().toSafeState();
                p.signals().lock().secure();
            }
        }
    }

    private void handle(GateEvent e) {
        switch (e) {
            case GateEvent.Scan s -> passages.scanned(s.code());
            case GateEvent.Reading r -> passages.reading(r.reading());
            case GateEvent.Input i -> input(i.input());
            case GateEvent.Device d -> device(d.status());
            case GateEvent.WindowEnded w -> passages.windowEnded(w.passage());
            case GateEvent.RosterReplaced r -> {
                roster.replace(r.entries());
                LOG.info("roster replaced: {} entries", r.entries().size());
                observers.forEach(o -> o.rosterReplaced(r.entries().size()));
            }
            case GateEvent.Task t -> t.action().run();
        }
    }

    private void input(GateInput in) {
        switch (in.kind()) {
            case EXIT_REQUEST -> {
                if (in.asserted()) {
                    // Egress first, record after: a full disk must never keep anyone inside.
                    p.signals().lock().release(state.policy.lockRelease());
                    door.released();
                    record(RecordKind.EVENT, Map.of("event", "exit_button"));
                }
            }
            case MASK_PRESENT -> passages.mask(in.asserted());
            case DOOR_OPEN -> {
                door.changed(in.asserted(), state.mode);
                record(RecordKind.EVENT, Map.of("event", in.asserted() ? "door_opened" : "door_closed"));
            }
        }
    }

    @Override
    public void manualOpen(String actor, String reason) {
        if (actor == null || actor.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a manual open needs who and why");
        }
        submit(() -> {
            // Open first: a volunteer opening by hand is usually letting someone out or help in.
            p.signals().lock().release(state.policy.lockRelease());
            door.released();
            record(RecordKind.EVENT, Map.of("event", "manual_open", "actor", actor, "reason", reason));
        });
    }

    @Override
    public void setMode(String actor, GateMode mode) {
        submit(() -> {
            GateMode before = state.mode;
            state.mode = mode;
            if (mode == GateMode.EMERGENCY_EGRESS) {
                p.signals().lock().holdReleased();
            } else if (before == GateMode.EMERGENCY_EGRESS) {
                p.signals().lock().secure();
            }
            record(RecordKind.EVENT, Map.of("event", "mode_changed", "actor", actor,
                    "from", PassageRecords.lower(before), "to", PassageRecords.lower(mode)));
            LOG.info("mode {} -> {}", before, mode);
        });
    }

    @Override
    public void assistedPass(String volunteer, String subject, Direction direction) {
        if (!state.policy.movement().assistedPass()) {
            throw new IllegalStateException("assisted pass is disabled by policy");
        }
        submit(() -> passages.assisted(new PassageInputs.Assisted(volunteer, subject), direction));
    }

    @Override
    public void confirmMask(String volunteer) {
        if (!state.policy.movement().maskConfirmByVolunteer()) {
            throw new IllegalStateException("confirming a mask by hand is disabled by policy");
        }
        submit(() -> {
            passages.maskConfirmed();
            record(RecordKind.EVENT, Map.of("event", "mask_confirmed", "actor", volunteer));
        });
    }

    @Override
    public void acknowledgeAlarm(String volunteer, long alarmSeq) {
        submit(() -> {
            if (state.openAlarms.remove(alarmSeq) != null) {
                record(RecordKind.EVENT, Map.of("event", "alarm_acknowledged", "actor", volunteer, "alarmSeq", alarmSeq));
            }
        });
    }

    @Override
    public GateSnapshot snapshot() {
        java.util.concurrent.CompletableFuture<GateSnapshot> f = new java.util.concurrent.CompletableFuture<>();
        submit(() -> f.complete(new GateSnapshot(p.clock().instant(), state.mode, state.devices, roster.size(),
                passages.inProgress(), state.openAlarms, degraded())));
        try {
            return f.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("gate loop did not answer within 2 s", e);
        }
    }

    /** Raises an alarm found outside the loop (storage): journaled, open until acknowledged, shown live. */
    public void raiseAlarm(String code, Map<String, Object> body) {
        submit(() -> alarm(code, body));
    }

    private void alarm(String code, Map<String, Object> body) {
        JournalEntry entry = record(RecordKind.ALARM, body);
        if (entry != null) {
            state.openAlarms.put(entry.seq(), code);
            observers.forEach(o -> o.alarm(code, entry));
        }
    }

    private void device(DeviceStatus s) {
        state.devices.put(s.deviceId(), s);
        if (s.deviceId().equals(p.thermometer().id())) {
            passages.thermometerOnline(s.isOk());
        }
        if (!s.isOk()) {
            alarm("device_fault", Map.of("alarm", "device_fault", "device", s.deviceId(), "detail", s.reason()));
        }
        observers.forEach(o -> o.device(s));
    }

    /** Commits a decision, then acts on it. Returns false when it could not be recorded. */
    private boolean commit(Decision decided) {
        java.util.Optional<String> clockWrong = decided.outcome() != Outcome.INCOMPLETE
                ? clockTrust.untrusted(p.clock().instant()) : java.util.Optional.empty();
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
            p.signals().lights().show(org.gridgate.signals.Lights.Indication.GRANTED); // lock is held open already
        } else if (d.granted()) {
            p.signals().granted(state.policy.lockRelease());
            door.released();
        } else if (d.outcome() == Outcome.INCOMPLETE) {
            p.signals().lights().show(org.gridgate.signals.Lights.Indication.IDLE); // they walked away
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
            String household = roster.find(d.subject().get()).map(org.gridgate.roster.Resident::household).orElse("");
            p.history().granted(d.subject().get(), household, d.direction(), d.at());
        }
        if (d.granted() && d.assistedBy().isEmpty()) {
            d.credential().ifPresent(c -> p.history().granted(Movements.passKey(c.passId()), "", d.direction(), d.at()));
        }
        recovered();
        return true;
    }

    private JournalEntry record(RecordKind kind, Map<String, Object> body) {
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
            p.signals().lights().show(org.gridgate.signals.Lights.Indication.IDLE);
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

    private java.util.List<String> degraded() {
        java.util.List<String> out = new java.util.ArrayList<>(recording.degraded());
        clockTrust.untrusted(p.clock().instant()).ifPresent(why -> out.add("clock not set: " + why));
        return out;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.signals().lock().toSafeState();
    }
}
