package org.gridgate.passage;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.gridgate.credential.Verification;
import org.gridgate.roster.Roster;
import org.gridgate.scanner.ScannedCode;
import org.gridgate.thermometer.TemperatureReading;
import org.gridgate.timing.Scheduler;

/**
 * The state of the passage in progress, owned by the gate loop thread. A passage starts with a
 * scanned code, gathers a temperature reading taken after it started and the mask signal, and is
 * decided as soon as its inputs are complete or when its window ends.
 */
final class Passages {
    /** Between "nobody in front of the sensor" and asking the thermometer again. */
    static final Duration REMEASURE_DELAY = Duration.ofMillis(250);

    private final GateLoop.Parts p;
    private final Roster roster;
    private final Predicate<Decision> commit;
    private final Consumer<GateEvent> enqueue;
    private PassageInputs current;
    private long currentId;
    private Scheduler.Cancellable window;
    private boolean maskLevel;
    private boolean thermometerOnline = true;
    private boolean maskGraceStarted;
    private final Consumer<Progress> progress;
    private Progress.Stage shown;

    private final GateState state;

    Passages(GateLoop.Parts parts, Roster roster, GateState state, Predicate<Decision> commit,
            Consumer<GateEvent> enqueue, Consumer<Progress> progress) {
        this.p = parts;
        this.progress = progress;
        this.state = state;
        this.roster = roster;
        this.commit = commit;
        this.enqueue = enqueue;
    }

    void scanned(ScannedCode code) {
        Instant now = p.clock().instant();
        if (current != null && current.direction() != code.direction()) {
            decide(); // the other direction's passage ends here, with what it had
        }
        if (current == null) {
            // Asks the thermometer first: its answer travels over the line while the signature is checked
            // (a GY-MCU90614 exchange is 12.5 ms at 9600 baud, a P-256 verification a few ms on a Pi).
            begin(code.direction(), now);
        }
        Verification v = p.verifier().verify(code.text(), now);
        current = current.withCredential(v);
        show(Progress.Stage.CODE_READ);
        tryDecide();
    }

    /** A volunteer vouches for {@code subject}; temperature and mask are still measured. */
    void assisted(PassageInputs.Assisted assisted, Direction direction) {
        Instant now = p.clock().instant();
        if (current != null) {
            decide(); // whoever was at the gate before is decided with what they had
        }
        begin(direction, now);
        current = current.withAssisted(assisted);
        show(Progress.Stage.CODE_READ);
        tryDecide();
    }

    boolean inProgress() {
        return current != null;
    }

    private void begin(Direction direction, Instant now) {
        current = PassageInputs.start(direction, now, thermometerOnline);
        maskGraceStarted = false;
        shown = null;
        if (maskLevel) {
            current = current.withMask(true);
        }
        long id = ++currentId;
        window = p.scheduler().schedule(state.policy.passageWindow(), () -> enqueue.accept(new GateEvent.WindowEnded(id)));
        p.signals().waiting();
        p.thermometer().requestReading();
    }

    void reading(TemperatureReading r) {
        if (current == null || r.at().isBefore(current.startedAt())) {
            return; // nobody is passing, or the reading is of whoever was there before
        }
        if (state.policy.plausibleSkin(r.objectC())) {
            current = current.withReading(r);
            if (shown == Progress.Stage.STEP_CLOSER) {
                shown = Progress.Stage.CODE_READ; // someone is there now: back to "measuring" if more is needed
            }
            if (Temperatures.wantsAnother(Rules.usableReadings(current, state.policy, r.at()), state.policy)) {
                remeasureLater(); // at or over the threshold: measure again, the median decides
            }
            tryDecide();
        } else if (Rules.usableReadings(current, state.policy, r.at()).isEmpty()) {
            p.signals().prompt(); // "step closer"
            show(Progress.Stage.STEP_CLOSER);
            remeasureLater();
        }
    }

    private void remeasureLater() {
        long id = currentId;
        p.scheduler().schedule(REMEASURE_DELAY, () -> enqueue.accept(new GateEvent.Task(() -> {
            if (current != null && currentId == id) {
                p.thermometer().requestReading();
            }
        })));
    }

    /** A volunteer confirmed the mask by hand: counts for the passage in progress only. */
    void maskConfirmed() {
        if (current != null) {
            current = current.withMask(true);
            tryDecide();
        }
    }

    void mask(boolean asserted) {
        maskLevel = asserted;
        if (current != null && asserted) {
            current = current.withMask(true);
            tryDecide();
        }
    }

    void thermometerOnline(boolean online) {
        thermometerOnline = online;
        if (current != null) {
            current = current.withThermometerOnline(online);
            tryDecide();
        }
    }

    void windowEnded(long passage) {
        if (current != null && passage == currentId) {
            decide(true);
        }
    }

    private void tryDecide() {
        Instant now = p.clock().instant();
        if (Rules.complete(current, state.policy, now)) {
            decide();
            return;
        }
        if (current.direction() == Direction.ENTRY && current.thermometerOnline()
                && !Temperatures.settled(Rules.usableReadings(current, state.policy, now), state.policy)
                && shown != Progress.Stage.STEP_CLOSER) {
            show(Progress.Stage.MEASURING);
        }
        if (!maskGraceStarted && Rules.waitingOnlyForMask(current, state.policy, now)) {
            maskGraceStarted = true;
            p.signals().prompt(); // "please wear your mask"
            show(Progress.Stage.WEAR_MASK);
            long id = currentId;
            p.scheduler().schedule(state.policy.maskGrace(), () -> enqueue.accept(new GateEvent.WindowEnded(id)));
        }
    }

    /** Tells the observers once per change of stage; the decision ends the passage's stages. */
    private void show(Progress.Stage stage) {
        if (stage != shown) {
            shown = stage;
            progress.accept(new Progress(stage, current.direction(), p.clock().instant()));
        }
    }

    private void decide() {
        decide(false);
    }

    private void decide(boolean windowEnded) {
        Decision d = Rules.decide(current, roster, p.history(), state.policy, state.mode, p.clock().instant(),
                windowEnded);
        current = null;
        if (window != null) {
            window.cancel();
            window = null;
        }
        commit.test(d);
    }
}
