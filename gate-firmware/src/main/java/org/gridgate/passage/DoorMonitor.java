package org.gridgate.passage;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.gridgate.signals.Buzzer;
import org.gridgate.timing.Scheduler;

/**
 * Watches the door contact. Opened while the lock was shut and nobody asked to leave: forced open.
 * Opened after a release but left open: a warning beep at the pre-alarm time, the held-open alarm
 * at the limit. Closing the door ends both. Owned by the gate loop thread; its timers post back to
 * the loop.
 */
final class DoorMonitor {
    private final GateLoop.Parts p;
    private final Consumer<Runnable> onLoop;
    private final BiConsumer<String, String> alarm;
    private final java.util.function.Supplier<Policy> policy;
    private Instant lastRelease = Instant.MIN;
    private boolean open;
    private boolean sounding;
    private long openings;

    /** @param alarm raises an alarm: (code, detail) */
    DoorMonitor(GateLoop.Parts parts, java.util.function.Supplier<Policy> policy, Consumer<Runnable> onLoop,
            BiConsumer<String, String> alarm) {
        this.p = parts;
        this.policy = policy;
        this.onLoop = onLoop;
        this.alarm = alarm;
    }

    /** The lock was released (grant, exit button, manual open): the door may open now. */
    void released() {
        lastRelease = p.clock().instant();
    }

    void changed(boolean nowOpen, GateMode mode) {
        if (nowOpen == open) {
            return;
        }
        open = nowOpen;
        long opening = ++openings;
        if (!nowOpen) {
            if (sounding) {
                p.signals().buzzer().silence();
                sounding = false;
            }
            return;
        }
        Instant now = p.clock().instant();
        boolean allowed = mode == GateMode.EMERGENCY_EGRESS || p.signals().lock().isReleased()
                || !lastRelease.isBefore(now.minus(policy.get().lockRelease()));
        if (!allowed) {
            sound();
            alarm.accept("door_forced_open", "opened while locked, without a release or exit request");
            return;
        }
        Policy.Movement m = policy.get().movement();
        later(m.doorPreAlarm(), opening, () -> p.signals().buzzer().play(Buzzer.Pattern.PROMPT));
        later(m.doorHeldOpen(), opening, () -> {
            sound();
            alarm.accept("door_held_open", "open longer than " + m.doorHeldOpen().toSeconds() + " s");
        });
    }

    private void sound() {
        sounding = true;
        p.signals().buzzer().play(Buzzer.Pattern.DOOR_ALARM);
    }

    /** Runs {@code action} after {@code delay} if the door is still open from the same opening. */
    private void later(Duration delay, long opening, Runnable action) {
        p.scheduler().schedule(delay, () -> onLoop.accept(() -> {
            if (open && openings == opening) {
                action.run();
            }
        }));
    }
}
