package org.gridgate.sim.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole spine: simulated devices -> serial parsers -> rules -> SQLite -> MQTT -> subscriber. */
class DemoIT {
    @Test
    void everyPassageIsJournaledAndPublishedWithEachKindOfOutcome(@TempDir Path state) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Demo.Result r = Demo.run(new Demo.Options(40, 1, state), new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> all = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(all.get(0).matches("console: http://127\\.0\\.0\\.1:\\d+/"), "console URL first: " + all.get(0));
        assertTrue(all.get(1).matches("display: http://127\\.0\\.0\\.1:\\d+/"), "display URL second: " + all.get(1));
        List<String> lines = all.subList(2, all.size());

        assertEquals(40, r.passages());
        assertEquals(40, r.journaled(), "counted from the SQLite file");
        assertEquals(40, r.published(), "counted from what the subscriber received");
        assertEquals(40, r.granted() + r.denied());
        assertEquals(40, lines.size());
        assertTrue(r.granted() > 0);
        for (String reason : List.of("temperature too high", "health code yellow", "health code red", "no mask",
                "not registered", "barred", "health code expired", "health code signature invalid",
                "health code unreadable", "household exit quota used up", "under home quarantine",
                "visitors not admitted during lockdown", "gate closed to entry")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("DENIED") && l.contains(reason)),
                    "a denial for '" + reason + "' in:\n" + String.join("\n", lines));
        }
        assertTrue(lines.stream().noneMatch(l -> l.matches(".*R-\\d{4}.*")), "identities are masked in the output");
        assertTrue(lines.stream().anyMatch(l -> l.contains(" out ") && l.contains("GRANTED")), "an exit");
        assertTrue(lines.stream().anyMatch(l -> l.contains("assist") && l.contains("GRANTED")), "an assisted pass");
        assertTrue(lines.stream().anyMatch(l -> l.contains("INCOMPLETE")), "someone who walked away");
        assertEquals("demo: 40 passages, " + r.granted() + " granted, " + r.denied() + " denied, 40 journaled, "
                + "40 published", r.line());
    }
}
