package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gridgate-kiosk.service, the resident display's kiosk, checked by systemd's parser and for what it must do. */
class KioskUnitIT {
    private static final Path UNIT = Path.of(System.getProperty("gridgate.systemd.dir", "."))
            .resolve("gridgate-kiosk.service");

    @TempDir
    Path tmp;

    @Test
    void systemdAcceptsTheUnitWithoutAWord() throws Exception {
        String tool = SystemTools.require("systemd-analyze", "systemd");
        SystemTools.require("cage", "cage"); // verify checks that ExecStart's binary exists
        Path unit = Files.copy(UNIT, tmp.resolve("gridgate-kiosk.service"));
        Command c = Command.run(tmp, tool, "verify", unit.toString());
        assertEquals(0, c.exit(), c.all());
        assertEquals("", c.all().strip());
    }

    @Test
    void chromiumKioskUnderCageAsItsOwnUserOnTheLoopbackPage() throws Exception {
        String unit = Files.readString(UNIT);
        Matcher exec = Pattern.compile("(?ms)^ExecStart=(.*?[^\\\\])$").matcher(unit);
        assertTrue(exec.find(), "ExecStart=");
        String cmd = exec.group(1).replace("\\\n", " ");
        assertTrue(cmd.startsWith("/usr/bin/cage ") && cmd.contains(" -- /usr/bin/chromium ") && cmd.contains(" --kiosk "),
                cmd);
        assertTrue(cmd.endsWith("${GRIDGATE_DISPLAY_URL}"), cmd);
        assertTrue(unit.contains("\nEnvironment=GRIDGATE_DISPLAY_URL=http://127.0.0.1:8090/\n"), "the pi-kit's display port");
        assertTrue(unit.contains("\nUser=gridgate-kiosk\n"), "not root, not the gate's user");
        assertTrue(unit.contains("\nPAMName=login\n") && unit.contains("\nTTYPath=/dev/tty7\n"), "a seat session on tty7");
        assertTrue(unit.contains("setterm --blank 0 --powerdown 0"), "screen blanking off");
        assertTrue(unit.contains("\nRestart=always\n"), "a crashed browser comes back");
        String pikit = Files.readString(Path.of(System.getProperty("gridgate.systemd.dir", "."))
                .resolveSibling("device-config/examples/pi-kit.yaml"));
        assertTrue(pikit.contains("display:\n  port: 8090\n"), "the kit's config serves the page the unit opens");
    }
}
