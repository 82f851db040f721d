package org.gridgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SimMainTest {
    @Test
    void everyCommandHasItsOwnHelp() {
        for (String command : SimHelp.COMMANDS.keySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = SimMain.run(new String[] {command, "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            String help = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, command);
            assertTrue(help.startsWith("usage: java -jar gridgate-sim.jar " + command), help);
            assertFalse(help.equals(SimMain.USAGE), command);
            assertTrue(SimMain.USAGE.contains("  " + command), "the general usage lists " + command);
        }
        assertFalse(SimMain.USAGE.contains("DESIGN.md"), "the project's docs, not the design brief");
    }
}
