package org.gridgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contracts: exit codes and messages other tools rely on. */
class MainTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The shipped kit config finished as provisioning finishes it: a root key, a trust anchor, a volunteer. */
    static String completed(String piKit) {
        String key;
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            key = java.util.Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return piKit.replace("  clockSkewS: 300\n", "  clockSkewS: 300\n  rootKeys: [ { kid: \"AAECAwQFBgc=\", publicKey: \""
                + key + "\" } ]\n  trustAnchors: [ { kid: \"AAECAwQFBgc=\", publicKey: \"" + key + "\" } ]\n")
                .replace("  volunteers: []", "  volunteers:\n    - { id: wang, role: lead, pin: \""
                        + org.gridgate.console.PinHash.hash("482913".toCharArray(), 10_000, new java.security.SecureRandom())
                        + "\" }");
    }

    @Test
    void configCheckRefusesTheUnfinishedKitConfigAndSaysWhatToAdd() {
        assertEquals(78, run("config", "check", "../device-config/examples/pi-kit.yaml"));
        String e = err();
        assertTrue(e.matches("(?s).*pi-kit.yaml:\\d+: credentials.rootKeys: no root key.*"), e);
        assertTrue(e.matches("(?s).*pi-kit.yaml:\\d+: console.volunteers: no volunteer can sign in.*hash-pin.*"), e);
        assertTrue(e.contains("this config would not run a working gate"), e);
    }

    @Test
    void configCheckAcceptsACompletedKitConfigAndOnlyWarnsAboutDevicesNotPluggedIn(@TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("gate.yaml");
        Files.writeString(f, completed(Files.readString(Path.of("../device-config/examples/pi-kit.yaml"))));
        assertEquals(0, run("config", "check", f.toString()), err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ok (gate gate-01"), out.toString());
        assertTrue(err().contains(":34: thermometer.port: warning: no such device now: '/dev/serial0'"), err());
        err.reset();
        assertEquals(78, run("config", "check", "--strict", f.toString()));
        assertTrue(err().contains(":34: thermometer.port: no such device now: '/dev/serial0'"), err());
    }

    @Test
    void configCheckRefusesAWindowsPortAndSuggestsMisspeltKeys(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gate.yaml");
        Files.writeString(f, completed(Files.readString(Path.of("../device-config/examples/pi-kit.yaml")))
                .replace("port: /dev/serial0", "port: COM3").replace("lockReleaseS: 5", "lockReleseS: 5"));
        assertEquals(78, run("config", "check", f.toString()));
        assertTrue(err().contains("thermometer.port: 'COM3' is a Windows port name"), err());
        assertTrue(err().contains("policy.lockReleseS: unknown key; did you mean 'lockReleaseS'?"), err());
    }

    @Test
    void configCheckOnAMissingFileSaysSoWithoutAnExceptionName(@TempDir Path dir) {
        assertEquals(78, run("config", "check", dir.resolve("gridgate.yaml").toString()));
        assertTrue(err().contains("gridgate.yaml:1: (top): no such file"), err());
        assertFalse(err().contains("Exception"), err());
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String command : Main.HELP.keySet()) {
            out.reset();
            assertEquals(0, run(command, "--help"));
            String help = out.toString(StandardCharsets.UTF_8);
            assertTrue(help.startsWith("usage: ") && help.contains(command) && !help.equals(Main.USAGE), help);
        }
        out.reset();
        assertEquals(0, run("config", "check", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--strict"));
    }

    @Test
    void configCheckListsEveryProblemAsFileLineFieldAndExits78(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, Files.readString(Path.of("../device-config/examples/pi-kit.yaml"))
                .replace("feverThresholdC: 37.3", "feverThresholdC: hot")
                .replace("    pin: 27\n", "    pin: 4\n"));
        assertEquals(78, run("config", "check", f.toString()));
        String[] all = err().strip().split("\n");
        assertEquals(f + ": 2 problems: this config would not run a working gate", all[all.length - 1]);
        String[] lines = java.util.Arrays.copyOf(all, all.length - 1);
        assertEquals(2, lines.length, err());
        for (String l : lines) {
            assertTrue(l.matches(java.util.regex.Pattern.quote(f.toString()) + ":\\d+: [a-zA-Z.\\[\\]0-9]+: .+"), l);
        }
        assertTrue(err().contains("policy.feverThresholdC: must be a number"), err());
        assertTrue(err().contains("gpio.buzzer.pin: GPIO 4 is already used by gpio.lock.pin"), err());
        assertFalse(err().contains("Exception"), "no stack trace for the user");
    }

    @Test
    void runRefusesABrokenConfigWith78(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "gate: {}\n");
        assertEquals(78, run("run", "--config", f.toString()));
        assertTrue(err().contains("gate.id: missing required field"), err());
    }

    @Test
    void runExplainsThatSimulatedDevicesNeedTheSimulator() {
        assertEquals(78, run("run", "--config", "../device-config/examples/sim.yaml"));
        assertTrue(err().contains("played by the simulator"), err());
    }

    @Test
    void runRefusesAJournalFromANewerVersionWith78AndSaysWhatToDo(@TempDir Path dir) throws Exception {
        // A downgrade: the journal was migrated by a newer package. Restarting cannot fix that (78).
        Path journal = org.gridgate.storage.ReleasedDatabases.copy("0.1.0", "sim-journal.db", dir);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + journal);
                java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 999");
        }
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        String root = java.util.Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        String pin = org.gridgate.console.PinHash.hash("731942".toCharArray(), 10_000, new java.security.SecureRandom());
        Path f = dir.resolve("gate.yaml");
        Files.writeString(f, """
                gate: { id: gate-07, community: sunflower-court, timezone: UTC }
                storage: { journal: sim-journal.db, identityKeyFile: identity.key }
                thermometer: { model: gy-mcu90614, transport: serial, port: /dev/ttyUSB0, baud: 9600 }
                scanners:
                  - { id: scanner-in, direction: entry, transport: serial, port: /dev/ttyACM0, baud: 9600 }
                gpio:
                  provider: mock
                  lock: { pin: 17, activeLow: true, safeState: locked }
                mqtt: { uris: [ "tcp://127.0.0.1:1883" ] }
                credentials:
                  rootKeys: [ { kid: Z2F0ZS0wNy1yb290, publicKey: %s } ]
                console:
                  bind: 127.0.0.1
                  port: 0
                  volunteers: [ { id: zhang, role: lead, pin: "%s" } ]
                """.formatted(root, pin));
        assertEquals(78, run("run", "--config", f.toString()), err());
        assertTrue(err().contains("schema version 999, newer than this gridgate's"), err());
        assertTrue(err().contains("Roll back"), err());
    }

    @Test
    void unknownCommandsAndMissingArgumentsAreUsageErrors() {
        assertEquals(64, run("fly"));
        assertEquals(64, run("config", "check"));
        assertEquals(64, run());
        assertTrue(err().contains("unknown command 'fly'"), err());
    }

    @Test
    void conformanceOnAMissingFolderFailsClearly(@TempDir Path dir) {
        int code = run("conformance", dir.resolve("nope").toString());
        assertTrue(code != 0);
    }
}
