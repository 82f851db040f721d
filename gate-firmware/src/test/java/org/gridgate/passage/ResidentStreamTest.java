package org.gridgate.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gridgate.device.DeviceStatus;
import org.gridgate.resident.ResidentStream;
import org.gridgate.resident.ResidentView;
import org.gridgate.resident.Screen;
import org.gridgate.signals.GateInput.Kind;
import org.gridgate.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resident stream on a real gate loop: what the person in front of the gate is shown, step by step. */
class ResidentStreamTest {
    static final Duration IDLE = Duration.ofSeconds(6);
    @TempDir
    Path dir;
    GateHarness g;
    ResidentStream stream;
    final List<Progress.Stage> stages = new CopyOnWriteArrayList<>();

    void gate() throws Exception {
        g = new GateHarness(dir, GateHarness.policy(Policy.Movement.DEFAULTS));
        stream = new ResidentStream(g.clock, g.scheduler, IDLE, Set.of("voice"));
        g.loop.addObserver(stream);
        g.loop.addObserver(new GateObserver() {
            @Override
            public void progressed(Progress p) {
                stages.add(p.stage());
            }
        });
    }

    @AfterEach
    void close() {
        if (stream != null) {
            stream.close();
        }
        if (g != null) {
            g.close();
        }
    }

    private Screen screen() {
        g.sync();
        return stream.current().screen();
    }

    @Test
    void aPassageFromScanToAnswerAndBackToIdle() throws Exception {
        gate();
        assertEquals(Screen.IDLE, screen());
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        assertEquals(List.of(Progress.Stage.CODE_READ, Progress.Stage.MEASURING), stages);
        assertEquals(Screen.MEASURING, screen());
        g.reading(20.0); // nobody in front of the sensor
        assertEquals(Screen.STEP_CLOSER, screen());
        g.advance(Passages.REMEASURE_DELAY);
        g.reading(36.4);
        assertEquals(Screen.WEAR_MASK, screen(), "temperature in, no mask seen yet");
        g.input(Kind.MASK_PRESENT, true);
        ResidentView v = stream.current();
        assertEquals(Screen.GRANTED, v.screen());
        assertEquals(36.4, v.temperatureC().orElseThrow(), 0.5);
        assertEquals("*1", v.masked().orElseThrow(), "masked identity only");
        assertTrue(v.items().isEmpty());
        g.advance(IDLE.minusMillis(1));
        assertEquals(Screen.GRANTED, screen());
        g.advance(Duration.ofMillis(1));
        assertEquals(Screen.IDLE, screen(), "back to idle by itself");
    }

    @Test
    void aDenialListsEveryFailedCheckWithWhatToDo() throws Exception {
        gate();
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:X-9:RED", Direction.ENTRY);
        g.reading(36.4);
        ResidentView v = stream.current();
        assertEquals(Screen.DENIED, v.screen());
        assertEquals(List.of("reason.not_registered", "reason.code_red"),
                v.items().stream().map(i -> i.reason().key()).toList());
        assertEquals(List.of("step.register", "step.green_only"), v.steps().stream().map(p -> p.key()).toList());
        // The next person scans before the answer times out: their passage is shown, not "idle" at 6 s.
        g.advance(Duration.ofSeconds(3));
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.advance(Duration.ofSeconds(4));
        assertEquals(Screen.MEASURING, screen());
    }

    @Test
    void aFeverIsItsOwnScreenWithTheRemeasureStep() throws Exception {
        gate();
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        for (int i = 0; i < 3; i++) {
            g.reading(38.6);
            assertTrue(i == 2 || screen() == Screen.MEASURING, "measuring again after a high reading");
            g.advance(Passages.REMEASURE_DELAY);
        }
        ResidentView v = stream.current();
        assertEquals(Screen.FEVER, v.screen());
        assertEquals("step.remeasure", v.steps().get(0).key());
        assertTrue(v.temperatureC().orElseThrow() >= 37.3);
    }

    @Test
    void modesAndFaultsChangeTheRestingScreen() throws Exception {
        gate();
        g.loop.setMode("lead", GateMode.LOCKDOWN);
        assertEquals(Screen.LOCKDOWN, screen());
        g.loop.setMode("lead", GateMode.MAINTENANCE);
        assertEquals(Screen.EXIT_ONLY, screen());
        g.loop.setMode("lead", GateMode.NORMAL);
        assertEquals(Screen.IDLE, screen());
        g.loop.inputListener().status(DeviceStatus.fault("voice", "no sound card", g.clock.instant()));
        assertEquals(Screen.IDLE, screen(), "the sound card is the volunteer's problem, not the resident's");
        g.loop.inputListener().status(DeviceStatus.fault("t", "unplugged", g.clock.instant()));
        assertEquals(Screen.DEVICE_FAULT, screen());
        g.loop.setMode("lead", GateMode.EMERGENCY_EGRESS);
        assertEquals(Screen.EMERGENCY, screen(), "in an emergency the way out comes first");
        g.loop.setMode("lead", GateMode.NORMAL);
        g.loop.inputListener().status(DeviceStatus.ok("t", g.clock.instant()));
        assertEquals(Screen.IDLE, screen());
    }

    @Test
    void aDecisionThatCannotBeRecordedClosesTheGateOnScreen() throws Exception {
        gate();
        g.input(Kind.MASK_PRESENT, true);
        g.journal.close(); // the disk is gone: nothing can be committed
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(36.4);
        assertEquals(Screen.GATE_CLOSED, screen());
        g.advance(Duration.ofMinutes(1));
        assertEquals(Screen.GATE_CLOSED, screen(), "stays closed: no passage can be recorded");
    }

    @Test
    void aStuckOutputNeitherBlocksTheGateNorGetsStaleViewsWhenItWakes() throws Exception {
        gate();
        CountDownLatch release = new CountDownLatch(1);
        List<ResidentView> seen = new CopyOnWriteArrayList<>();
        stream.attach("stuck", v -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(v);
        });
        g.input(Kind.MASK_PRESENT, true);
        for (int i = 0; i < 20; i++) {
            g.scan("code:R-1:GREEN", i % 2 == 0 ? Direction.ENTRY : Direction.EXIT);
            g.reading(36.4);
            g.advance(Duration.ofSeconds(1));
        }
        assertEquals(20, g.decisions.size(), "every passage decided while the output was stuck");
        release.countDown();
        long last = stream.current().seq();
        Await.until(Duration.ofSeconds(10), "the stuck output catches up", () -> !seen.isEmpty()
                && seen.get(seen.size() - 1).seq() == last);
        assertTrue(seen.size() <= 2, "it skipped the stale views: " + seen.size());
    }
}
