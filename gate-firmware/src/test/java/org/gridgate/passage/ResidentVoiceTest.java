package org.gridgate.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridgate.config.ResidentConfig;
import org.gridgate.resident.ResidentStream;
import org.gridgate.resident.Screen;
import org.gridgate.resident.voice.RecordingOutput;
import org.gridgate.resident.voice.TestClips;
import org.gridgate.resident.voice.VoicePlayer;
import org.gridgate.signals.GateInput.Kind;
import org.gridgate.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which voice clips play, in which order, for a scripted sequence of passages through a real gate loop. */
class ResidentVoiceTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    Path dir;
    GateHarness g;
    ResidentStream stream;
    final RecordingOutput out = new RecordingOutput();

    void gate(ResidentConfig.Language language, Optional<ResidentConfig.QuietHours> quiet) throws Exception {
        g = new GateHarness(dir, GateHarness.policy(Policy.Movement.DEFAULTS));
        stream = new ResidentStream(g.clock, g.scheduler, Duration.ofSeconds(6), Set.of(VoicePlayer.DEVICE_ID));
        g.loop.addObserver(stream);
        ResidentConfig.Voice config = new ResidentConfig.Voice(TestClips.write(dir.resolve("voice")), language, 80,
                quiet, ResidentConfig.Voice.Output.AUTO);
        stream.attach("voice", new VoicePlayer(config, out, g.loop.inputListener()::status, g.clock));
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

    private void heard(String... clips) {
        List<String> want = List.of(clips);
        Await.until(WAIT, () -> "clips " + want + ", heard " + out.played, () -> out.played.equals(want));
    }

    @Test
    void aScriptedSequenceOfPassagesPlaysItsClipsInOrder() throws Exception {
        gate(ResidentConfig.Language.ZH, Optional.empty());
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        heard("zh/measuring.detail");
        g.reading(36.4);
        heard("zh/measuring.detail", "zh/granted");
        g.advance(Duration.ofSeconds(6)); // back to idle: silent
        g.input(Kind.MASK_PRESENT, false);
        g.scan("code:R-2:YELLOW", Direction.ENTRY);
        heard("zh/measuring.detail", "zh/granted", "zh/measuring.detail");
        g.reading(36.5);
        heard("zh/measuring.detail", "zh/granted", "zh/measuring.detail", "zh/wear_mask");
        g.advance(Duration.ofSeconds(3)); // the mask grace ends
        heard("zh/measuring.detail", "zh/granted", "zh/measuring.detail", "zh/wear_mask", "zh/denied",
                "zh/step.green_only", "zh/step.mask_on");
        g.scan("code:R-1:GREEN", Direction.EXIT);
        heard("zh/measuring.detail", "zh/granted", "zh/measuring.detail", "zh/wear_mask", "zh/denied",
                "zh/step.green_only", "zh/step.mask_on", "zh/granted");
    }

    @Test
    void bothLanguagesSayChineseFirst() throws Exception {
        gate(ResidentConfig.Language.BOTH, Optional.empty());
        g.input(Kind.MASK_PRESENT, true);
        g.loop.setMode("lead", GateMode.MAINTENANCE);
        heard("zh/exit_only", "en/exit_only", "zh/exit_only.detail", "en/exit_only.detail");
    }

    @Test
    void aNewerPromptCutsOffTheStaleOne() throws Exception {
        gate(ResidentConfig.Language.ZH, Optional.empty());
        g.input(Kind.MASK_PRESENT, true);
        out.holdNext(); // "measuring" is still playing when the answer comes
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        Await.until(WAIT, "the measuring prompt starts", () -> out.holding);
        g.reading(36.4);
        heard("zh/measuring.detail (cut)", "zh/granted");
    }

    @Test
    void quietHoursPlayOnlyTones() throws Exception {
        gate(ResidentConfig.Language.ZH, Optional.of(new ResidentConfig.QuietHours(LocalTime.of(22, 0),
                LocalTime.of(7, 0))));
        g.advance(Duration.ofHours(23)); // 23:00 in the clock's zone (UTC)
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(36.4);
        heard("tone.go");
        g.scan("code:R-1:RED", Direction.ENTRY);
        g.reading(36.4);
        heard("tone.go", "tone.stop");
    }

    @Test
    void aMissingSoundCardIsADeviceFaultAndNeverADenial() throws Exception {
        gate(ResidentConfig.Language.ZH, Optional.empty());
        out.unplug();
        g.input(Kind.MASK_PRESENT, true);
        g.scan("code:R-1:GREEN", Direction.ENTRY);
        g.reading(36.4);
        assertTrue(g.last().granted(), "granted without a voice");
        Await.until(WAIT, "the fault reaches the gate", () -> {
            g.sync();
            return g.alarms.contains("device_fault");
        });
        assertEquals("no sound card", g.loop.snapshot().devices().get(VoicePlayer.DEVICE_ID).reason());
        assertEquals(Screen.GRANTED, stream.current().screen(), "not a device fault on the resident's screen");
    }
}
