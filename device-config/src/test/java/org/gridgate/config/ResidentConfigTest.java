package org.gridgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.gridgate.config.ResidentConfig.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResidentConfigTest {
    @TempDir
    Path dir;

    private GateConfig load(String extra) throws Exception {
        String text = Files.readString(ConfigLoaderTest.EXAMPLES.resolve("sim.yaml"));
        Path f = dir.resolve("g.yaml");
        Files.writeString(f, text.substring(0, text.indexOf("\ndisplay:")) + "\n" + extra.replace('~', '\n'));
        return ConfigLoader.load(f);
    }

    @Test
    void examplesHaveADisplayAndThePiKitAVoice() throws Exception {
        ResidentConfig sim = ConfigLoader.load(ConfigLoaderTest.EXAMPLES.resolve("sim.yaml")).resident();
        assertEquals(0, sim.display().orElseThrow().port());
        assertEquals(Language.BOTH, sim.display().orElseThrow().language());
        ResidentConfig kit = ConfigLoader.load(ConfigLoaderTest.EXAMPLES.resolve("pi-kit.yaml")).resident();
        ResidentConfig.Voice v = kit.voice().orElseThrow();
        assertEquals(Path.of("/var/lib/gridgate/voice"), v.directory());
        assertEquals(Language.ZH, v.language());
        ResidentConfig.QuietHours q = v.quietHours().orElseThrow();
        assertTrue(q.contains(LocalTime.of(23, 30)) && q.contains(LocalTime.of(6, 59)) && !q.contains(LocalTime.NOON));
        assertTrue(kit.lcd().isEmpty());
    }

    @Test
    void noSectionsNothingShown() throws Exception {
        assertEquals(ResidentConfig.NONE, load("").resident());
        assertTrue(load("display: { enabled: false }~").resident().display().isEmpty());
    }

    @Test
    void lcdAndVoiceWithTheirDefaults() throws Exception {
        ResidentConfig r = load("lcd: { type: st7920, chipSelect: 1 }~voice: { directory: clips }~").resident();
        ResidentConfig.Lcd lcd = r.lcd().orElseThrow();
        assertEquals(0, lcd.spiBus());
        assertEquals(1, lcd.chipSelect());
        assertEquals(500_000, lcd.clockHz());
        assertEquals(dir.toAbsolutePath().resolve("clips"), r.voice().orElseThrow().directory().toAbsolutePath());
        assertEquals(80, r.voice().orElseThrow().volume());
        assertEquals(Duration.ofSeconds(6), load("display: {}~").resident().display().orElseThrow().idleAfter());
    }

    /** Newlines in the YAML are written as ~. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "display.bind|display: { bind: 0.0.0.0 }~|loopback only",
        "display.language|display: { language: fr }~|must be one of zh, en, both",
        "display.idleAfterS|display: { idleAfterS: 0 }~|must be between 1 and 120",
        "display.colour|display: { colour: red }~|unknown key",
        "lcd.type|lcd: { spiBus: 0 }~|missing required field",
        "lcd.type|lcd: { type: hd44780 }~|must be one of st7920",
        "lcd.clockHz|lcd: { type: st7920, clockHz: 2000000 }~|must be between 10000 and 1000000",
        "lcd.chipSelect|lcd: { type: st7920, chipSelect: 2 }~|must be between 0 and 1",
        "voice.volume|voice: { volume: 150 }~|must be between 0 and 100",
        "voice.quietHours|voice: { quietHours: 22-7 }~|like 22:00-07:00",
        "voice.output|voice: { output: pulse }~|must be one of auto, javasound, aplay",
    })
    void badValuesNameTheFieldAndLine(String field, String yaml, String message) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        ConfigProblem p = e.problems().stream().filter(x -> x.path().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + field + ": " + e.problems()));
        assertTrue(p.message().contains(message), p.message());
        assertTrue(p.line() > 90, "the line of the section at the end of the file: " + p.line());
        assertTrue(p.toString().contains("g.yaml:" + p.line() + ": " + field), p.toString());
    }

    @Test
    void anLcdOnSpi0ClaimsItsPins() throws Exception {
        String withMaskOnCe0 = Files.readString(ConfigLoaderTest.EXAMPLES.resolve("sim.yaml"))
                .replace("  maskDetector:\n    pin: 13", "  maskDetector:\n    pin: 8");
        Path f = dir.resolve("g.yaml");
        Files.writeString(f, withMaskOnCe0 + "\nlcd: { type: st7920, chipSelect: 0 }\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("lcd.chipSelect")
                && p.message().contains("GPIO 8 is already used by gpio.maskDetector")), e.problems().toString());
        assertFalse(load("lcd: { type: st7920, chipSelect: 1 }~").resident().lcd().isEmpty());
    }
}
