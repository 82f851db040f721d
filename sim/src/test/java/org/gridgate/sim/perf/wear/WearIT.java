package org.gridgate.sim.perf.wear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --only wear --quick} through the shipped jar: bytes written to a loop-mounted card per passage. */
class WearIT {
    @Test
    void benchPrintsBytesWrittenPerPassage(@TempDir Path out) throws Exception {
        SystemTools.requireRoot("loop-mounts an ext4 image");
        SystemTools.require("mkfs.ext4", "e2fsprogs");
        Path jar = Path.of("target", "gridgate-sim.jar");
        assertTrue(Files.isRegularFile(jar), "shaded jar built in package: " + jar.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "perf", "--only", "wear", "--quick", "--out",
                out.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), text);
        assertEquals(0, p.exitValue(), text);
        double perPassage = figure(text, "bytes_written_per_passage");
        double decisionOnly = figure(text, "bytes_written_per_decision_without_door");
        // Three durable commits cannot cost less than three 4 KB blocks; a regression to the old 146 KB shows.
        assertTrue(perPassage >= 12_288 && perPassage < 120_000, text);
        assertTrue(decisionOnly >= 4096 && decisionOnly < perPassage, text);
        assertTrue(figure(text, "card_life_years_2000_passages_per_day") > 1, text);
    }

    private static double figure(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " ([0-9.]+) ").matcher(text);
        assertTrue(m.find(), name + " in:\n" + text);
        return Double.parseDouble(m.group(1));
    }
}
