package org.gridgate.resident;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridgate.passage.Direction;
import org.gridgate.device.DeviceStatus;
import org.gridgate.journal.JournalEntry;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.GateObserver;
import org.gridgate.passage.Outcome;
import org.gridgate.passage.Progress;
import org.gridgate.passage.Reason;
import org.gridgate.timing.Scheduler;

/**
 * The one resident-facing event stream: turns what the gate loop reports into {@link ResidentView}s
 * and hands each to every output (display, LCD, voice). Called on the gate loop, it only computes a
 * small record and swaps it into each output's slot; it returns to the resting screen by itself.
 */
public final class ResidentStream implements GateObserver, AutoCloseable {
    /** A passage always ends in a decision; this only covers a passage the gate never decides. */
    static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(45);

    private final Clock clock;
    private final Scheduler scheduler;
    private final Duration idleAfter;
    private final Set<String> ownDevices;
    private final List<Handoff> outputs = new CopyOnWriteArrayList<>();
    private final Set<String> faulted = new HashSet<>();
    private GateMode mode = GateMode.NORMAL;
    private boolean notRecording;
    private long seq;
    private ResidentView current;
    private Scheduler.Cancellable timer;

    /**
     * @param idleAfter how long an answer stays up before the resting screen returns
     * @param ownDevices ids of the resident outputs' own devices (sound card, LCD): their faults go to
     *     the volunteer, not onto the resident's screen
     */
    public ResidentStream(Clock clock, Scheduler scheduler, Duration idleAfter, Set<String> ownDevices) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.idleAfter = idleAfter;
        this.ownDevices = Set.copyOf(ownDevices);
        this.current = view(restingScreen(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    /** Adds an output; it is shown the current view at once. */
    public void attach(String name, ResidentSink sink) {
        Handoff h = new Handoff(name, sink);
        outputs.add(h);
        synchronized (this) {
            h.offer(current);
        }
    }

    public synchronized ResidentView current() {
        return current;
    }

    @Override
    public synchronized void decided(Decision d, JournalEntry entry, String masked) {
        notRecording = false;
        Screen screen = d.granted() ? Screen.GRANTED : d.outcome() == Outcome.INCOMPLETE ? Screen.INCOMPLETE
                : d.fever() ? Screen.FEVER : Screen.DENIED;
        List<ResidentView.Item> items = new ArrayList<>();
        if (screen == Screen.DENIED || screen == Screen.FEVER) {
            for (Reason r : d.denialReasons()) {
                items.add(new ResidentView.Item(NextSteps.reason(r), NextSteps.of(r)));
            }
        }
        Optional<Double> temperature = d.direction() == Direction.ENTRY
                ? d.temperature().map(t -> t.bodyC()) : Optional.empty();
        Optional<String> shown = masked == null || masked.equals("-") ? Optional.empty() : Optional.of(masked);
        publish(view(screen, Optional.of(d.direction()), items, temperature, shown), idleAfter);
    }

    @Override
    public synchronized void progressed(Progress p) {
        Screen screen = switch (p.stage()) {
            case CODE_READ -> Screen.CODE_READ;
            case MEASURING -> Screen.MEASURING;
            case STEP_CLOSER -> Screen.STEP_CLOSER;
            case WEAR_MASK -> Screen.WEAR_MASK;
        };
        publish(view(screen, Optional.of(p.direction()), List.of(), Optional.empty(), Optional.empty()),
                PROGRESS_TIMEOUT);
    }

    @Override
    public synchronized void modeChanged(GateMode mode) {
        this.mode = mode;
        restIfResting();
    }

    @Override
    public synchronized void device(DeviceStatus status) {
        if (ownDevices.contains(status.deviceId())) {
            return;
        }
        boolean changed = status.isOk() ? faulted.remove(status.deviceId()) : faulted.add(status.deviceId());
        if (changed) {
            restIfResting();
        }
    }

    @Override
    public synchronized void notRecorded(Decision d, String masked) {
        notRecording = true;
        if (d.granted()) {
            // An exit let out unrecorded (egress never waits on the card): the person sees "please pass".
            publish(view(Screen.GRANTED, Optional.of(d.direction()), List.of(), Optional.empty(), Optional.empty()),
                    idleAfter);
            return;
        }
        publish(view(Screen.GATE_CLOSED, Optional.of(d.direction()), List.of(), Optional.empty(), Optional.empty()),
                null);
    }

    private void restIfResting() {
        if (current.screen().resting()) {
            publish(view(restingScreen(), Optional.empty(), List.of(), Optional.empty(), Optional.empty()), null);
        }
    }

    /** The screen between passages: emergency first (people must leave), then what stops everyone. */
    private Screen restingScreen() {
        if (mode == GateMode.EMERGENCY_EGRESS) {
            return Screen.EMERGENCY;
        }
        if (notRecording) {
            return Screen.GATE_CLOSED;
        }
        if (!faulted.isEmpty()) {
            return Screen.DEVICE_FAULT;
        }
        return switch (mode) {
            case LOCKDOWN -> Screen.LOCKDOWN;
            case MAINTENANCE -> Screen.EXIT_ONLY;
            case NORMAL, EMERGENCY_EGRESS -> Screen.IDLE;
        };
    }

    private ResidentView view(Screen screen, Optional<Direction> direction, List<ResidentView.Item> items,
            Optional<Double> temperature, Optional<String> masked) {
        return new ResidentView(++seq, screen, clock.instant(), direction, items, temperature, masked);
    }

    /** Shows {@code v} everywhere; with {@code holdFor}, the resting screen comes back after it. */
    private void publish(ResidentView v, Duration holdFor) {
        current = v;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (holdFor != null) {
            long shown = v.seq();
            timer = scheduler.schedule(holdFor, () -> backToRest(shown));
        }
        for (Handoff h : outputs) {
            h.offer(v);
        }
    }

    private synchronized void backToRest(long shown) {
        if (current.seq() == shown) {
            publish(view(restingScreen(), Optional.empty(), List.of(), Optional.empty(), Optional.empty()), null);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (timer != null) {
                timer.cancel();
            }
        }
        outputs.forEach(Handoff::close);
        outputs.clear();
    }
}
