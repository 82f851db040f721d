package org.gridgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleConfigTest {
    static final String HASH = "pbkdf2-sha256$210000$ToCxXqxYvMkFWHgaqBey8w==$RR24fwWGYpFZJcEFKe8gv5YbeuYx3onXrmCBxZsAB5I=";

    @Test
    void simExampleHasAConsoleOnLoopbackWithALead() throws Exception {
        ConsoleConfig c = ConfigLoader.load(ConfigLoaderTest.EXAMPLES.resolve("sim.yaml")).console().orElseThrow();
        assertEquals("127.0.0.1", c.bind());
        assertEquals(0, c.port());
        assertTrue(c.tls().isEmpty());
        assertEquals(5, c.maxFailures());
        assertEquals(Duration.ofMinutes(5), c.lockout());
        assertEquals(ConsoleConfig.Role.LEAD, c.volunteers().get(1).role());
        assertFalse(c.volunteers().get(0).toString().contains("pbkdf2"), "the hash stays out of logs");
        assertTrue(ConfigLoader.load(ConfigLoaderTest.EXAMPLES.resolve("pi-kit.yaml")).console().isPresent());
    }

    @Test
    void noSectionNoConsole(@TempDir Path dir) throws Exception {
        String text = Files.readString(ConfigLoaderTest.EXAMPLES.resolve("sim.yaml"));
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, text.substring(0, text.indexOf("\nconsole:")));
        assertTrue(ConfigLoader.load(f).console().isEmpty());
    }

    @Test
    void tlsPathsResolveAgainstTheFile(@TempDir Path dir) throws Exception {
        GateConfig c = load(dir, "  bind: 0.0.0.0\n  tls:\n    keystore: console.p12\n    passwordFile: pass.txt\n");
        ConsoleConfig.Tls tls = c.console().orElseThrow().tls().orElseThrow();
        assertEquals(dir.toAbsolutePath().resolve("console.p12"), tls.keystore());
        assertEquals(dir.toAbsolutePath().resolve("pass.txt"), tls.passwordFile());
    }

    /** Newlines in the YAML are written as ~ (CSV records are one line). */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "console.bind|'  bind: 192.168.1.20~'|reachable from the LAN: configure console.tls",
        "console.bind|'  bind: gate.local~'|must be an IP address",
        "console.bind|'  bind: beef~'|must be an IP address",
        "console.bind|'  bind: 1.2.3.4.5~'|must be an IP address",
        "console.bind|'  bind: 127.0.0.256~'|must be an IP address",
        "console.port|'  port: 70000~'|must be between 0 and 65535",
        "console.volunteers[0].pin|'  volunteers:~    - { id: wang, pin: \"1234\" }~'|not the PIN itself",
        "console.volunteers[0].pin|'  volunteers:~    - { id: wang, pin: \"pbkdf2-sha256$1000$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==\" }~'|iterations must be",
        "console.volunteers[0].role|'  volunteers:~    - { id: wang, role: boss, pin: \"" + HASH + "\" }~'|must be one of volunteer, lead",
        "console.volunteers|'  volunteers:~    - { id: wang, pin: \"" + HASH + "\" }~    - { id: wang, pin: \"" + HASH + "\" }~'|appears twice",
        "console.volunteers[0].id|'  volunteers:~    - { id: \"wang li\", pin: \"" + HASH + "\" }~'|must be 1-32 letters",
        "console.colour|'  colour: blue~'|unknown key",
        "console.tls.passwordFile|'  tls:~    keystore: k.p12~'|missing required field",
    })
    void badConsoleSettingsAreReportedByField(String path, String yaml, String message, @TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(dir, yaml.replace('~', '\n')));
        ConfigProblem p = e.problems().stream().filter(x -> x.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + path + " in " + e.getMessage()));
        assertTrue(p.message().contains(message), p.message());
        assertFalse(p.message().contains("$RR24"), "a PIN hash is never echoed");
    }

    private static GateConfig load(Path dir, String consoleBody) throws Exception {
        String text = Files.readString(ConfigLoaderTest.EXAMPLES.resolve("sim.yaml"));
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, text.substring(0, text.indexOf("\nconsole:")) + "\nconsole:\n" + consoleBody);
        return ConfigLoader.load(f);
    }
}
