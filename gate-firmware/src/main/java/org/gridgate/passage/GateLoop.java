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
 * commits the decision to the journal and only then drives the lock. The passage itself is
 * {@link Passages}'s, the door's watch {@link DoorMonitor}'s, and committing and acting on what is
 * decided {@link Committer}'s; the loop owns the thread, the queue and the volunteer's commands.
 */
public final class GateLoop implements GateControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GateLoop.class);

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
    private final Committer committer;
    private volatile boolean running = true;

    public GateLoop(Parts parts) {
        this.p = parts;
        state.policy = parts.policy();
        this.door = new DoorMonitor(parts, () -> state.policy, this::submit,
                (code, detail) -> alarm(code, Map.of("alarm", code, "detail", detail)));
        this.committer = new Committer(parts, state, roster, door, observers);
        this.passages = new Passages(parts, roster, state, committer::decided, this::enqueue,
                pr -> observers.forEach(o -> o.progressed(pr)));
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
                    committer.record(RecordKind.EVENT, Map.of("event", "exit_button"));
                }
            }
            case MASK_PRESENT -> passages.mask(in.asserted());
            case DOOR_OPEN -> {
                door.changed(in.asserted(), state.mode);
                committer.record(RecordKind.EVENT, Map.of("event", in.asserted() ? "door_opened" : "door_closed"));
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
            committer.record(RecordKind.EVENT, Map.of("event", "manual_open", "actor", actor, "reason", reason));
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
            committer.record(RecordKind.EVENT, Map.of("event", "mode_changed", "actor", actor,
                    "from", PassageRecords.lower(before), "to", PassageRecords.lower(mode)));
            LOG.info("mode {} -> {}", before, mode);
            observers.forEach(o -> o.modeChanged(mode));
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
            committer.record(RecordKind.EVENT, Map.of("event", "mask_confirmed", "actor", volunteer));
        });
    }

    @Override
    public void acknowledgeAlarm(String volunteer, long alarmSeq) {
        submit(() -> {
            if (state.openAlarms.remove(alarmSeq) != null) {
                committer.record(RecordKind.EVENT,
                        Map.of("event", "alarm_acknowledged", "actor", volunteer, "alarmSeq", alarmSeq));
            }
        });
    }

    @Override
    public GateSnapshot snapshot() {
        java.util.concurrent.CompletableFuture<GateSnapshot> f = new java.util.concurrent.CompletableFuture<>();
        submit(() -> f.complete(new GateSnapshot(p.clock().instant(), state.mode, state.devices, roster.size(),
                passages.inProgress(), state.openAlarms, committer.degraded())));
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
        committer.alarm(code, body);
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
