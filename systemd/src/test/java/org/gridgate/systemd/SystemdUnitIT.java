package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gridgate.service checked by systemd's own parser, plus the settings the gate relies on. */
class SystemdUnitIT {
    private static final Path UNIT = Path.of(System.getProperty("gridgate.systemd.dir", ".")).resolve("gridgate.service");
    /**
     * systemd-analyze's exposure score x10 (0 = locked down, 100 = none); ours is 1.7 on systemd 252 (3.4 before
     * issue 20 added the system-call filter, ProtectProc and PrivateMounts).
     */
    private static final int MAX_EXPOSURE = 20;

    @TempDir
    Path tmp;

    private String systemdAnalyze() {
        String tool = SystemTools.require("systemd-analyze", "systemd");
        // verify checks that ExecStart's binary exists: the unit names /usr/bin/java on purpose.
        if (!Files.isExecutable(Path.of("/usr/bin/java"))) {
            String msg = "/usr/bin/java is missing (apt-get install default-jre-headless): systemd-analyze verify needs it";
            if (SystemTools.toolsRequired()) {
                fail(msg + " and gridgate.requireTools is set");
            }
            Assumptions.abort(msg + "; skipped");
        }
        return tool;
    }

    @Test
    void systemdAcceptsTheUnitWithoutAWord() throws Exception {
        String tool = systemdAnalyze();
        // Copy it: verify wants the file named after the unit, and must not write next to the source.
        Path unit = Files.copy(UNIT, tmp.resolve("gridgate.service"));
        Command c = Command.run(tmp, tool, "verify", unit.toString());
        assertEquals(0, c.exit(), c.all());
        // verify exits 0 on unknown keys and unparsable values, it only prints them: silence is the pass.
        assertEquals("", c.all().strip());
    }

    @Test
    void verifyReallyCatchesMistakesHere() throws Exception {
        String tool = systemdAnalyze();
        String good = Files.readString(UNIT);
        Path unit = tmp.resolve("gridgate.service");
        Files.writeString(unit, good.replace("RestartPreventExitStatus=78", "RestartPreventExitStatus=seventy-eight")
                .replace("DeviceAllow=char-i2c rw", "DeviceAllow=char-i2c rwx"));
        String out = Command.run(tmp, tool, "verify", unit.toString()).all();
        assertTrue(out.contains("seventy-eight"), out);
        assertTrue(out.contains("rwx"), out);
        Files.writeString(unit, good.replace("/usr/bin/java ", "/usr/bin/no-such-java "));
        Command missing = Command.run(tmp, tool, "verify", unit.toString());
        assertNotEquals(0, missing.exit(), missing.all());
    }

    @Test
    void sandboxExposureStaysLow() throws Exception {
        String tool = systemdAnalyze();
        Path unit = Files.copy(UNIT, tmp.resolve("gridgate.service"));
        Command c = Command.run(tmp, tool, "security", "--offline=true", "--threshold=" + MAX_EXPOSURE, unit.toString());
        Matcher m = Pattern.compile("Overall exposure level for gridgate.service: ([0-9.]+)").matcher(c.all());
        assertTrue(m.find(), c.all());
        assertEquals(0, c.exit(), "exposure " + m.group(1) + " is above " + MAX_EXPOSURE / 10.0 + ":\n" + c.all());
    }

    @Test
    void theGateReliesOnTheseSettings() throws Exception {
        Map<String, List<String>> s = settings(Files.readString(UNIT));
        assertEquals(List.of("notify"), s.get("Type"));
        assertEquals(List.of("main"), s.get("NotifyAccess"));
        assertEquals(List.of("/usr/bin/java -Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -Xshare:auto "
                + "-XX:SharedArchiveFile=/var/lib/gridgate/gridgate.jsa -XX:+AutoCreateSharedArchive -Xlog:cds=off -jar "
                + "/usr/share/gridgate/gridgate-gate.jar run --config /etc/gridgate/gridgate.yaml"), s.get("ExecStart"));
        assertEquals(List.of("10"), s.get("WatchdogSec"));
        assertEquals(List.of("on-failure"), s.get("Restart"));
        assertEquals(List.of("78"), s.get("RestartPreventExitStatus"), "EX_CONFIG: a bad config must not restart-loop");
        assertEquals(List.of("SIGTERM"), s.get("KillSignal"));
        assertEquals(List.of("143"), s.get("SuccessExitStatus"), "a JVM stopped by SIGTERM exits 143");
        assertEquals(List.of("gridgate"), s.get("User"));
        assertEquals(List.of("gpio dialout i2c input"), s.get("SupplementaryGroups"));
        assertEquals(List.of("gridgate"), s.get("StateDirectory"));
        assertEquals(List.of("/var/lib/gridgate"), s.get("ReadWritePaths"));
        assertEquals(List.of("strict"), s.get("ProtectSystem"));
        assertEquals(List.of(""), s.get("CapabilityBoundingSet"));
        assertEquals(List.of(""), s.get("AmbientCapabilities"));
        assertEquals(List.of("closed"), s.get("DevicePolicy"));
        assertEquals(List.of("@system-service"), s.get("SystemCallFilter"), "GateDaemonIT checks the JVM stays within it");
        assertEquals(List.of("EPERM"), s.get("SystemCallErrorNumber"), "a refused call fails, it does not kill the gate");
        assertEquals(List.of("invisible"), s.get("ProtectProc"));
        assertEquals(List.of("0077"), s.get("UMask"));
        assertEquals(List.of("0700"), s.get("StateDirectoryMode"));
        assertTrue(s.containsKey("MemoryMax"), "a bound on the whole process, past the heap");
        assertTrue(s.get("DeviceAllow").containsAll(List.of("char-ttyACM rw", "char-ttyUSB rw", "char-ttyAMA rw",
                "char-gpiochip rw", "char-i2c rw", "char-input rw")), s.get("DeviceAllow").toString());
        // The JIT needs W+X memory; a console major would open the virtual terminals.
        assertFalse(s.containsKey("MemoryDenyWriteExecute"), "MemoryDenyWriteExecute breaks the JVM's JIT");
        assertFalse(s.containsKey("PrivateDevices"), "PrivateDevices hides the gate's hardware");
        assertFalse(s.get("DeviceAllow").stream().anyMatch(d -> d.startsWith("char-tty ") || d.startsWith("char-ttyS ")),
                "major 4 includes the virtual consoles");
    }

    /** Key to values, in order, for the [Service] section. Good enough for our own file: no continuation lines. */
    private static Map<String, List<String>> settings(String unit) {
        Map<String, List<String>> s = new LinkedHashMap<>();
        boolean service = false;
        for (String line : unit.split("\n")) {
            if (line.startsWith("[")) {
                service = line.equals("[Service]");
            } else if (service && !line.isBlank() && !line.startsWith("#")) {
                assertFalse(line.endsWith("\\"), "continuation lines are not parsed here: " + line);
                int eq = line.indexOf('=');
                s.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
            }
        }
        return s;
    }
}
