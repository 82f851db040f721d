package org.gridgate.signals.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridgate.config.GpioConfig;
import org.gridgate.config.GpioConfig.SafeState;
import org.gridgate.signals.Buzzer;
import org.gridgate.signals.GateInput;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpioSignalsTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final Context ctx = Pi4jContexts.create(GpioConfig.Provider.MOCK);

    @AfterEach
    void shutdown() {
        ctx.shutdown();
    }

    DigitalState pin(String id) {
        return ((DigitalOutput) ctx.registry().get(id)).state();
    }

    @Test
    void activeLowFailSecureLockStartsLockedWithThePinHigh() {
        GpioLock lock = new GpioLock(ctx, new GpioConfig.Lock(17, true, SafeState.LOCKED), scheduler);
        assertFalse(lock.isReleased());
        assertEquals(DigitalState.HIGH, pin("lock"), "active-low relay de-energised = pin high");
    }

    @Test
    void failSafeLockStartsReleased() {
        GpioLock lock = new GpioLock(ctx, new GpioConfig.Lock(17, false, SafeState.RELEASED), scheduler);
        assertTrue(lock.isReleased());
        assertEquals(DigitalState.HIGH, pin("lock"));
        lock.secure();
        assertEquals(DigitalState.LOW, pin("lock"));
        lock.close();
        assertEquals(DigitalState.HIGH, pin("lock"), "closing returns to the safe state");
    }

    @Test
    void releaseLastsItsDurationAndANewReleaseExtendsIt() {
        GpioLock lock = new GpioLock(ctx, new GpioConfig.Lock(17, true, SafeState.LOCKED), scheduler);
        lock.release(Duration.ofSeconds(5));
        assertEquals(DigitalState.LOW, pin("lock"));
        scheduler.advance(Duration.ofSeconds(3));
        lock.release(Duration.ofSeconds(5));
        scheduler.advance(Duration.ofMillis(4999));
        assertTrue(lock.isReleased(), "the second release runs 5 s from its own start");
        scheduler.advance(Duration.ofMillis(1));
        assertFalse(lock.isReleased());
        assertEquals(DigitalState.HIGH, pin("lock"));
    }

    @Test
    void safeStateCancelsAPendingRelease() {
        GpioLock lock = new GpioLock(ctx, new GpioConfig.Lock(17, false, SafeState.LOCKED), scheduler);
        lock.release(Duration.ofSeconds(5));
        lock.toSafeState();
        assertFalse(lock.isReleased());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void buzzerPatternsSwitchTheOutputOnTheSchedule() {
        GpioBuzzer buzzer = new GpioBuzzer(ctx, GpioConfig.Buzzer.active(27, false), scheduler);
        buzzer.play(Buzzer.Pattern.DENIED); // 120 on, 100 off, 120 on
        assertEquals(DigitalState.HIGH, pin("buzzer"));
        scheduler.advance(Duration.ofMillis(120));
        assertEquals(DigitalState.LOW, pin("buzzer"));
        scheduler.advance(Duration.ofMillis(100));
        assertEquals(DigitalState.HIGH, pin("buzzer"));
        scheduler.advance(Duration.ofMillis(120));
        assertEquals(DigitalState.LOW, pin("buzzer"));
    }

    @Test
    void passiveBuzzerSoundsATonePatternOnThePwmChannel() {
        GpioBuzzer buzzer = new GpioBuzzer(ctx, new GpioConfig.Buzzer(18, false,
                Optional.of(new GpioConfig.Tone(2700, 0))), scheduler);
        com.pi4j.io.pwm.Pwm pwm = ctx.registry().get(GpioBuzzer.IO_ID);
        assertFalse(pwm.isOn(), "silent until a pattern plays");
        buzzer.play(Buzzer.Pattern.DENIED); // 120 on, 100 off, 120 on
        assertTrue(pwm.isOn());
        assertEquals(2700, pwm.frequency());
        assertEquals(50.0, pwm.dutyCycle(), 0.001);
        scheduler.advance(Duration.ofMillis(120));
        assertFalse(pwm.isOn());
        scheduler.advance(Duration.ofMillis(100));
        assertTrue(pwm.isOn());
        buzzer.silence();
        assertFalse(pwm.isOn());
        scheduler.advance(Duration.ofSeconds(1));
        assertFalse(pwm.isOn(), "the cancelled pattern does not come back");
    }

    @Test
    void silenceStopsAPatternMidway() {
        GpioBuzzer buzzer = new GpioBuzzer(ctx, GpioConfig.Buzzer.active(27, false), scheduler);
        buzzer.play(Buzzer.Pattern.FEVER_ALARM);
        buzzer.silence();
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(DigitalState.LOW, pin("buzzer"));
    }

    GpioConfig inputs(int debounceMs) {
        return new GpioConfig(GpioConfig.Provider.MOCK, new GpioConfig.Lock(17, true, SafeState.LOCKED),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new GpioConfig.Input(5, true, debounceMs)), Optional.of(new GpioConfig.Input(6, true, debounceMs)),
                Optional.of(new GpioConfig.Input(13, false, 0)), 0);
    }

    @Test
    void inputCountsOnlyAfterHoldingForTheDebounceTime() {
        GpioInputs in = new GpioInputs(ctx, inputs(30), clock, scheduler);
        List<GateInput> events = new ArrayList<>();
        in.start(events::add);
        MockDigitalInput door = (MockDigitalInput) ctx.registry().get("door");
        door.mockState(DigitalState.HIGH); // pulled up: the idle level of an active-low input
        scheduler.advance(Duration.ofMillis(50));
        events.clear();

        door.mockState(DigitalState.LOW); // contact opens -> asserted
        scheduler.advance(Duration.ofMillis(10));
        door.mockState(DigitalState.HIGH); // bounce
        scheduler.advance(Duration.ofMillis(10));
        door.mockState(DigitalState.LOW);
        scheduler.advance(Duration.ofMillis(29));
        assertTrue(events.isEmpty(), "not yet stable for 30 ms");
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(1, events.size());
        assertEquals(new GateInput(GateInput.Kind.DOOR_OPEN, true, clock.instant()), events.get(0));
        assertTrue(in.isAsserted(GateInput.Kind.DOOR_OPEN));
    }

    @Test
    void aGlitchShorterThanTheDebounceIsIgnored() {
        GpioInputs in = new GpioInputs(ctx, inputs(30), clock, scheduler);
        List<GateInput> events = new ArrayList<>();
        MockDigitalInput exit = (MockDigitalInput) ctx.registry().get("exit-button");
        exit.mockState(DigitalState.HIGH);
        scheduler.advance(Duration.ofMillis(50));
        in.start(events::add);
        exit.mockState(DigitalState.LOW);
        scheduler.advance(Duration.ofMillis(5));
        exit.mockState(DigitalState.HIGH);
        scheduler.advance(Duration.ofMillis(100));
        assertTrue(events.isEmpty(), events.toString());
    }

    @Test
    void unwiredInputsAreReportedAsSuch() {
        GpioConfig none = new GpioConfig(GpioConfig.Provider.MOCK, new GpioConfig.Lock(17, true, SafeState.LOCKED),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0);
        GpioInputs in = new GpioInputs(ctx, none, clock, scheduler);
        assertFalse(in.isWired(GateInput.Kind.MASK_PRESENT));
        assertFalse(in.isAsserted(GateInput.Kind.MASK_PRESENT));
    }
}
