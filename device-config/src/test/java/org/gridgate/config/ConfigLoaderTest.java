package org.gridgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    static final Path EXAMPLES = Path.of("examples");

    @ParameterizedTest
    @ValueSource(strings = {"sim.yaml", "pi-kit.yaml"})
    void shippedExamplesAreValid(String name) throws Exception {
        GateConfig c = ConfigLoader.load(EXAMPLES.resolve(name));
        assertEquals(GpioConfig.SafeState.LOCKED, c.gpio().lock().safeState());
        assertEquals(37.3, c.policy().feverThresholdC());
        assertTrue(c.mqtt().isPresent());
    }

    @Test
    void simExampleReadsEveryField() throws Exception {
        GateConfig c = ConfigLoader.load(EXAMPLES.resolve("sim.yaml"));
        assertEquals("sim-gate-01", c.gate().id());
        assertEquals("Asia/Shanghai", c.gate().zone().getId());
        assertEquals(EXAMPLES.toAbsolutePath().resolve("sim-journal.db"), c.storage().journal());
        assertEquals(Transport.SIMULATED, c.thermometer().transport());
        assertEquals(115_200, c.thermometer().baud());
        assertEquals(2, c.scanners().size());
        assertEquals(ScannerConfig.Direction.EXIT, c.scanners().get(1).direction());
        assertEquals(1, c.policy().exitQuotaPersons());
        assertEquals(java.time.Duration.ofDays(3), c.policy().exitQuotaPeriod());
        assertEquals(java.time.Duration.ofMinutes(30), c.policy().antiPassback());
        assertEquals(ScannerConfig.Terminator.CR, c.scanners().get(0).terminator());
        assertEquals(17, c.gpio().lock().pin());
        assertTrue(c.gpio().lock().activeLow());
        assertEquals(13, c.gpio().maskDetector().orElseThrow().pin());
        assertEquals(List.of("tcp://127.0.0.1:1883"), c.mqtt().orElseThrow().uris());
        assertEquals("GG1:", c.credentials().communityPrefix());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "type: passive|gpio.buzzer.pin|needs a hardware PWM pin",
        "toneHz: 2000|gpio.buzzer.toneHz|only for type: passive",
        "type: piezo|gpio.buzzer.type|must be active or passive",
        "type: passive, activeLow: true, pin: 18|gpio.buzzer.activeLow|activeLow does not apply",
    })
    void buzzerMistakesAreNamed(String extra, String path, String message, @TempDir Path dir) throws Exception {
        String text = Files.readString(EXAMPLES.resolve("sim.yaml"));
        Path f = dir.resolve("buzzer.yaml");
        String lines = java.util.Arrays.stream(extra.split(", ")).map(kv -> "    " + kv + "\n")
                .reduce("", String::concat);
        String base = extra.contains("pin:") ? "" : "    pin: 27\n";
        Files.writeString(f, text.replace("    pin: 27\n", base + lines));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals(path) && p.message().contains(message)),
                e.getMessage());
    }

    @Test
    void serialMaskLineIsOptionalAndValidated(@TempDir Path dir) throws Exception {
        String text = Files.readString(EXAMPLES.resolve("sim.yaml"));
        assertEquals(Optional.empty(), ConfigLoader.load(EXAMPLES.resolve("sim.yaml")).maskLine());
        Path f = dir.resolve("mask.yaml");
        Files.writeString(f, text + "maskLine: { port: /dev/ttyUSB3, baud: 115200, present: ok, absent: nomask }\n");
        assertEquals(new MaskLineConfig("mask-line", "/dev/ttyUSB3", 115_200, ScannerConfig.Terminator.CRLF, "ok",
                "nomask"), ConfigLoader.load(f).maskLine().orElseThrow());
        Files.writeString(f, text + "maskLine: { port: /dev/ttyUSB3, present: MASK, absent: mask, colour: red }\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().contains("maskLine.absent: present and absent must be two different"), e.getMessage());
        assertTrue(e.getMessage().contains("maskLine.colour: unknown key"), e.getMessage());
    }

    @Test
    void passiveBuzzerGetsItsPwmChannelFromThePin(@TempDir Path dir) throws Exception {
        String text = Files.readString(EXAMPLES.resolve("sim.yaml"));
        Path f = dir.resolve("passive.yaml");
        Files.writeString(f, text.replace("    pin: 27\n", "    pin: 19\n    type: passive\n    toneHz: 4000\n"));
        GpioConfig.Buzzer b = ConfigLoader.load(f).gpio().buzzer().orElseThrow();
        assertEquals(new GpioConfig.Buzzer(19, false, Optional.of(new GpioConfig.Tone(4000, 1))), b);
        assertEquals(Optional.empty(), ConfigLoader.load(EXAMPLES.resolve("sim.yaml")).gpio().buzzer().orElseThrow()
                .tone(), "active by default");
    }

    /** Each broken variant of the sim config is reported at its line and field. */
    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "  feverThresholdC: 37.3|  feverThresholdC: 52|policy.feverThresholdC|must be between 35 and 40",
        "  feverThresholdC: 37.3|  feverThreshold: 37.3|policy.feverThreshold|unknown key",
        "  mask: required|  mask: sometimes|policy.mask|must be one of required, off",
        "  lockReleaseS: 5|  lockReleaseS: five|policy.lockReleaseS|must be a whole number",
        "    pin: 27|    pin: 17|gpio.buzzer.pin|GPIO 17 is already used by gpio.lock.pin",
        "  id: sim-gate-01|  name: sim-gate-01|gate.id|missing required field",
        "  uris: [ \"tcp://127.0.0.1:1883\" ]|  uris: [ \"http://x\" ]|mqtt.uris|is not a broker URI",
        "    safeState: locked|    safeState: maybe|gpio.lock.safeState|must be one of locked, released",
        "  timezone: Asia/Shanghai|  timezone: Mars/Olympus|gate.timezone|unknown time zone",
    })
    void brokenFieldIsReportedWithLineAndPath(String from, String to, String path, String message,
            @TempDir Path dir) throws Exception {
        String text = Files.readString(EXAMPLES.resolve("sim.yaml"));
        assertTrue(text.contains(from + "\n"), "fixture line present: " + from);
        int line = (int) text.substring(0, text.indexOf(from + "\n")).chars().filter(c -> c == '\n').count() + 1;
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, text.replace(from + "\n", to + "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        ConfigProblem p = e.problems().stream().filter(x -> x.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + path + " in " + e.getMessage()));
        assertEquals(line, p.line(), e.getMessage());
        assertTrue(p.message().contains(message), p.message());
        assertTrue(p.toString().startsWith(f + ":" + line + ": " + path + ": "), p.toString());
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, """
                gate:
                  id: g1
                  community: c1
                  colour: blue
                storage: {}
                thermometer:
                  model: gy-mcu90614
                  transport: serial
                scanners: []
                gpio:
                  provider: mock
                  lock: { pin: 40, safeState: locked }
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        List<String> paths = e.problems().stream().map(ConfigProblem::path).toList();
        assertTrue(paths.containsAll(List.of("gate.colour", "storage.journal", "thermometer.port", "scanners",
                "gpio.lock.pin")), paths.toString());
    }

    @Test
    void twoScannersOnOnePortAreRejected(@TempDir Path dir) throws Exception {
        String text = Files.readString(EXAMPLES.resolve("pi-kit.yaml")).replace("""
                    maxLength: 4096
                """, """
                    maxLength: 4096
                  - id: scanner-out
                    direction: exit
                    transport: serial
                    port: /dev/serial/by-id/usb-GM65_Barcode_Scanner-if00
                """);
        Path f = dir.resolve("two.yaml");
        Files.writeString(f, text);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().contains("scanners[1].port: /dev/serial/by-id/usb-GM65_Barcode_Scanner-if00 is already used by scanners[0].port"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gate: [unclosed", "- just\n- a list", "\u0000\u0001binary", "gate: &a [*a]"})
    void garbageIsRejectedWithAReason(String text, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.yaml");
        Files.writeString(f, text);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
    }

    @Test
    void missingFileIsAProblemNotACrash(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains(": (top): no such file: give the path of the gate's config"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void aWindowsPortNameIsRefusedAndAMisspeltKeyGetsASuggestion(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.yaml");
        Files.writeString(f, Files.readString(Path.of("examples/pi-kit.yaml"))
                .replace("port: /dev/serial0", "port: com3").replace("  baud: 9600\n", "  buad: 9600\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().contains("thermometer.port: 'com3' is a Windows port name"), e.getMessage());
        assertTrue(e.getMessage().contains("thermometer.buad: unknown key; did you mean 'baud'?"), e.getMessage());
    }

    @Test
    void farOffKeysGetNoSuggestion() {
        assertEquals("", Spelling.suggest("colour", java.util.List.of("id", "port", "baud")));
        assertEquals("; did you mean 'debounceMs'?", Spelling.suggest("debounceMS", java.util.List.of("pin", "debounceMs")));
        assertEquals("; did you mean 'terminator'?", Spelling.suggest("termniator", java.util.List.of("terminator", "baud")));
    }

    /** Found by ConfigLoaderFuzzTest: SnakeYAML rejects this tag with an IllegalArgumentException. */
    @Test
    void tagSnakeYamlRefusesIsInvalidYamlNotACrash() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("t.yaml", Path.of("."), "!!M000%0e\n g.\t\t\t\t0000M+"));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().startsWith("t.yaml:1: (top): not valid YAML: "), e.getMessage());
        assertTrue(e.getMessage().contains("Tag"), e.getMessage());
    }

    /** A NUL in a path field cannot name a file: a problem at that field, not an InvalidPathException. */
    @Test
    void nulInAPathIsAProblemAtItsField() throws Exception {
        String text = Files.readString(EXAMPLES.resolve("sim.yaml")).replace("journal: sim-journal.db",
                "journal: \"sim\\0journal.db\"");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("n.yaml", EXAMPLES, text));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("storage.journal")), e.getMessage());
    }
}
