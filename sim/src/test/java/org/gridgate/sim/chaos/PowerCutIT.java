package org.gridgate.sim.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's power-cut test through the shipped jar: the gate's state folder on LazyFS, cut at random
 * moments (every 4th cut a torn write of the journal's WAL). A few cuts in every build; the long mode
 * is {@code -Dgridgate.powercut.cuts=100}. Needs root, /dev/fuse and LazyFS (CI builds it).
 */
class PowerCutIT {
    static final int CUTS = Integer.getInteger("gridgate.powercut.cuts", 8);

    @Test
    void powerCutsLoseNothingActedOnAndTearNoFile(@TempDir Path work) throws Exception {
        SystemTools.require("fusermount3", "fuse3");
        Path lazyfs = SystemTools.requireExecutable(ChaosCommand.defaultLazyFs(),
                "build it with ../shared/tools/lazyfs/build.sh, or set GRIDGATE_LAZYFS");
        if (!Files.exists(Path.of("/dev/fuse"))) {
            SystemTools.requireExecutable(Path.of("/dev/fuse"), "a FUSE-capable kernel or container (--device /dev/fuse)");
        }
        Path jar = Path.of("target", "gridgate-sim.jar");
        assertTrue(Files.isRegularFile(jar), "shaded jar built in package: " + jar.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "powercut", "--cuts", Integer.toString(CUTS),
                "--seed", "18", "--work", work.toString(), "--lazyfs", lazyfs.toString())
                .redirectError(work.resolveSibling(work.getFileName() + "-powercut.err").toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(Math.max(5, CUTS / 2), TimeUnit.MINUTES), "power-cut run finished");
        System.out.print(out);
        List<String> lines = out.lines().toList();
        String last = lines.get(lines.size() - 1);
        Matcher m = Pattern.compile("powercut: (\\d+) cuts \\((\\d+) torn writes, (\\d+) fired\\), (\\d+) decisions, "
                + "(\\d+) lost, (\\d+) torn files, (\\d+) duplicated").matcher(last);
        assertTrue(m.matches(), out);
        assertEquals(CUTS, Integer.parseInt(m.group(1)));
        assertEquals(CUTS / PowerCut.TORN_EVERY, Integer.parseInt(m.group(2)), out);
        assertTrue(Integer.parseInt(m.group(3)) >= 1, "LazyFS tore at least one WAL write: " + out);
        assertTrue(Long.parseLong(m.group(4)) >= CUTS, "decisions between cuts: " + out);
        assertEquals("0", m.group(5), out);
        assertEquals("0", m.group(6), out);
        assertEquals("0", m.group(7), out);
        Matcher stored = Pattern.compile("last stored: roster (\\d+), trust list (\\d+)").matcher(out);
        assertTrue(stored.find(), out);
        assertTrue(Long.parseLong(stored.group(1)) >= 1 && Long.parseLong(stored.group(2)) >= 1,
                "server updates were stored between cuts: " + out);
        assertEquals(0, p.exitValue(), out);
    }
}
