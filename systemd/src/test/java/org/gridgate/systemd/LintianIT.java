package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's own package checker has nothing to say about either package: no error, no warning. */
class LintianIT {
    @TempDir
    Path tmp;

    @Test
    void theDaemonPackageIsLintianClean() throws Exception {
        assertClean(Packages.daemon());
    }

    @Test
    void theToolsPackageIsLintianClean() throws Exception {
        assertClean(Packages.tools());
    }

    private void assertClean(Path deb) throws Exception {
        String lintian = SystemTools.require("lintian", "lintian");
        // Errors and warnings only (lintian's default); a tag that fires makes the exit non-zero.
        Command c = Command.run(tmp, lintian, "--fail-on", "error,warning", deb.toString());
        String report = c.out().lines().filter(l -> !l.contains("running with root privileges")).reduce("", (a, b) -> a + b + "\n");
        assertEquals("", report, "lintian on " + deb.getFileName() + ":\n" + c.all());
        assertEquals(0, c.exit(), c.all());
    }
}
