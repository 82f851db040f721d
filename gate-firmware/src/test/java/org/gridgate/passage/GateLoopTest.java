package org.gridgate.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gridgate.signals.GateInput.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate loop on a manual clock: passages, re-measure, window, exits, door alarms, egress. */
class GateLoopTest {
    @TempDir
    Path dir;
    GateHarness g;

    GateHarness gate(Policy.Movement movement) throws Exception {
        g = new GateHarness(dir, GateHarness.policy(movement));
        g.input(Kind.DOOR_OPEN, false);
        g.input(Kind.EXIT_REQUEST, false);
        return g;
    }

    @AfterEach
    void close() {
        if (g != null) {
            g.close();
        }
    }

    @Test
    void grantIsJournaledThenTheLockOpensForItsTime() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        assertEquals(1, g.thermometer.requests.get(), "the scan asks the thermometer for a reading");
        assertEquals(java.util.List.of(1), g.thermometerAskedAtVerify,
                "asked before the signature check, so the reading travels while the code is verified");
        assertFalse(g.lock.isReleased(), "no decision before the temperature is in");
        g.reading(36.4);
        assertTrue(g.last().granted());
        assertTrue(g.lock.isReleased());
        assertEquals(DigitalState.LOW, g.pin("lock"), "active-low relay energised");
        assertEquals(1, g.journal.stats().total() - countEvents(), "one passage record");
        g.advance(Duration.ofSeconds(5));
        assertFalse(g.lock.isReleased());
    }

    private long countEvents() {
        return g.journal.undelivered(0, 1000).stream().filter(e -> !e.kind().topicLevel().equals("passage")).count();
    }

    @Test
    void aFeverReadingIsMeasuredAgainAndTheMedianDecides() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(37.6);
        assertTrue(g.decisions.isEmpty(), "one high reading does not decide");
        g.advance(Passages.REMEASURE_DELAY);
        assertEquals(2, g.thermometer.requests.get());
        g.reading(36.6);
        g.advance(Passages.REMEASURE_DELAY);
        g.reading(36.8);
        Decision d = g.last();
        assertTrue(d.granted(), "median 36.8 passes: " + d.checks());
        assertEquals(3, d.temperature().orElseThrow().readings());
        assertTrue(g.alarms.isEmpty());
    }

    @Test
    void aConfirmedFeverIsDeniedWithAnAlarm() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(37.9);
        g.advance(Passages.REMEASURE_DELAY);
        g.reading(36.9);
        g.advance(Passages.REMEASURE_DELAY);
        g.reading(38.1);
        assertEquals(List.of(Reason.FEVER), g.last().denialReasons());
        assertEquals(37.9, g.last().temperature().orElseThrow().bodyC(), 1e-9);
        assertEquals(List.of("fever"), g.alarms);
        assertFalse(g.lock.isReleased());
        assertTrue(g.loop.snapshot().openAlarms().containsValue("fever"));
    }

    @Test
    void aReplacedPolicyDecidesTheNextPassage() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(36.4);
        g.input(Kind.MASK_PRESENT, false);
        assertTrue(g.last().granted());
        Policy p = GateHarness.policy(Policy.Movement.DEFAULTS);
        g.loop.replacePolicy(new Policy(p.feverThresholdC(), p.plausibleSkinMinC(), p.plausibleSkinMaxC(), false,
                p.passageWindow(), p.maskGrace(), p.lockRelease(), p.calibrationOffsetC(), p.calibrationK(), p.zone(),
                p.movement()));
        g.advance(Duration.ofSeconds(6));
        g.scan("code:R-2:GREEN", Direction.ENTRY);
        g.reading(36.4);
        assertTrue(g.last().granted(), "mask no longer required: " + g.last().denialReasons());
        assertEquals(2, g.decisions.size());
    }

    @Test
    void implausibleReadingPromptsAndAsksAgain() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(24.0); // the room: nobody in front of the sensor
        assertTrue(g.decisions.isEmpty());
        g.advance(Passages.REMEASURE_DELAY);
        assertEquals(2, g.thermometer.requests.get());
        g.reading(36.5);
        assertTrue(g.last().granted());
    }

    @Test
    void windowEndingWithoutAReadingIsIncompleteWithoutAlarm() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.advance(Duration.ofSeconds(15));
        assertEquals(Outcome.INCOMPLETE, g.last().outcome());
        assertTrue(g.alarms.isEmpty());
        assertFalse(g.lock.isReleased());
    }

    @Test
    void missingMaskGetsAGraceThenIsDenied() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(36.5);
        assertTrue(g.decisions.isEmpty());
        g.advance(Duration.ofSeconds(2));
        g.input(Kind.MASK_PRESENT, true); // put it on in time
        assertTrue(g.last().granted());
        g.input(Kind.MASK_PRESENT, false);
        g.scan("code:R-2:GREEN", Direction.ENTRY);
        g.reading(36.5);
        g.advance(Duration.ofSeconds(3));
        assertEquals(List.of(Reason.NO_MASK), g.last().denialReasons());
    }

    @Test
    void aSerialMaskDetectorLineCountsAsTheMaskSignal() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        org.gridgate.device.pipe.PipeLink[] pipe = org.gridgate.device.pipe.PipeLink.pair("mask");
        var config = new org.gridgate.config.MaskLineConfig("mask-line", "pipe", 9600,
                org.gridgate.config.ScannerConfig.Terminator.CRLF, "MASK", "NOMASK");
        try (var line = new org.gridgate.signals.serial.SerialMaskLine(config, (port, baud) -> pipe[0], g.clock,
                g.scheduler)) {
            var delivered = new java.util.concurrent.atomic.AtomicInteger();
            var toLoop = g.loop.inputListener();
            line.start(new org.gridgate.device.DeviceListener<>() {
                @Override
                public void accept(org.gridgate.signals.GateInput value) {
                    toLoop.accept(value);
                    delivered.incrementAndGet(); // counted once queued: a sync() after this sees it handled
                }

                @Override
                public void status(org.gridgate.device.DeviceStatus status) {
                    toLoop.status(status);
                }
            });
            g.scan("code:R-1:GREEN", Direction.ENTRY);
            g.reading(36.5);
            assertTrue(g.decisions.isEmpty(), "waiting for the mask");
            pipe[1].write("MASK\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            org.gridgate.testing.Await.until(Duration.ofSeconds(30), "the grant", () -> {
                g.sync();
                return !g.decisions.isEmpty();
            });
            assertTrue(g.last().granted());
            pipe[1].write("NOMASK\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            org.gridgate.testing.Await.until(Duration.ofSeconds(30), "mask off", () -> delivered.get() == 2);
            g.sync();
            g.scan("code:R-2:GREEN", Direction.ENTRY);
            g.reading(36.5);
            g.advance(Duration.ofSeconds(3));
            assertEquals(List.of(Reason.NO_MASK), g.last().denialReasons());
        }
    }

    @Test
    void quarantinedResidentIsDeniedExitAndTheVolunteerAlerted() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.scan("code:R-Q:GREEN", Direction.EXIT);
        assertEquals(List.of(Reason.QUARANTINE_EXIT), g.last().denialReasons());
        assertEquals(List.of("quarantine_exit_attempt"), g.alarms);
        g.scan("code:R-Q:GREEN", Direction.ENTRY);
        g.input(Kind.MASK_PRESENT, true);
        g.reading(36.5);
        assertTrue(g.last().granted(), "coming home is allowed");
    }

    @Test
    void householdExitQuotaDeniesTheSecondExitWithTheNextAllowedTime() throws Exception {
        gate(new Policy.Movement(1, Duration.ofDays(3), Duration.ZERO, false, true, true, Duration.ofSeconds(30),
                Duration.ofSeconds(20)));
        g.scan("code:R-1:GREEN", Direction.EXIT);
        assertTrue(g.last().granted());
        g.advance(Duration.ofHours(5));
        g.scan("code:R-2:GREEN", Direction.EXIT);
        assertEquals(List.of(Reason.EXIT_QUOTA), g.last().denialReasons());
        String detail = g.last().checks().stream().filter(c -> c.reason() == Reason.EXIT_QUOTA).findFirst()
                .orElseThrow().detail();
        assertEquals("next exit allowed from 2026-03-05 00:00", detail);
        g.advance(Duration.ofDays(3));
        g.scan("code:R-2:GREEN", Direction.EXIT);
        assertTrue(g.last().granted());
    }

    @Test
    void enteringTwiceWithoutAnExitIsFlaggedNotDenied() throws Exception {
        gate(new Policy.Movement(0, Duration.ofDays(3), Duration.ofMinutes(30), false, true, true,
                Duration.ofSeconds(30), Duration.ofSeconds(20)).withOnePassOneEntry(false));
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(36.5);
        g.advance(Duration.ofMinutes(10));
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(36.5);
        Decision d = g.last();
        assertTrue(d.granted());
        assertTrue(d.checks().stream().anyMatch(c -> c.reason() == Reason.ANTI_PASSBACK && c.passed()));
    }

    /**
     * Finding 6 of issue 20: the same community pass scanned three times 8 s apart gave three grants.
     * Now one pass lets one person in; an exit recorded with it allows the next entry.
     */
    @Test
    void onePassLetsOnePersonInUntilItsExitIsRecorded() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(36.5);
        assertTrue(g.last().granted());
        for (int i = 0; i < 2; i++) {
            g.advance(Duration.ofSeconds(8));
            g.scan("code:R-1:GREEN", Direction.ENTRY);
            g.reading(36.5);
            assertEquals(List.of(Reason.PASS_USED), g.last().denialReasons(), "scan " + (i + 2));
        }
        g.advance(Duration.ofMinutes(30));
        g.scan("code:R-1:GREEN", Direction.EXIT);
        assertTrue(g.last().granted());
        g.advance(Duration.ofMinutes(30));
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(36.5);
        assertTrue(g.last().granted(), "re-entry after a recorded exit");
    }

    @Test
    void doorOpenedWhileLockedIsForcedOpen() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.input(Kind.DOOR_OPEN, true);
        assertEquals(List.of("door_forced_open"), g.alarms);
        assertEquals(DigitalState.HIGH, g.pin("buzzer"));
        g.input(Kind.DOOR_OPEN, false);
        assertEquals(DigitalState.LOW, g.pin("buzzer"), "closing the door silences it");
    }

    @Test
    void doorHeldOpenAfterAGrantWarnsThenAlarms() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(36.5);
        g.input(Kind.DOOR_OPEN, true);
        assertTrue(g.alarms.isEmpty(), "opening after a grant is fine");
        g.advance(Duration.ofSeconds(29));
        assertTrue(g.alarms.isEmpty(), "the pre-alarm warns but raises no alarm");
        g.advance(Duration.ofSeconds(1));
        assertEquals(List.of("door_held_open"), g.alarms);
    }

    @Test
    void exitButtonReleasesTheLockEvenWhenNothingCanBeRecorded() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.journal.close(); // a dead disk
        g.input(Kind.EXIT_REQUEST, true);
        assertTrue(g.lock.isReleased(), "egress never waits for the journal");
        g.input(Kind.DOOR_OPEN, true);
        assertTrue(g.alarms.isEmpty());
    }

    @Test
    void aDecisionThatCannotBeRecordedDoesNotOpenTheLock() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.journal.close();
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(36.5);
        assertFalse(g.lock.isReleased(), "information must be recorded before anyone enters");
    }

    @Test
    void emergencyEgressHoldsTheLockReleasedAndNormalLocksAgain() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.loop.setMode("lead-1", GateMode.EMERGENCY_EGRESS);
        g.sync();
        assertTrue(g.lock.isReleased());
        g.advance(Duration.ofMinutes(5));
        assertTrue(g.lock.isReleased());
        g.loop.setMode("lead-1", GateMode.NORMAL);
        g.sync();
        assertFalse(g.lock.isReleased());
        assertEquals(GateMode.NORMAL, g.loop.snapshot().mode());
    }

    @Test
    void assistedPassIsRecordedWithTheVolunteer() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.input(Kind.MASK_PRESENT, true);
        g.loop.assistedPass("vol-3", "R-2", Direction.ENTRY);
        g.sync();
        g.reading(36.4);
        Decision d = g.last();
        assertTrue(d.granted());
        assertEquals("vol-3", d.assistedBy().orElseThrow());
        String payload = g.journal.undelivered(0, 100).stream().filter(e -> e.kind().topicLevel().equals("passage"))
                .findFirst().orElseThrow().payloadJson();
        assertTrue(payload.contains("\"assistedBy\":\"vol-3\""), payload);
        assertFalse(payload.contains("R-2"), "no clear identity in the record: " + payload);
    }

    @Test
    void acknowledgingAnAlarmClosesIt() throws Exception {
        gate(Policy.Movement.DEFAULTS);
        g.input(Kind.DOOR_OPEN, true);
        long seq = g.loop.snapshot().openAlarms().keySet().iterator().next();
        g.loop.acknowledgeAlarm("vol-1", seq);
        assertTrue(g.loop.snapshot().openAlarms().isEmpty());
    }
}
